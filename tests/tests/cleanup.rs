//! `mainspring::cleanup`: async teardown that runs when the body has ended, however it ended (a
//! return, an `Err`, a panic, a timeout), on every flavor and in a flavor list, last registered
//! first, on the body's runtime, before the leak check; bounded by `cleanup_timeout`; and the fn
//! ends as the body did (the same value, `Err`, panic payload). A cleanup that fails adds to a
//! body's failure, and fails a body that succeeded. The tests whose output or failure is the
//! point run as children (`#[ignore]`d here, or `src/bin/cleanup_main.rs`).

use std::io::Write;
use std::net::SocketAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use mainspring_tests::child::{Output, program, run, this_binary, this_binary_on};

/// A server on loopback, in a task that runs until it is told to stop; and the cleanup that
/// stops it and waits for its task to end, which closes its listener.
async fn serve() -> (SocketAddr, impl Future<Output = ()> + Send + 'static) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        tokio::select! {
            _ = stopped => {}
            () = async { loop { drop(listener.accept().await); } } => {}
        }
    });
    let cleanup = async move {
        stop.send(()).unwrap();
        server.await.unwrap();
    };
    (address, cleanup)
}

/// Whether nothing listens on `address` any more: it can be bound again.
fn free(address: SocketAddr) -> bool {
    std::net::TcpListener::bind(address).is_ok()
}

/// A body that starts a server, registers its cleanup, and ends as `how` says.
async fn serve_then(how: &str, address: &Mutex<Option<SocketAddr>>) -> Result<(), String> {
    let (bound, stop) = serve().await;
    *address.lock().unwrap() = Some(bound);
    mainspring::cleanup(stop);
    assert!(!free(bound), "the server listens while the body runs");
    match how {
        "ok" => Ok(()),
        "err" => Err("the body gave up".to_owned()),
        "panic" => panic!("the body panicked"),
        "timeout" => {
            std::future::pending::<()>().await;
            Ok(())
        }
        other => panic!("unknown end {other:?}"),
    }
}

macro_rules! serving {
    ($($name:ident: ($($args:tt)*);)*) => {$(
        #[mainspring::main($($args)*, timeout = "500ms")]
        async fn $name(how: &str, address: &Mutex<Option<SocketAddr>>) -> Result<(), String> {
            serve_then(how, address).await
        }
    )*};
}

fn builder() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_all();
    builder
}

serving! {
    on_current_thread: (flavor = "current_thread");
    on_multi_thread: (flavor = "multi_thread");
    on_local: (flavor = "local");
    with_a_builder: (builder = builder);
    with_stack_size: (flavor = "current_thread", stack_size = "4MiB");
    with_shutdown_timeout: (flavor = "current_thread", shutdown_timeout = "1s");
    with_every_check: (flavor = "multi_thread", fail_on_task_panic = true, fail_on_leaked_tasks = true);
}

#[test]
fn the_server_is_stopped_however_the_body_ends_on_every_flavor() {
    type Serving = fn(&str, &Mutex<Option<SocketAddr>>) -> Result<(), String>;
    let variants: [(&str, Serving); 7] = [
        ("current_thread", on_current_thread),
        ("multi_thread", on_multi_thread),
        ("local", on_local),
        ("builder", with_a_builder),
        ("stack_size", with_stack_size),
        ("shutdown_timeout", with_shutdown_timeout),
        ("every check", with_every_check),
    ];
    for (name, serving) in variants {
        for how in ["ok", "err", "panic", "timeout"] {
            let address = Mutex::new(None);
            let ended = catch_unwind(AssertUnwindSafe(|| serving(how, &address)));
            let address = address.lock().unwrap().expect("the server started");
            assert!(free(address), "{name}, {how}: the server still listens");
            match (how, ended) {
                ("ok", Ok(Ok(()))) => {}
                ("err", Ok(Err(error))) => assert_eq!(error, "the body gave up"),
                ("panic", Err(payload)) => {
                    assert_eq!(payload.downcast_ref::<&str>(), Some(&"the body panicked"));
                }
                ("timeout", Err(payload)) => {
                    let message = payload.downcast_ref::<String>().expect("a message");
                    assert!(message.starts_with("timed out: it ran longer"), "{message}");
                }
                (how, ended) => panic!("{name}, {how}: ended with {ended:?}"),
            }
        }
    }
}

