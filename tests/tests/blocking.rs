//! `fail_on_blocking` and `warn_on_blocking`: a poll that keeps a thread of the runtime from its
//! scheduler past the limit (a sleep, a lock held across a slow call, a blocking read, a loop
//! that never yields), in the body or in a task, on every flavor, fails the test with what was
//! polled and how long; as a warning it is a line on stderr and the test goes on. What is no
//! blocking (waiting for a core on a loaded machine, `spawn_blocking`, `block_in_place`, awaits
//! of any length) is not reported. The failing cases run as children (`#[ignore]`d here).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mainspring_tests::child::{Output, this_binary};
use mainspring_tests::quiet;

/// How long each kind of blocking lasts: three times the limit of the cases.
const BLOCKED: Duration = Duration::from_millis(300);

/// Blocks the calling thread as `how` says, for [`BLOCKED`].
fn block(how: &str) {
    match how {
        "sleep" => std::thread::sleep(BLOCKED),
        "mutex" => {
            // A lock another thread holds across a slow call.
            let lock = Arc::new(Mutex::new(()));
            let (held, holding) = std::sync::mpsc::channel();
            let holder = {
                let lock = lock.clone();
                std::thread::spawn(move || {
                    let _guard = lock.lock().unwrap();
                    held.send(()).unwrap();
                    std::thread::sleep(BLOCKED);
                })
            };
            holding.recv().unwrap();
            drop(lock.lock().unwrap());
            holder.join().unwrap();
        }
        "read" => {
            // A read from a socket whose peer writes late.
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let address = listener.local_addr().unwrap();
            let writer = std::thread::spawn(move || {
                let (mut peer, _) = listener.accept().unwrap();
                std::thread::sleep(BLOCKED);
                peer.write_all(b"late").unwrap();
            });
            let mut stream = std::net::TcpStream::connect(address).unwrap();
            let mut bytes = [0; 4];
            stream.read_exact(&mut bytes).unwrap();
            writer.join().unwrap();
        }
        "spin" => {
            // Until the thread has run that long: on a loaded machine it also waits for a
            // core, which is no blocking.
            let start = on_a_core();
            let mut turns = 0u64;
            while on_a_core() - start < BLOCKED {
                for _ in 0..10_000 {
                    turns = std::hint::black_box(turns + 1);
                }
            }
        }
        other => panic!("unknown blocking {other:?}"),
    }
}

/// How long the calling thread has run, from the kernel (Linux).
fn on_a_core() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    Duration::from_nanos(stat.split_whitespace().next().unwrap().parse().unwrap())
}

