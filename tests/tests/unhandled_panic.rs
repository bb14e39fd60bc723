//! `unhandled_panic` needs tokio's unstable API; CI runs this file with
//! `RUSTFLAGS="--cfg tokio_unstable"` (see `.ci/run`). Without the cfg it compiles to nothing.
#![cfg(tokio_unstable)]

#[mainspring::test(unhandled_panic = "shutdown_runtime")]
#[should_panic(
    expected = "a spawned task panicked and the runtime is configured to shut down on unhandled panic"
)]
async fn a_panicking_task_shuts_the_runtime_down() {
    let _task = tokio::spawn(async { panic!("boom") });
    // Never finishes by itself: only the shutdown caused by the task's panic ends the test.
    std::future::pending::<()>().await;
}

#[mainspring::test(flavor = "current_thread", unhandled_panic = "ignore")]
async fn an_ignored_panic_is_only_a_join_error() {
    let error = tokio::spawn(async { panic!("boom") }).await.unwrap_err();
    assert!(error.is_panic());
}
