//! test-log (`features = ["trace"]`): its README's stacked form, `#[mainspring::test]` above
//! `#[test_log::test]` (also with options), and its wrapping form
//! `#[test_log::test(mainspring::test(..))]`. test-log sees the standard `#[test]` that ours adds
//! below it and adds none. (`#[test_log::test]` above ours is a compile error that names these
//! two forms: `ui-tests/tests/ui/fail/stacked-test-log-above.rs`.)

use std::time::Duration;

use tokio::runtime::Handle;

/// test-log's init block ran in the body: a global tracing subscriber is set.
fn logging_is_set_up() -> bool {
    tracing::dispatcher::has_been_set()
}

#[mainspring::test]
#[test_log::test]
async fn ours_above_test_log() {
    tracing::info!("from a test under both attributes");
    assert!(logging_is_set_up());
    assert_eq!(tokio::spawn(async { 6 * 7 }).await.unwrap(), 42);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
#[test_log::test]
async fn ours_above_test_log_with_flavor() {
    assert!(logging_is_set_up());
    assert_eq!(Handle::current().metrics().num_workers(), 2);
}

#[mainspring::test(start_paused = true)]
#[test_log::test]
async fn ours_above_test_log_with_start_paused() -> Result<(), String> {
    let start = tokio::time::Instant::now();
    tokio::time::sleep(Duration::from_secs(3600)).await;
    assert_eq!(start.elapsed(), Duration::from_secs(3600));
    let n: u32 = "7".parse().map_err(|_| "not a number".to_owned())?;
    assert_eq!(n, 7);
    Ok(())
}

#[mainspring::test]
#[test_log::test]
#[should_panic(expected = "boom under test-log")]
async fn ours_above_test_log_should_panic() {
    panic!("boom under test-log");
}

#[test_log::test(mainspring::test)]
async fn test_log_wrapping_ours() {
    assert!(logging_is_set_up());
}

#[test_log::test(mainspring::test(flavor = "multi_thread", worker_threads = 3))]
async fn test_log_wrapping_ours_with_options() {
    assert_eq!(Handle::current().metrics().num_workers(), 3);
}

// The same forms under tokio's attribute.

#[tokio::test]
#[test_log::test]
async fn tokio_above_test_log() {
    assert!(logging_is_set_up());
}

#[test_log::test(tokio::test)]
async fn test_log_wrapping_tokio() {
    assert!(logging_is_set_up());
}

#[test]
fn lists_each_test_once() {
    mainspring_stacking_tests::assert_lists(&[
        "lists_each_test_once",
        "ours_above_test_log",
        "ours_above_test_log_should_panic",
        "ours_above_test_log_with_flavor",
        "ours_above_test_log_with_start_paused",
        "test_log_wrapping_ours",
        "test_log_wrapping_ours_with_options",
        "test_log_wrapping_tokio",
        "tokio_above_test_log",
    ]);
}
