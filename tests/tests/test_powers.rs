//! The test powers of issue 5, observed at run time: `timeout` (a limit of real time, also with
//! `start_paused = true`), the flavor matrix `flavor = ["current_thread", "multi_thread"]` (one
//! test per flavor, listed and run alone by the test binary itself as a child process),
//! `fail_on_task_panic = true` (a panic in a task nobody awaits fails the test; without the
//! option it does not), and `stack_size` (a future holding 12 MiB across an `.await` crashes the
//! programs `src/bin/power_big_future*.rs` without it and runs with it; exit codes, panics and
//! return values carried back unchanged). Each composes with `#[should_panic]` and `#[ignore]`.
//!
//! No test asserts how long anything took (the one lower bound is that a 20 ms `thread::sleep`
//! moves an unpaused clock at least 20 ms): a test that must time out sleeps 100 times longer
//! than its limit and only checks the panic message, and a test that must not time out has a
//! limit far above what its body needs.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::thread;
use std::time::Duration;

use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::sync::oneshot;
use tokio::time::sleep;

use mainspring_tests::child::{Output, run};

// ---- child processes ----

/// This test binary, run as a child with `args` (always one test thread, output captured).
/// Every caller filters to tests other than itself, so there is no recursion.
fn this_binary(args: &[&str]) -> Output {
    let mut command = Command::new(std::env::current_exe().expect("path of the test binary"));
    command.args(args).arg("--test-threads=1");
    // Keep libtest's own defaults whatever the parent was started with.
    for variable in [
        "RUST_TEST_NOCAPTURE",
        "RUST_TEST_THREADS",
        "RUST_TEST_SHUFFLE",
    ] {
        command.env_remove(variable);
    }
    run(command)
}

/// The name of the thread this runs on.
fn thread_name() -> String {
    thread::current().name().unwrap_or("<unnamed>").to_owned()
}

// ==== timeout ====

#[mainspring::test(timeout = "100ms")]
#[should_panic(expected = "timed out: it ran longer than its `timeout = \"100ms\"`")]
async fn timeout_fails_a_body_that_sleeps_past_the_limit() {
    // 100 times the limit, on tokio's real clock. Returning normally would fail the test with
    // "did not panic": only the timeout can make it pass.
    sleep(Duration::from_secs(10)).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, timeout = "100ms")]
#[should_panic(expected = "timeout = \"100ms\"")]
async fn timeout_fails_a_multi_thread_body_waiting_on_a_task() {
    let slow = tokio::spawn(sleep(Duration::from_secs(10)));
    slow.await.unwrap();
}

#[mainspring::test(start_paused = true, timeout = "100ms")]
#[should_panic(expected = "timeout = \"100ms\"")]
async fn timeout_counts_real_time_when_paused_for_a_pending_future() {
    // The paused clock jumps a day ahead at once: tokio's time is not what the limit counts.
    let start = tokio::time::Instant::now();
    sleep(Duration::from_secs(24 * 3600)).await;
    assert!(start.elapsed() >= Duration::from_secs(24 * 3600));
    // Nothing left that paused time could finish: only real time passing ends this.
    std::future::pending::<()>().await;
}

#[mainspring::test(start_paused = true, timeout = "100ms")]
#[should_panic(expected = "timeout = \"100ms\"")]
async fn timeout_counts_real_time_when_paused_for_a_oneshot_never_sent() {
    let (_sender, never) = oneshot::channel::<()>();
    // `_sender` lives to the end of the body, so `never` cannot complete or fail.
    never.await.unwrap();
}

#[mainspring::test(start_paused = true, timeout = "100ms")]
#[should_panic(expected = "timeout = \"100ms\"")]
async fn timeout_counts_real_time_when_paused_time_keeps_advancing() {
    // Paused time auto-advances through every sleep, so tokio's clock races ahead by an hour per
    // turn and the body is always ready again; only the real-time watchdog can stop it.
    loop {
        sleep(Duration::from_secs(3600)).await;
    }
}

