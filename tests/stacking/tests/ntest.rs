//! ntest: `#[ntest::timeout(ms)]` below `#[mainspring::test]`, as in ntest's own tests. ntest
//! runs the (by then synchronous) test on a thread and fails it when the limit passes. (Above
//! ours it moves an async body into a plain fn; that is a compile error naming the order that
//! works: `ui-tests/tests/ui/fail/stacked-ntest-timeout-above.rs`.)

use std::time::Duration;

#[mainspring::test]
#[ntest::timeout(10_000)]
async fn ours_above_timeout() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
#[ntest::timeout(10_000)]
async fn ours_above_timeout_multi_thread() -> Result<(), String> {
    assert_eq!(
        tokio::spawn(async { 1 }).await.map_err(|e| e.to_string())?,
        1
    );
    Ok(())
}

#[mainspring::test]
#[ntest::timeout(50)]
#[should_panic(expected = "timeout")]
async fn ours_above_timeout_that_fires() {
    tokio::time::sleep(Duration::from_secs(5)).await;
}

// The same form under tokio's attribute.

#[tokio::test]
#[ntest::timeout(10_000)]
async fn tokio_above_timeout() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[test]
fn lists_each_test_once() {
    mainspring_stacking_tests::assert_lists(&[
        "lists_each_test_once",
        "ours_above_timeout",
        "ours_above_timeout_multi_thread",
        "ours_above_timeout_that_fires",
        "tokio_above_timeout",
    ]);
}
