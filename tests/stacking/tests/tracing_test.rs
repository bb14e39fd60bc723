//! tracing-test: `#[traced_test]` below and above `#[mainspring::test]`; `logs_contain` sees
//! what the body and a task it spawned logged.

use tracing_test::traced_test;

#[mainspring::test]
#[traced_test]
async fn ours_above_traced_test() {
    tracing::info!("logged by the body");
    tokio::spawn(async { tracing::info!("logged by a spawned task") })
        .await
        .unwrap();
    assert!(logs_contain("logged by the body"));
    assert!(logs_contain("logged by a spawned task"));
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
#[traced_test]
async fn ours_above_traced_test_multi_thread() {
    tracing::warn!("from the multi-thread runtime");
    assert!(logs_contain("from the multi-thread runtime"));
}

#[traced_test]
#[mainspring::test]
async fn traced_test_above_ours() {
    tracing::info!("under traced_test first");
    assert!(logs_contain("under traced_test first"));
}

// The same forms under tokio's attribute.

#[tokio::test]
#[traced_test]
async fn tokio_above_traced_test() {
    tracing::info!("tokio above");
    assert!(logs_contain("tokio above"));
}

#[traced_test]
#[tokio::test]
async fn traced_test_above_tokio() {
    tracing::info!("tokio below");
    assert!(logs_contain("tokio below"));
}

#[test]
fn lists_each_test_once() {
    mainspring_stacking_tests::assert_lists(&[
        "lists_each_test_once",
        "ours_above_traced_test",
        "ours_above_traced_test_multi_thread",
        "tokio_above_traced_test",
        "traced_test_above_ours",
        "traced_test_above_tokio",
    ]);
}