#[mainspring::test(start_paused = true, timeout = "30s")]
async fn timeout_ignores_paused_time_passing_its_limit() {
    // Ten hours of paused time pass in (almost) no real time: far over the 30 s limit in tokio's
    // clock, far under it in real time. The test passes, so the limit is real time.
    let start = tokio::time::Instant::now();
    sleep(Duration::from_secs(10 * 3600)).await;
    assert!(start.elapsed() >= Duration::from_secs(10 * 3600));
}

#[mainspring::test(timeout = "30s")]
async fn timeout_lets_a_body_that_finishes_in_time_pass() {
    let value = tokio::spawn(async {
        sleep(Duration::from_millis(10)).await;
        6 * 7
    })
    .await
    .unwrap();
    assert_eq!(value, 42);
}

#[mainspring::test(flavor = "multi_thread", timeout = "2m")]
async fn timeout_in_minutes_lets_a_short_body_pass() -> Result<(), String> {
    tokio::task::yield_now().await;
    Ok(())
}

/// A limit given as a `const` expression.
const TEN_SECONDS: Duration = Duration::from_secs(10);

#[mainspring::test(timeout = Duration::from_millis(100))]
#[should_panic(expected = "timed out: it ran longer than its `timeout = ")]
async fn timeout_from_a_duration_expression_fires() {
    sleep(Duration::from_secs(10)).await;
}

#[mainspring::test(timeout = Duration::from_secs(30))]
async fn timeout_from_a_duration_expression_lets_a_short_body_pass() {
    sleep(Duration::from_millis(10)).await;
}

#[mainspring::test(timeout = TEN_SECONDS / 100)]
#[should_panic(expected = "TEN_SECONDS")]
async fn timeout_from_a_const_expression_fires_and_names_the_expression() {
    sleep(TEN_SECONDS).await;
}

#[mainspring::test(timeout = "100ms")]
#[ignore = "times out on purpose; run by `ignored_test_with_a_timeout_runs_and_times_out_with_ignored`"]
async fn ignored_test_that_times_out() {
    sleep(Duration::from_secs(10)).await;
}

#[test]
fn ignored_test_with_a_timeout_is_ignored_by_default() {
    let output = this_binary(&["ignored_test_that_times_out", "--exact"]);
    assert!(output.status.success(), "{}", output.all());
    assert!(
        output
            .stdout
            .contains("test ignored_test_that_times_out ... ignored"),
        "stdout:\n{}",
        output.stdout
    );
    assert!(
        output.stdout.contains("0 passed; 0 failed; 1 ignored"),
        "stdout:\n{}",
        output.stdout
    );
}

#[test]
fn ignored_test_with_a_timeout_runs_and_times_out_with_ignored() {
    let output = this_binary(&["ignored_test_that_times_out", "--exact", "--ignored"]);
    assert_eq!(output.status.code(), Some(101), "{}", output.all());
    assert!(
        output
            .stdout
            .contains("test ignored_test_that_times_out ... FAILED"),
        "stdout:\n{}",
        output.stdout
    );
    assert!(
        output
            .all()
            .contains("timed out: it ran longer than its `timeout = \"100ms\"`"),
        "{}",
        output.all()
    );
    assert!(
        output.stdout.contains("0 passed; 1 failed"),
        "stdout:\n{}",
        output.stdout
    );
}

#[test]
fn main_with_a_timeout_exits_101_naming_the_limit() {
    let output = run(Command::new(env!("CARGO_BIN_EXE_power_main_timeout")));
    assert_eq!(output.status.code(), Some(101), "{}", output.all());
    // The body started, and never reached its end.
    assert_eq!(output.stdout, "waiting\n");
    assert!(
        output.stderr.contains("thread 'main'") && output.stderr.contains("timeout = \"100ms\""),
        "stderr:\n{}",
        output.stderr
    );
}

// ==== flavor matrix ====