macro_rules! blocking_cases {
    ($($flavor:ident: ($($options:tt)*);)*) => {$(
        mod $flavor {
            use super::block;

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn body_sleep() {
                tokio::task::yield_now().await;
                block("sleep");
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn body_mutex() {
                block("mutex");
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn body_read() {
                block("read");
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn body_spin() {
                block("spin");
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn task_sleep() {
                tokio::spawn(async { block("sleep") }).await.unwrap();
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn task_mutex() {
                tokio::spawn(async { block("mutex") }).await.unwrap();
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn task_read() {
                tokio::spawn(async { block("read") }).await.unwrap();
            }

            #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
            #[ignore = "blocks on purpose; run by the tests below"]
            async fn task_spin() {
                tokio::spawn(async { block("spin") }).await.unwrap();
            }
        }
    )*};
}

blocking_cases! {
    current_thread: (flavor = "current_thread");
    multi_thread: (flavor = "multi_thread", worker_threads = 2);
    local: (flavor = "local");
}

/// Runs the ignored case `name` alone.
fn case(name: &str) -> Output {
    this_binary(&[name, "--exact", "--ignored"])
}

/// Runs the ignored case `name` alone, which must fail; its output, and all of it as text.
fn failed_case(name: &str) -> (Output, String) {
    let output = case(name);
    let all = output.all();
    assert!(
        all.contains("test result: FAILED. 0 passed; 1 failed"),
        "{name}:\n{all}"
    );
    (output, all)
}

/// A failing case whose body waits 20 s failed at once, when the check found the blocking.
fn failed_at_once(output: &Output, all: &str) {
    assert!(
        output.elapsed < Duration::from_secs(10),
        "{:?}\n{all}",
        output.elapsed
    );
}

#[test]
fn each_kind_of_blocking_fails_with_what_was_polled() {
    for flavor in ["current_thread", "multi_thread", "local"] {
        for kind in ["sleep", "mutex", "read", "spin"] {
            for place in ["body", "task"] {
                let name = format!("{flavor}::{place}_{kind}");
                let (output, all) = failed_case(&name);
                assert!(
                    all.contains(
                        "without returning to the scheduler (`fail_on_blocking = \"100ms\"`)"
                    ),
                    "{name}:\n{all}"
                );
                // Under `--cfg tokio_unstable` the poll hooks say which task, and where it was
                // spawned: in `block`'s callers, in this file.
                let what = match place {
                    // At the start of the message: not "a cleanup of the body blocked ..".
                    "body" => "\nthe body blocked its thread for ",
                    _ if cfg!(tokio_unstable) => ", spawned at tests/tests/blocking.rs:",
                    _ => "a task blocked",
                };
                assert!(all.contains(what), "{name}: no {what:?} in\n{all}");
                // Past the capture, on stderr, only a thread blocked for longer than a second
                // is said: nothing here.
                assert!(
                    !output.stderr.contains("mainspring: in `"),
                    "{name}:\n{all}"
                );
                println!("{name}: ok");
            }
        }
    }
}

/// Awaits of any length, tasks and channels, many short polls that keep the scheduler busy for
/// longer than the limit (8 tasks of 150 polls of 0.2 ms), blocking work where it belongs
/// (`spawn_blocking`; `block_in_place` on a worker): no blocking, on every flavor.
async fn never_blocks(multi_thread: bool) {
    let sleep = Duration::from_millis(150);
    quiet::never_blocks(quiet::Dose {
        sleep: Duration::from_millis(120),
        messages: 2000,
        capacity: 1,
        tasks: 8,
        polls: 150,
        spin: Duration::from_micros(200),
        spawn_blocking: Some(sleep),
        block_in_place: multi_thread.then_some(sleep),
    })
    .await;
}

#[mainspring::test(flavor = "current_thread", fail_on_blocking = "50ms")]
async fn awaits_and_short_polls_are_no_blocking_on_current_thread() {
    never_blocks(false).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_blocking = "50ms")]
async fn awaits_short_polls_and_block_in_place_are_no_blocking_on_multi_thread() {
    never_blocks(true).await;
}

#[mainspring::test(flavor = "local", fail_on_blocking = "50ms")]
async fn awaits_and_short_polls_are_no_blocking_on_local() {
    never_blocks(false).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, warn_on_blocking = "50ms")]
#[ignore = "blocks on purpose; run by `a_warning_is_a_line_and_the_test_goes_on`"]
async fn warns_and_passes() {
    tokio::spawn(async { block("sleep") }).await.unwrap();
    block("spin");
}

#[test]
fn a_warning_is_a_line_and_the_test_goes_on() {
    let output = this_binary(&["warns_and_passes", "--exact", "--ignored"]);
    let all = output.all();
    assert!(all.contains("test result: ok. 1 passed"), "{all}");
    let lines: Vec<&str> = output
        .stderr
        .lines()
        .filter(|line| line.starts_with("mainspring: warning: in `warns_and_passes`"))
        .collect();
    assert_eq!(lines.len(), 2, "one line per occurrence:\n{all}");
    assert!(!all.contains("not written"), "none left unwritten:\n{all}");
    let task = match cfg!(tokio_unstable) {
        true => ", spawned at tests/tests/blocking.rs:",
        false => "a task blocked runtime thread `tokio-rt-worker` for ",
    };
    assert!(
        lines[0].contains(task)
            && lines[0].ends_with(
                " ms without returning to the scheduler (`warn_on_blocking = \"50ms\"`)"
            ),
        "{all}"
    );
    assert!(
        lines[1].contains("`, the body blocked its thread for "),
        "{all}"
    );
}

#[mainspring::test(flavor = "current_thread", warn_on_blocking = "10ms")]
#[ignore = "blocks on purpose; run by `warnings_are_at_most_five_a_second`"]
async fn warns_often() {
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(25));
        tokio::task::yield_now().await;
    }
}

#[test]
fn warnings_are_at_most_five_a_second() {
    let output = this_binary(&["warns_often", "--exact", "--ignored"]);
    let all = output.all();
    assert!(all.contains("test result: ok. 1 passed"), "{all}");
    let written = output
        .stderr
        .lines()
        .filter(|line| line.starts_with("mainspring: warning: in `warns_often`"))
        .count();
    // 40 occurrences in about a second: 5 written, then the others counted.
    assert!((5..=10).contains(&written), "{written} lines:\n{all}");
    assert!(
        all.contains("more not written")
            || all.contains("more blocking in `warns_often` not written"),
        "{all}"
    );
}

static PARKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static UNPARKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn count_park() {
    PARKED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    fail_on_blocking = "100ms",
    on_thread_park = count_park,
    on_thread_unpark = || { UNPARKED.fetch_add(1, std::sync::atomic::Ordering::SeqCst); }
)]
async fn the_users_park_hooks_are_still_called() {
    for _ in 0..5 {
        tokio::spawn(async { tokio::task::yield_now().await })
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    assert!(PARKED.load(std::sync::atomic::Ordering::SeqCst) > 0);
    assert!(UNPARKED.load(std::sync::atomic::Ordering::SeqCst) > 0);
}

#[test]
fn main_fails_with_the_blocking_and_exits_101() {
    let output = mainspring_tests::child::run(mainspring_tests::child::program(env!(
        "CARGO_BIN_EXE_blocking_main"
    )));
    assert_eq!(output.code(), Some(101), "{}", output.all());
    let task = match cfg!(tokio_unstable) {
        true => ", spawned at tests/src/bin/blocking_main.rs:",
        false => "a task blocked runtime thread `tokio-rt-worker` for ",
    };
    assert!(
        output.stderr.contains(task) && output.stderr.contains("(`fail_on_blocking = \"100ms\"`)"),
        "{}",
        output.all()
    );
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    fail_on_blocking = "100ms"
)]
#[ignore = "blocks on purpose; run by `the_body_fails_at_once_while_it_waits`"]
async fn fails_while_the_body_waits() {
    drop(tokio::spawn(async { block("sleep") }));
    tokio::time::sleep(Duration::from_secs(20)).await;
}

#[test]
fn the_body_fails_at_once_while_it_waits() {
    // The check wakes the body, which fails at that poll, not when its 20 s sleep ends.
    let (output, all) = failed_case("fails_while_the_body_waits");
    assert!(all.contains("(`fail_on_blocking = \"100ms\"`)"), "{all}");
    failed_at_once(&output, &all);
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    fail_on_task_panic = true,
    fail_on_blocking = "100ms"
)]
#[ignore = "blocks on purpose; run by `a_tasks_panic_comes_before_a_later_blocking`"]
async fn a_task_panics_then_one_blocks() {
    drop(tokio::spawn(async { panic!("the task's panic") }));
    tokio::time::sleep(Duration::from_millis(50)).await;
    drop(tokio::spawn(async { block("sleep") }));
    tokio::time::sleep(Duration::from_secs(20)).await;
}