static ORDER: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[mainspring::main(flavor = "current_thread")]
async fn three_cleanups() {
    for name in ["first", "second", "third"] {
        mainspring::cleanup(async move { ORDER.lock().unwrap().push(name) });
    }
    ORDER.lock().unwrap().push("body");
}

#[test]
fn cleanups_run_after_the_body_last_registered_first() {
    three_cleanups();
    assert_eq!(*ORDER.lock().unwrap(), ["body", "third", "second", "first"]);
}

static FROM_TASKS: AtomicUsize = AtomicUsize::new(0);

/// A task on the fn's own runtime, and blocking work on it, register for the body; so does a
/// cleanup, for a cleanup to come after it.
#[mainspring::main(flavor = "multi_thread", worker_threads = 2)]
async fn registered_from_tasks() {
    tokio::spawn(async {
        mainspring::cleanup(async {
            FROM_TASKS.fetch_add(1, Ordering::SeqCst);
            mainspring::cleanup(async {
                FROM_TASKS.fetch_add(10, Ordering::SeqCst);
            });
        });
    })
    .await
    .unwrap();
    tokio::task::spawn_blocking(|| {
        mainspring::cleanup(async {
            FROM_TASKS.fetch_add(100, Ordering::SeqCst);
        });
    })
    .await
    .unwrap();
}

#[test]
fn tasks_blocking_work_and_cleanups_register_for_the_body() {
    registered_from_tasks();
    assert_eq!(FROM_TASKS.load(Ordering::SeqCst), 111);
}

#[test]
fn outside_a_body_cleanup_panics_and_try_cleanup_gives_it_back() {
    assert!(mainspring::try_cleanup(async {}).is_err());
    let panicked = catch_unwind(|| mainspring::cleanup(async {})).unwrap_err();
    let message = panicked.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(
        message.starts_with("mainspring::cleanup was called outside the body of a"),
        "{message}"
    );
    // A runtime of one's own is outside too.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert!(runtime.block_on(async { mainspring::try_cleanup(async {}).is_err() }));
}

/// The body's runtime and clock: a paused clock is still paused, and what the body left on
/// the runtime still works.
#[mainspring::test(start_paused = true)]
async fn a_cleanup_sees_the_paused_clock() {
    let start = tokio::time::Instant::now();
    tokio::time::sleep(Duration::from_secs(3600)).await;
    let (send, mut receive) = tokio::sync::mpsc::channel::<u32>(1);
    let echo = tokio::spawn(async move { receive.recv().await });
    mainspring::cleanup(async move {
        let real = std::time::Instant::now();
        tokio::time::sleep(Duration::from_secs(600)).await;
        assert!(start.elapsed() >= Duration::from_secs(4200));
        assert!(real.elapsed() < Duration::from_secs(5));
        send.send(7).await.unwrap();
        assert_eq!(echo.await.unwrap(), Some(7));
    });
}

/// A server its cleanup stops is no leak: the leak check comes after the cleanups.
#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
async fn a_server_stopped_by_its_cleanup_is_no_leak() {
    let (_, stop) = serve().await;
    mainspring::cleanup(stop);
}

/// The body's panic goes on unchanged, so `should_panic` matches, after the cleanup ran.
#[mainspring::test(flavor = ["current_thread", "multi_thread"])]
#[should_panic(expected = "the body's own assertion")]
async fn should_panic_still_matches() {
    let (_, stop) = serve().await;
    mainspring::cleanup(stop);
    panic!("the body's own assertion");
}

