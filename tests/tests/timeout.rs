//! `timeout = ..`: a limit of real time on the body, also with `start_paused = true` (paused
//! time jumping past the limit does not fire it), from a string or a `Duration` expression, on
//! tests (with `#[should_panic]` and `#[ignore]`, run by this binary as a child process) and on
//! `main` (`src/bin/main_timeout.rs` exits 101 naming the limit).
//!
//! No test asserts how long anything took (the one lower bound is that a 20 ms `thread::sleep`
//! moves an unpaused clock at least 20 ms): a test that must time out sleeps 100 times longer
//! than its limit and only checks the panic message, and a test that must not time out has a
//! limit far above what its body needs.

use std::process::Command;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::sleep;

use mainspring_tests::child::{run, this_binary};

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

/// A body that blocks its thread past the limit cannot be stopped there, but it does not pass
/// by returning: it ran longer than its limit.
#[mainspring::test(timeout = "100ms")]
#[should_panic(
    expected = "timed out: it ran longer than its `timeout = \"100ms\"`\nit returned after"
)]
async fn timeout_fails_a_body_that_blocks_past_the_limit_and_returns() {
    std::thread::sleep(Duration::from_millis(600));
}

#[mainspring::test(flavor = "multi_thread", timeout = "100ms")]
#[should_panic(expected = "it returned after")]
async fn timeout_fails_a_multi_thread_body_that_blocks_past_the_limit_and_returns() {
    tokio::task::yield_now().await;
    std::thread::sleep(Duration::from_millis(600));
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
    let output = run(Command::new(env!("CARGO_BIN_EXE_main_timeout")));
    assert_eq!(output.status.code(), Some(101), "{}", output.all());
    // The body started, and never reached its end.
    assert_eq!(output.stdout, "waiting\n");
    assert!(
        output.stderr.contains("thread 'main'") && output.stderr.contains("timeout = \"100ms\""),
        "stderr:\n{}",
        output.stderr
    );
}