/// Checks the runtime this runs on against the case the test thread's name (libtest names it
/// after the test: `<name>::current_thread` or `<name>::multi_thread`) says it is.
fn assert_flavor_of_this_case(workers: usize) -> RuntimeFlavor {
    let handle = Handle::current();
    let flavor = handle.runtime_flavor();
    let name = thread_name();
    match flavor {
        RuntimeFlavor::CurrentThread => {
            assert!(name.ends_with("::current_thread"), "thread {name:?}");
        }
        RuntimeFlavor::MultiThread => {
            assert!(name.ends_with("::multi_thread"), "thread {name:?}");
            assert_eq!(handle.metrics().num_workers(), workers);
        }
        other => panic!("unexpected flavor {other:?} on thread {name:?}"),
    }
    flavor
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], worker_threads = 2)]
async fn matrix_runs_on_each_flavor() {
    assert_flavor_of_this_case(2);
    // Spawned tasks run: on the test thread for current_thread, on a worker for multi_thread.
    let ran_on = tokio::spawn(async { thread_name() }).await.unwrap();
    match Handle::current().runtime_flavor() {
        RuntimeFlavor::CurrentThread => assert_eq!(ran_on, thread_name()),
        _ => assert_eq!(ran_on, "tokio-rt-worker"),
    }
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], worker_threads = 3, start_paused = true)]
async fn matrix_applies_start_paused_to_current_thread_only() {
    let flavor = assert_flavor_of_this_case(3);
    let start = tokio::time::Instant::now();
    // Blocks the thread for 20 ms of real time: a paused clock does not move meanwhile (nothing
    // is idle to auto-advance it), a running one moves at least that far.
    thread::sleep(Duration::from_millis(20));
    let moved = start.elapsed();
    match flavor {
        RuntimeFlavor::CurrentThread => assert_eq!(moved, Duration::ZERO),
        _ => assert!(moved >= Duration::from_millis(20), "moved {moved:?}"),
    }
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], timeout = "100ms")]
#[should_panic(expected = "timeout = \"100ms\"")]
async fn matrix_with_should_panic_and_timeout_fails_both_cases() {
    sleep(Duration::from_secs(10)).await;
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"])]
async fn matrix_of_a_result_test() -> Result<(), String> {
    let flavor = Handle::current().runtime_flavor();
    if matches!(
        flavor,
        RuntimeFlavor::CurrentThread | RuntimeFlavor::MultiThread
    ) {
        Ok(())
    } else {
        Err(format!("unexpected flavor {flavor:?}"))
    }
}

#[test]
fn matrix_cases_are_listed_by_name() {
    let output = this_binary(&["--list"]);
    assert!(output.status.success(), "{}", output.all());
    let listed: Vec<&str> = output.stdout.lines().collect();
    for name in [
        "matrix_runs_on_each_flavor",
        "matrix_applies_start_paused_to_current_thread_only",
        "matrix_with_should_panic_and_timeout_fails_both_cases",
        "matrix_of_a_result_test",
    ] {
        for case in ["current_thread", "multi_thread"] {
            let line = format!("{name}::{case}: test");
            assert!(
                listed.contains(&line.as_str()),
                "no {line:?} in:\n{}",
                output.stdout
            );
        }
        // The body's `async fn` is not a test of its own.
        let bare = format!("{name}: test");
        assert!(!listed.contains(&bare.as_str()), "{bare:?} listed");
    }
}

#[test]
fn matrix_case_runs_alone_with_an_exact_filter() {
    for case in ["current_thread", "multi_thread"] {
        let name = format!("matrix_runs_on_each_flavor::{case}");
        let output = this_binary(&[&name, "--exact"]);
        assert!(output.status.success(), "{}", output.all());
        assert!(
            output.stdout.contains(&format!("test {name} ... ok")),
            "stdout:\n{}",
            output.stdout
        );
        assert!(
            output.stdout.contains("1 passed; 0 failed"),
            "stdout:\n{}",
            output.stdout
        );
    }
}

#[test]
fn matrix_module_filter_runs_both_cases() {
    let output = this_binary(&["matrix_runs_on_each_flavor::"]);
    assert!(output.status.success(), "{}", output.all());
    assert!(
        output.stdout.contains("2 passed; 0 failed"),
        "stdout:\n{}",
        output.stdout
    );
}

// ==== fail_on_task_panic ====

/// Held by a task: dropping it, when the task finishes or unwinds from a panic, tells the body
/// that the task has run, without anyone awaiting the task's `JoinHandle`.
struct Ended(Option<oneshot::Sender<()>>);

impl Drop for Ended {
    fn drop(&mut self) {
        if let Some(sender) = self.0.take() {
            let _ = sender.send(());
        }
    }
}

fn ended() -> (Ended, oneshot::Receiver<()>) {
    let (sender, receiver) = oneshot::channel();
    (Ended(Some(sender)), receiver)
}

/// Spawns a task that panics with `message`, drops its `JoinHandle` unawaited, and waits until
/// the task has unwound. Returns whether the task got as far as its `panic!`.
async fn spawn_unawaited_panic(message: &'static str) -> bool {
    let reached = Arc::new(AtomicBool::new(false));
    let (guard, task_ended) = ended();
    let flag = Arc::clone(&reached);
    drop(tokio::spawn(async move {
        let _guard = guard;
        flag.store(true, SeqCst);
        panic!("{message}");
    }));
    task_ended.await.unwrap();
    reached.load(SeqCst)
}

#[mainspring::test(fail_on_task_panic = true)]
#[should_panic(
    expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): boom"
)]
async fn task_panic_fails_the_test_current_thread() {
    assert!(spawn_unawaited_panic("boom").await);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_task_panic = true)]