#[test]
fn a_tasks_panic_comes_before_a_later_blocking() {
    // The check raises its failure while the body waits: the task's panic, found first, leads
    // the message.
    let (output, all) = failed_case("a_task_panics_then_one_blocks");
    let panicked = all.find(
        "a task spawned on this runtime panicked (`fail_on_task_panic = true`): the task's panic",
    );
    let blocked = all.find("(`fail_on_blocking = \"100ms\"`)");
    assert!(
        panicked
            .zip(blocked)
            .is_some_and(|(panicked, blocked)| panicked < blocked),
        "{all}"
    );
    failed_at_once(&output, &all);
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    fail_on_blocking = "100ms",
    warn_on_blocking = "50ms"
)]
#[ignore = "blocks on purpose; run by `a_warning_and_a_failure_both_apply`"]
async fn warned_and_failed() {
    tokio::spawn(async { block("sleep") }).await.unwrap();
}

#[test]
fn a_warning_and_a_failure_both_apply() {
    let (_, all) = failed_case("warned_and_failed");
    assert!(all.contains("(`fail_on_blocking = \"100ms\"`)"), "{all}");
    assert!(all.contains("(`warn_on_blocking = \"50ms\"`)"), "{all}");
}

#[mainspring::test(flavor = "current_thread", fail_on_blocking = "100ms")]
#[ignore = "blocks on purpose; run by `a_thread_blocked_for_long_is_said_while_it_lasts`"]
async fn blocks_for_long() {
    std::thread::sleep(Duration::from_millis(1500));
}

