//! `shutdown_timeout = ..`: when the body ends, by returning `Ok`, returning `Err` or panicking,
//! the runtime is shut down within the limit instead of waiting for its blocking tasks. The
//! programs leave a `spawn_blocking` task sleeping for a minute (`programs/leave_blocking_task.rs`)
//! and must exit within the limit plus [`GRACE`], with the exit status and the message they have
//! without the option; without it, the same program is still running at that point.
//!
//! The feature is about time, so these tests bound it from above, generously: [`GRACE`] is two
//! seconds more than the limit, against a minute that waiting for the task would take.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mainspring_tests::child::{Output, Ran, program, run, run_within, this_binary};

/// How much longer than its limit a shutdown may take, start-up and exit included.
const GRACE: Duration = Duration::from_secs(2);

/// `shutdown_main`'s limit.
const MAIN_LIMIT: Duration = Duration::from_secs(1);

/// `shutdown_variants`' limit.
const VARIANT_LIMIT: Duration = Duration::from_millis(500);

fn shutdown_main(path: &str) -> Output {
    let mut command = program(env!("CARGO_BIN_EXE_shutdown_main"));
    command.arg(path);
    run(command)
}

/// The program ended within `limit` + [`GRACE`] after its blocking task had started.
fn assert_within(output: &Output, limit: Duration) {
    assert!(
        output.stdout.contains("blocking task started"),
        "the body never started its blocking task:\n{}",
        output.all()
    );
    assert!(
        output.elapsed < limit + GRACE,
        "took {:?}, more than {limit:?} + {GRACE:?}:\n{}",
        output.elapsed,
        output.all()
    );
}

#[test]
fn main_returning_ok_exits_0_within_the_limit() {
    let output = shutdown_main("ok");
    assert_eq!(output.code(), Some(0), "{}", output.all());
    assert_within(&output, MAIN_LIMIT);
}

#[test]
fn main_returning_err_exits_1_with_the_report_within_the_limit() {
    let output = shutdown_main("err");
    assert_eq!(output.code(), Some(1), "{}", output.all());
    assert!(
        output.stderr.contains("Error: \"the body gave up\""),
        "stderr:\n{}",
        output.stderr
    );
    assert_within(&output, MAIN_LIMIT);
}

#[test]
fn main_that_panics_exits_101_with_the_message_within_the_limit() {
    let output = shutdown_main("panic");
    assert_eq!(output.code(), Some(101), "{}", output.all());
    assert!(
        output.stderr.contains("thread 'main'")
            && output.stderr.contains("the body panicked on purpose"),
        "stderr:\n{}",
        output.stderr
    );
    assert_within(&output, MAIN_LIMIT);
}

/// What the option changes: without it, dropping the runtime waits for the blocking task.
#[test]
fn without_the_option_main_is_still_waiting_after_the_limit() {
    for path in ["ok", "err", "panic"] {
        let mut command = program(env!("CARGO_BIN_EXE_shutdown_main_unbounded"));
        command.arg(path);
        match run_within(command, MAIN_LIMIT + GRACE) {
            Ran::StillRunning(output) => assert!(
                output.stdout.contains("blocking task started"),
                "{path}: {}",
                output.all()
            ),
            Ran::Exited(output) => panic!(
                "{path}: exited after {:?} without `shutdown_timeout`:\n{}",
                output.elapsed,
                output.all()
            ),
        }
    }
}

#[test]
fn every_flavor_and_run_option_shuts_down_within_the_limit_on_every_path() {
    let variants = [
        "current_thread",
        "multi_thread",
        "local",
        "stack_size",
        "timeout",
        "fail_on_task_panic",
    ];
    for variant in variants {
        for (path, code) in [("ok", 0), ("err", 1), ("panic", 101)] {
            let mut command = Command::new(env!("CARGO_BIN_EXE_shutdown_variants"));
            command.args([variant, path]);
            let output = run(command);
            assert_eq!(
                output.code(),
                Some(code),
                "{variant} {path}: {}",
                output.all()
            );
            assert_within(&output, VARIANT_LIMIT);
        }
    }
}