#[should_panic(
    expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): boom"
)]
async fn task_panic_fails_the_test_multi_thread() {
    assert!(spawn_unawaited_panic("boom").await);
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_task_panic = true)]
#[should_panic(
    expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): boom from the matrix"
)]
async fn task_panic_fails_each_case_of_a_matrix() {
    assert!(spawn_unawaited_panic("boom from the matrix").await);
}

#[mainspring::test(fail_on_task_panic = true)]
#[should_panic(
    expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): blocking boom"
)]
async fn spawn_blocking_panic_fails_the_test() {
    let (guard, closure_ended) = ended();
    let _unawaited = tokio::task::spawn_blocking(move || {
        let _guard = guard;
        panic!("blocking boom");
    });
    closure_ended.await.unwrap();
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_task_panic = true)]
#[should_panic(
    expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): spawn_blocking on multi_thread"
)]
async fn spawn_blocking_panic_fails_a_multi_thread_test() {
    let (guard, closure_ended) = ended();
    drop(tokio::task::spawn_blocking(move || {
        let _guard = guard;
        panic!("spawn_blocking on multi_thread");
    }));
    closure_ended.await.unwrap();
}

#[mainspring::test(fail_on_task_panic = true)]
#[should_panic(
    expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): handled boom"
)]
async fn task_panic_fails_the_test_even_when_its_join_error_is_handled() {
    let handle = tokio::spawn(async { panic!("handled boom") });
    let error = handle.await.unwrap_err();
    assert!(error.is_panic());
}

#[mainspring::test(fail_on_task_panic = true)]
#[should_panic(expected = "a task spawned by this test panicked (`fail_on_task_panic = true`): 7")]
async fn task_panic_with_a_formatted_message_is_reported_with_it() {
    let (guard, task_ended) = ended();
    let code = 7;
    tokio::spawn(async move {
        let _guard = guard;
        panic!("{code}");
    });
    task_ended.await.unwrap();
}

#[mainspring::test(fail_on_task_panic = true)]
#[should_panic(expected = "the body itself gave up")]
async fn body_panic_is_reported_as_itself_with_fail_on_task_panic() {
    tokio::spawn(async {}).await.unwrap();
    panic!("the body itself gave up");
}

#[mainspring::test(fail_on_task_panic = true)]
async fn fail_on_task_panic_passes_when_no_task_panics() {
    let mut sum = 0;
    for task in (1..=8).map(|n| tokio::spawn(async move { n * n })) {
        sum += task.await.unwrap();
    }
    assert_eq!(sum, 204);
    // An error returned by a task is not a panic.
    let failed: Result<(), String> = tokio::spawn(async { Err("no".to_owned()) }).await.unwrap();
    assert!(failed.is_err());
    // Neither is a task cancelled by `abort`.
    let forever = tokio::spawn(std::future::pending::<()>());
    forever.abort();
    assert!(forever.await.unwrap_err().is_cancelled());
    // Nor a blocking closure that returns, nor a task still pending when the runtime shuts down.
    assert_eq!(tokio::task::spawn_blocking(|| 5).await.unwrap(), 5);
    drop(tokio::spawn(std::future::pending::<()>()));
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_task_panic = true)]
async fn fail_on_task_panic_passes_on_multi_thread_when_no_task_panics() {
    let names: Vec<String> = futures_of_names().await;
    assert_eq!(names.len(), 8);
    assert!(
        names.iter().all(|name| name == "tokio-rt-worker"),
        "{names:?}"
    );
}