#[mainspring::test(cleanup_timeout = "200ms")]
#[ignore = "a cleanup hangs on purpose; run by `a_hanging_cleanup_is_dropped_and_named`"]
async fn hanging_cleanup() {
    mainspring::cleanup(std::future::pending()); // the hanging cleanup
}

/// The line of this file that holds `marker`, 1-based.
fn line_of(marker: &str) -> usize {
    include_str!("cleanup.rs")
        .lines()
        .position(|line| line.contains(marker) && !line.contains("line_of"))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("no line with {marker:?}"))
}

#[test]
fn a_hanging_cleanup_is_dropped_and_named() {
    let output = this_binary(&["hanging_cleanup", "--exact", "--ignored"]);
    assert!(output.stdout.contains("1 failed"), "{}", output.all());
    let expected = format!(
        "the cleanup registered at tests/tests/cleanup.rs:{}:5 did not end within 200ms \
         (`cleanup_timeout`), and was dropped",
        line_of("// the hanging cleanup")
    );
    assert!(
        output.all().contains(&expected),
        "{expected}\n{}",
        output.all()
    );
}

#[mainspring::test]
#[ignore = "fails on purpose; run by `a_failing_cleanup_comes_after_the_bodys_failure`"]
async fn panics_then_a_cleanup_panics() {
    mainspring::cleanup(async { panic!("the cleanup's panic") });
    panic!("the body's panic");
}

#[mainspring::test]
#[ignore = "fails on purpose; run by `a_failing_cleanup_comes_after_the_bodys_failure`"]
async fn errs_then_a_cleanup_panics() -> Result<(), String> {
    mainspring::cleanup(async { panic!("the cleanup's panic") });
    Err("the body's error".to_owned())
}

#[mainspring::test]
#[ignore = "fails on purpose; run by `a_failing_cleanup_fails_a_body_that_succeeded`"]
async fn succeeds_then_a_cleanup_panics() {
    mainspring::cleanup(async { panic!("the cleanup's panic") });
}

/// The test of `name` as a child of its own, its output.
fn alone(name: &str) -> Output {
    let output = this_binary(&[name, "--exact", "--ignored"]);
    assert!(output.stdout.contains("1 failed"), "{}", output.all());
    output
}

/// `first` comes before `then` in `text`.
fn in_order(text: &str, first: &str, then: &str) -> bool {
    matches!((text.find(first), text.rfind(then)), (Some(a), Some(b)) if a < b)
}

#[test]
fn a_failing_cleanup_comes_after_the_bodys_failure() {
    let panicked = alone("panics_then_a_cleanup_panics");
    let all = panicked.all();
    assert!(
        in_order(
            &all,
            "the body's panic",
            "mainspring: the cleanup registered at"
        ),
        "{all}"
    );
    let erred = alone("errs_then_a_cleanup_panics");
    let all = erred.all();
    assert!(all.contains("the cleanup's panic"), "{all}");
    // In the test's captured output, the `Err` first.
    assert!(
        in_order(
            &erred.stdout,
            "Error: \"the body's error\"",
            "mainspring: the cleanup registered at"
        ),
        "{all}"
    );
}

#[test]
fn a_failing_cleanup_fails_a_body_that_succeeded() {
    let output = alone("succeeds_then_a_cleanup_panics");
    assert!(
        output.all().contains("panicked: the cleanup's panic"),
        "{}",
        output.all()
    );
}

/// On `main`, the exit status is the body's: 0, 1 for an `Err`, 101 for a panic; a failing
/// cleanup makes a success 101 and leaves an `Err`'s 1.
#[test]
fn main_exits_as_its_body_did() {
    for (how, code) in [
        ("ok", 0),
        ("err", 1),
        ("panic", 101),
        ("ok_then_failing_cleanup", 101),
        ("err_then_failing_cleanup", 1),
    ] {
        let mut command = program(env!("CARGO_BIN_EXE_cleanup_main"));
        command.arg(how);
        let output = run(command);
        assert_eq!(output.code(), Some(code), "{how}: {}", output.all());
        assert!(
            output.stdout.contains("cleanup ran"),
            "{how}: {}",
            output.all()
        );
    }
}