/// `shutdown_order`'s limit.
const ORDER_LIMIT: Duration = Duration::from_secs(3);

/// A shutdown never takes longer with the option than without it: the tasks are dropped
/// first, as a plain drop does, so a blocking task that ends when they are dropped does not
/// hold the exit until the limit (tokio's own `shutdown_timeout` waits for the blocking pool
/// before it drops a `current_thread` runtime's tasks).
#[test]
fn a_blocking_task_that_ends_with_the_tasks_is_not_waited_for() {
    for variant in [
        "without_the_option",
        "current_thread",
        "multi_thread",
        "local",
        "builder_current_thread",
        "builder_multi_thread",
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_shutdown_order"));
        command.arg(variant);
        let output = run(command);
        assert_eq!(output.code(), Some(0), "{variant}: {}", output.all());
        assert!(
            output.stdout.contains("blocking task started"),
            "{variant}: {}",
            output.all()
        );
        // Far below the limit, start-up included; the exit itself takes milliseconds.
        assert!(
            output.elapsed < ORDER_LIMIT / 2,
            "{variant}: took {:?}, against {ORDER_LIMIT:?} for the limit:\n{}",
            output.elapsed,
            output.all()
        );
    }
}

fn edge(edge: &str, flavor: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shutdown_edges"));
    command.args([edge, flavor]);
    let output = run(command);
    assert_eq!(output.code(), Some(0), "{edge} {flavor}: {}", output.all());
    output
}

/// Blocking work spawned just before the body returns runs to its end, as with a plain drop:
/// the shutdown waits for a thread tokio has spawned and not yet started, and the user's thread
/// hooks are called for each thread, in pairs. (Ten runs of each: the thread's start is a race
/// that a count taken by the start hook lost about half the time.)
#[test]
fn blocking_work_spawned_as_the_body_returns_is_waited_for() {
    for flavor in ["current_thread", "multi_thread", "local", "builder"] {
        for _ in 0..10 {
            let output = edge("race", flavor);
            assert_eq!(output.value("done"), "true", "{flavor}: {}", output.all());
            assert_eq!(
                output.value("started"),
                output.value("stopped"),
                "{flavor}: {}",
                output.all()
            );
            assert_ne!(output.value("started"), "0", "{flavor}: {}", output.all());
        }
    }
}

/// Blocking work that a task's destructor starts as the runtime drops its tasks: a plain drop of
/// a `current_thread` or `local` runtime runs it (it drops the tasks before it ends its blocking
/// pool); with the option it is refused there, the pool already ending as the tasks are dropped
/// on the fn's thread (the docs say so); a `builder`'s runtime, dropped as it would be on a
/// thread of its own, runs it. (On `multi_thread` a plain drop races its workers, which drop the
/// tasks, against the end of the pool: either may come first, with the option or without.)
#[test]
fn blocking_work_started_by_a_dropped_task_as_documented() {
    for (flavor, with_the_option) in [
        ("current_thread", "false"),
        ("local", "false"),
        ("builder", "true"),
    ] {
        let plain = edge("flush_plain", flavor);
        assert_eq!(plain.value("done"), "true", "{flavor}: {}", plain.all());
        let bounded = edge("flush", flavor);
        assert_eq!(
            bounded.value("done"),
            with_the_option,
            "{flavor}: {}",
            bounded.all()
        );
    }
}

/// A task whose drop recurses as deep as the main thread allows is dropped as it would be
/// without the option, where the fn's thread drops it (`current_thread`, `local`), and on the
/// thread a `builder`'s runtime is dropped on, which has at least the main thread's stack. (On
/// `multi_thread` the workers drop the tasks, with or without the option, on their own
/// stacks.)
#[test]
fn a_deep_drop_fits() {
    for flavor in ["current_thread", "local", "builder"] {
        edge("deep", flavor);
    }
}

