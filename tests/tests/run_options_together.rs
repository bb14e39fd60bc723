//! `timeout`, `stack_size` and `fail_on_task_panic` on one test: each still does its job.

use std::time::Duration;

use tokio::time::sleep;

use mainspring_tests::probe::{spawn_unawaited_panic, task_thread_names, thread_name};

/// Bytes the body holds across an `.await`: more than a test thread's 2 MiB stack.
const BIG: usize = 12 * 1024 * 1024;

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    timeout = "2m",
    stack_size = "32MiB",
    fail_on_task_panic = true
)]
async fn every_run_option_together_passes() {
    let big = [2u8; BIG];
    let names = task_thread_names(8).await;
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