/// Two hundred tests on the shared runtime, in parallel, each registering a cleanup: each runs
/// its own, once, on its own test's thread (a cleanup runs from its body's thread), and says so
/// on stderr past the capture.
macro_rules! shared_cases {
    ($($name:ident)*) => {
        mod on_the_shared_runtime {
            use std::io::Write;
            $(
                #[mainspring::test(shared)]
                #[ignore = "run by `each_shared_test_runs_its_own_cleanups`"]
                async fn $name() {
                    tokio::task::yield_now().await;
                    mainspring::cleanup(async {
                        let thread = std::thread::current();
                        let test = concat!("on_the_shared_runtime::", stringify!($name));
                        assert_eq!(thread.name(), Some(test));
                        tokio::task::yield_now().await;
                        let line = format!("cleanup of {test}\n");
                        let _ = std::io::stderr().write_all(line.as_bytes());
                    });
                }
            )*
        }
    };
}

shared_cases! {
    t000 t001 t002 t003 t004 t005 t006 t007 t008 t009 t010 t011 t012 t013 t014 t015 t016 t017
    t018 t019 t020 t021 t022 t023 t024 t025 t026 t027 t028 t029 t030 t031 t032 t033 t034 t035
    t036 t037 t038 t039 t040 t041 t042 t043 t044 t045 t046 t047 t048 t049 t050 t051 t052 t053
    t054 t055 t056 t057 t058 t059 t060 t061 t062 t063 t064 t065 t066 t067 t068 t069 t070 t071
    t072 t073 t074 t075 t076 t077 t078 t079 t080 t081 t082 t083 t084 t085 t086 t087 t088 t089
    t090 t091 t092 t093 t094 t095 t096 t097 t098 t099 t100 t101 t102 t103 t104 t105 t106 t107
    t108 t109 t110 t111 t112 t113 t114 t115 t116 t117 t118 t119 t120 t121 t122 t123 t124 t125
    t126 t127 t128 t129 t130 t131 t132 t133 t134 t135 t136 t137 t138 t139 t140 t141 t142 t143
    t144 t145 t146 t147 t148 t149 t150 t151 t152 t153 t154 t155 t156 t157 t158 t159 t160 t161
    t162 t163 t164 t165 t166 t167 t168 t169 t170 t171 t172 t173 t174 t175 t176 t177 t178 t179
    t180 t181 t182 t183 t184 t185 t186 t187 t188 t189 t190 t191 t192 t193 t194 t195 t196 t197
    t198 t199
}

#[test]
fn each_shared_test_runs_its_own_cleanups() {
    let output = this_binary_on(8, &["on_the_shared_runtime::", "--ignored"]);
    assert!(
        output.stdout.contains("200 passed; 0 failed"),
        "{}",
        output.all()
    );
    let mut ran: Vec<&str> = output
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("cleanup of on_the_shared_runtime::"))
        .collect();
    ran.sort_unstable();
    let expected: Vec<String> = (0..200).map(|n| format!("t{n:03}")).collect();
    assert_eq!(ran, expected);
}

/// A task on the shared runtime cannot be told to be one test's: registering from one panics,
/// saying so.
#[mainspring::test(shared)]
async fn a_task_on_the_shared_runtime_cannot_register() {
    let registered = tokio::spawn(async { mainspring::try_cleanup(async {}).is_ok() })
        .await
        .unwrap();
    assert!(!registered);
    let panicked = tokio::spawn(async { mainspring::cleanup(async {}) }).await;
    let payload = panicked.unwrap_err().into_panic();
    let message = payload.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(
        message.contains("from a task on a runtime that tests share"),
        "{message}"
    );
    let _ = std::io::stderr().flush();
}