/// On `current_thread` the tasks are dropped before the fn returns, whatever the limit, as
/// tokio's own shutdowns do: a listener a task held is closed (the port is free again), a
/// destructor that takes longer than the limit has ended.
#[mainspring::main(flavor = "current_thread", shutdown_timeout = "0s")]
async fn listens_in_a_task() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(tokio::spawn(async move {
        loop {
            drop(listener.accept().await);
        }
    }));
    tokio::task::yield_now().await;
    address
}

static SLOW_DROP_ENDED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

struct SlowDrop;

impl Drop for SlowDrop {
    fn drop(&mut self) {
        std::thread::sleep(Duration::from_millis(300));
        SLOW_DROP_ENDED.store(true, Ordering::SeqCst);
    }
}

#[mainspring::main(flavor = "current_thread", shutdown_timeout = "100ms")]
async fn drops_slowly() {
    drop(tokio::spawn(async {
        let _slow = SlowDrop;
        std::future::pending::<()>().await;
    }));
    tokio::task::yield_now().await;
}

#[test]
fn the_tasks_are_dropped_before_the_fn_returns_on_current_thread() {
    for _ in 0..100 {
        let address = listens_in_a_task();
        drop(std::net::TcpListener::bind(address).expect("the task's listener is closed"));
    }
    drops_slowly();
    assert!(SLOW_DROP_ENDED.load(Ordering::SeqCst));
}

static STARTED: AtomicUsize = AtomicUsize::new(0);
static STOPPED: AtomicUsize = AtomicUsize::new(0);

fn started() {
    STARTED.fetch_add(1, Ordering::SeqCst);
}

fn stopped() {
    STOPPED.fetch_add(1, Ordering::SeqCst);
}

/// The option counts the runtime's threads through its thread hooks; the user's own are still
/// called, for every thread.
#[mainspring::main(
    flavor = "multi_thread",
    worker_threads = 2,
    shutdown_timeout = "5s",
    on_thread_start = started,
    on_thread_stop = stopped
)]
async fn with_thread_hooks() {
    tokio::task::spawn_blocking(|| ()).await.unwrap();
}

#[test]
fn the_users_thread_hooks_are_still_called() {
    with_thread_hooks();
    // Two workers and a blocking thread, each started and stopped by the time the fn returns.
    let started = STARTED.load(Ordering::SeqCst);
    assert!(started >= 3, "{started} threads started");
    assert_eq!(STOPPED.load(Ordering::SeqCst), started);
}

/// `"0s"` is tokio's `shutdown_background()`: the blocking task is not waited for at all.
#[test]
fn zero_is_shutdown_background() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shutdown_variants"));
    command.args(["background", "ok"]);
    let output = run(command);
    assert_eq!(output.code(), Some(0), "{}", output.all());
    assert_within(&output, Duration::ZERO);
}

#[mainspring::test(shutdown_timeout = "500ms")]
#[ignore = "leaves a blocking task; run by `a_test_leaving_a_blocking_task_finishes_within_the_limit`"]
async fn leaves_a_blocking_task() {
    leave_a_blocking_task().await;
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], shutdown_timeout = "500ms")]
#[ignore = "leaves a blocking task; run by `a_test_leaving_a_blocking_task_finishes_within_the_limit`"]
async fn leaves_a_blocking_task_on_each_flavor() {
    leave_a_blocking_task().await;
}

/// Starts a blocking task that sleeps for a minute, and returns once it runs.
async fn leave_a_blocking_task() {
    let (started, running) = tokio::sync::oneshot::channel();
    drop(tokio::task::spawn_blocking(move || {
        let _ = started.send(());
        std::thread::sleep(Duration::from_secs(60));
    }));
    running.await.unwrap();
    println!("blocking task started");
}

#[test]
fn a_test_leaving_a_blocking_task_finishes_within_the_limit() {
    let output = this_binary(&["leaves_a_blocking_task", "--ignored", "--nocapture"]);
    assert!(output.status.success(), "{}", output.all());
    assert!(
        output.stdout.contains("3 passed"),
        "stdout:\n{}",
        output.stdout
    );
    // Three tests, one after another: each within its limit.
    assert_within(&output, 3 * VARIANT_LIMIT);
}