async fn futures_of_names() -> Vec<String> {
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            tokio::spawn(async {
                tokio::task::yield_now().await;
                thread_name()
            })
        })
        .collect();
    let mut names = Vec::new();
    for task in tasks {
        names.push(task.await.unwrap());
    }
    names
}

#[mainspring::test]
async fn without_fail_on_task_panic_an_unawaited_task_panic_passes() {
    // The task really panicked (it reached its `panic!` and unwound), and the test passes.
    assert!(spawn_unawaited_panic("boom nobody checks").await);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_fail_on_task_panic_an_unawaited_task_panic_passes_multi_thread() {
    assert!(spawn_unawaited_panic("boom nobody checks").await);
}

// ==== stack_size ====

/// Bytes a future holds across an `.await` in the big-future tests: more than the 8 MiB main
/// thread and the 2 MiB test threads have.
const BIG: usize = 12 * 1024 * 1024;

#[test]
fn big_future_overflows_the_main_thread_without_stack_size() {
    let output = run(Command::new(env!("CARGO_BIN_EXE_power_big_future")));
    assert!(
        !output.status.success(),
        "the 12 MiB future fit on the main thread; stdout:\n{}",
        output.stdout
    );
    // Killed by a signal (SIGSEGV, or SIGABRT after Rust's overflow message), not an exit code.
    assert_eq!(output.status.code(), None, "{:?}", output.status);
    assert!(
        output.stderr.contains("overflow"),
        "stderr:\n{}",
        output.stderr
    );
    assert!(
        !output.stdout.contains("held"),
        "stdout:\n{}",
        output.stdout
    );
}

#[test]
fn big_future_runs_with_stack_size() {
    let output = run(Command::new(env!(
        "CARGO_BIN_EXE_power_big_future_stack_size"
    )));
    assert_eq!(output.status.code(), Some(0), "{}", output.all());
    assert_eq!(
        output.stdout,
        format!("held {BIG} bytes summing to {} on thread main\n", 7 * BIG)
    );
    assert_eq!(output.stderr, "");
}

#[test]
fn stack_size_main_returning_ok_exits_0_on_a_thread_named_main() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_power_stack_exit"));
    command.arg("ok");
    let output = run(command);
    assert_eq!(output.status.code(), Some(0), "{}", output.all());
    assert_eq!(output.value("thread"), "main");
    // The body ran on another thread than the process's first one (where readable).
    assert_ne!(output.value("os_main_thread"), "true");
    assert_eq!(output.stderr, "");
}

#[test]
fn stack_size_main_returning_err_exits_1_with_the_error() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_power_stack_exit"));
    command.arg("fail");
    let output = run(command);
    assert_eq!(output.status.code(), Some(1), "{}", output.all());
    assert_eq!(
        output.stderr,
        "Error: Refused { reason: \"asked to fail\" }\n"
    );
    assert_eq!(output.stdout, "");
}

#[test]
fn stack_size_main_that_panics_exits_101_naming_thread_main() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_power_stack_exit"));
    command.arg("panic").env_remove("RUST_BACKTRACE");
    let output = run(command);
    assert_eq!(output.status.code(), Some(101), "{}", output.all());
    let panicked: Vec<&str> = output
        .stderr
        .lines()
        .filter(|line| line.contains("panicked at"))
        .collect();
    // Reported once, by the big-stack thread, which carries the name `main`.
    assert_eq!(panicked.len(), 1, "stderr:\n{}", output.stderr);
    assert!(
        panicked[0].starts_with("thread 'main'"),
        "stderr:\n{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("the big-stack body panicked on purpose"),
        "stderr:\n{}",
        output.stderr
    );
    assert_eq!(output.stdout, "");
}

