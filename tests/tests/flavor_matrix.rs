//! `flavor = ["current_thread", "multi_thread"]`: one test per flavor, each on the runtime its
//! name says, with the options that apply to it (`worker_threads` on multi_thread,
//! `start_paused` on current_thread), listed by name and run alone by this test binary itself
//! as a child process.

use std::thread;
use std::time::Duration;

use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::time::sleep;

use mainspring_tests::child::this_binary;
use mainspring_tests::probe::thread_name;

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