#[test]
fn a_thread_blocked_for_long_is_said_while_it_lasts() {
    // The body cannot raise the failure while it blocks its own thread: past a second the
    // sampler says it on stderr, and the test fails when the poll ends.
    let (output, all) = failed_case("blocks_for_long");
    assert!(
        output.stderr.lines().any(|line| line
            .starts_with("mainspring: in `blocks_for_long`, the body blocked its thread for ")
            && line.ends_with(
                " ms so far, and still does without returning to the scheduler \
             (`fail_on_blocking = \"100ms\"`)"
            )),
        "{all}"
    );
}

/// The length a failure says the body blocked its thread for, in ms.
fn body_blocked_for(output: &str) -> Option<u64> {
    output
        .split("\nthe body blocked its thread for ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|ms| ms.parse().ok())
}

#[mainspring::test(flavor = "current_thread", fail_on_blocking = "100ms")]
#[ignore = "blocks on purpose; run by `the_length_said_starts_with_the_poll`"]
async fn awaits_then_blocks() {
    tokio::time::sleep(Duration::from_secs(1)).await;
    std::thread::sleep(Duration::from_millis(400));
}

#[test]
fn the_length_said_starts_with_the_poll() {
    // A second of awaiting before the poll that blocks is no part of it: about 400 ms are
    // said (the bound is generous, for a loaded machine), not 1400.
    let (_, all) = failed_case("awaits_then_blocks");
    let said = body_blocked_for(&all);
    assert!(
        said.is_some_and(|ms| (300..1000).contains(&ms)),
        "{said:?}:\n{all}"
    );
}

/// A panic hook that takes [`BLOCKED`] to write a panic, as the standard one can when it first
/// resolves a backtrace (`RUST_BACKTRACE=1`, debug info read from a cold disk): put in front
/// of the standard one. Only in a child (the hook is the process's).
fn slow_panic_hook() {
    let standard = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        std::thread::sleep(BLOCKED);
        standard(info);
    }));
}

macro_rules! panic_hook_cases {
    ($($flavor:ident: ($($options:tt)*);)*) => {
        mod panic_hook {
            use super::*;
            $(
                mod $flavor {
                    use super::*;

                    #[test]
                    #[ignore = "sets a panic hook; run by `a_panic_hooks_time_is_not_the_polls`"]
                    fn a_task_panics() {
                        slow_panic_hook();
                        body();
                    }

                    #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
                    #[ignore = "run by `a_task_panics`, after it sets the hook"]
                    async fn body() {
                        let panicked = tokio::spawn(async { panic!("a task's panic") }).await;
                        assert!(panicked.unwrap_err().is_panic());
                    }

                    #[test]
                    #[ignore = "sets a panic hook; run by `a_panic_hooks_time_is_not_the_polls`"]
                    fn a_task_panics_then_blocks() {
                        slow_panic_hook();
                        blocks_after_its_panic();
                    }

                    #[mainspring::test($($options)*, fail_on_blocking = "100ms")]
                    #[ignore = "run by `a_task_panics_then_blocks`, after it sets the hook"]
                    async fn blocks_after_its_panic() {
                        tokio::spawn(async {
                            let caught = std::panic::catch_unwind(|| panic!("caught"));
                            assert!(caught.is_err());
                            block("sleep");
                        })
                        .await
                        .unwrap();
                    }
                }
            )*
        }
    };
}

panic_hook_cases! {
    current_thread: (flavor = "current_thread");
    multi_thread: (flavor = "multi_thread", worker_threads = 2);
}

#[test]
fn a_panic_hooks_time_is_not_the_polls() {
    // The hook's time is not counted; what the poll does after it is.
    for flavor in ["current_thread", "multi_thread"] {
        let output = case(&format!("panic_hook::{flavor}::a_task_panics"));
        let all = output.all();
        assert!(all.contains("test result: ok. 1 passed"), "{flavor}: {all}");
        // The slow hook ran.
        assert!(output.elapsed >= BLOCKED, "{flavor}: {:?}", output.elapsed);
        let (_, all) = failed_case(&format!("panic_hook::{flavor}::a_task_panics_then_blocks"));
        assert!(
            all.contains("(`fail_on_blocking = \"100ms\"`)"),
            "{flavor}: {all}"
        );
    }
}