#[mainspring::test(stack_size = "64MiB")]
async fn stack_size_test_holds_a_big_future_and_returns_ok() -> Result<(), String> {
    let big = [3u8; BIG];
    tokio::task::yield_now().await;
    std::hint::black_box(&big);
    // The big-stack thread takes the test thread's name, which libtest set to the test's.
    assert_eq!(
        thread_name(),
        "stack_size_test_holds_a_big_future_and_returns_ok"
    );
    let sum: usize = big.iter().map(|&byte| usize::from(byte)).sum();
    if sum == 3 * BIG {
        Ok(())
    } else {
        Err(format!("sum {sum}"))
    }
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, stack_size = 32 * 1024 * 1024)]
async fn stack_size_from_an_expression_on_multi_thread() {
    let big = [1u8; BIG];
    let worker = tokio::spawn(async { thread_name() }).await.unwrap();
    std::hint::black_box(&big);
    assert_eq!(worker, "tokio-rt-worker");
    assert_eq!(Handle::current().metrics().num_workers(), 2);
}

#[mainspring::test(stack_size = "16MiB")]
#[should_panic(expected = "panic from a big-stack test")]
async fn stack_size_test_panic_reaches_should_panic() {
    tokio::task::yield_now().await;
    panic!("panic from a big-stack test");
}

/// Returned through the big-stack thread: not `Copy`, so it is really moved back.
#[derive(Debug, PartialEq)]
struct Report {
    lines: Vec<String>,
    total: u64,
}

#[mainspring::main(flavor = "current_thread", stack_size = "64MiB")]
async fn big_stack_report(count: u64) -> Report {
    let big = [0u8; BIG];
    tokio::task::yield_now().await;
    std::hint::black_box(&big);
    Report {
        lines: (0..count).map(|n| format!("line {n}")).collect(),
        total: (0..count).sum(),
    }
}

#[test]
fn stack_size_carries_the_return_value_back() {
    let report = big_stack_report(4);
    assert_eq!(
        report,
        Report {
            lines: vec![
                "line 0".to_owned(),
                "line 1".to_owned(),
                "line 2".to_owned(),
                "line 3".to_owned()
            ],
            total: 6,
        }
    );
}

/// A panic payload that is not a string, to show it arrives as it was thrown.
#[derive(Debug, PartialEq)]
struct Payload(u32);

#[mainspring::main(flavor = "current_thread", stack_size = 8 * 1024 * 1024)]
async fn big_stack_panics_with(code: u32) {
    tokio::task::yield_now().await;
    std::panic::panic_any(Payload(code));
}

#[test]
fn stack_size_carries_the_panic_payload_back_unchanged() {
    let caught = std::panic::catch_unwind(|| big_stack_panics_with(42))
        .expect_err("the body panicked, so the call must panic");
    assert_eq!(caught.downcast_ref::<Payload>(), Some(&Payload(42)));
}

// ==== all of them at once ====

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    timeout = "2m",
    stack_size = "32MiB",
    fail_on_task_panic = true
)]
async fn every_run_option_together_passes() {
    let big = [2u8; BIG];
    let names = futures_of_names().await;
    std::hint::black_box(&big);
    assert!(
        names.iter().all(|name| name == "tokio-rt-worker"),
        "{names:?}"
    );
    assert_eq!(thread_name(), "every_run_option_together_passes");
}

#[mainspring::test(timeout = "100ms", stack_size = "32MiB", fail_on_task_panic = true)]
#[should_panic(expected = "timeout = \"100ms\"")]
async fn every_run_option_together_times_out() {
    let big = [2u8; BIG];
    sleep(Duration::from_secs(10)).await;
    std::hint::black_box(&big);
}

#[mainspring::test(timeout = "30s", stack_size = "32MiB", fail_on_task_panic = true)]
#[should_panic(expected = "`fail_on_task_panic = true`): boom under every option")]
async fn every_run_option_together_reports_a_task_panic() {
    assert!(spawn_unawaited_panic("boom under every option").await);
}
