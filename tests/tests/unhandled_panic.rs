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

#[mainspring::test(unhandled_panic = "shutdown_runtime")]
#[ignore = "its output is the point; run by `cleanups_the_stopped_runtime_could_not_run_are_said`"]
async fn stopped_with_a_cleanup_registered() {
    mainspring::cleanup(async {}); // the cleanup that cannot run
    let _task = tokio::spawn(async { panic!("boom") });
    std::future::pending::<()>().await;
}

#[test]
fn cleanups_the_stopped_runtime_could_not_run_are_said() {
    let output = mainspring_tests::child::this_binary(&[
        "stopped_with_a_cleanup_registered",
        "--exact",
        "--ignored",
    ]);
    let all = output.all();
    assert!(all.contains("1 failed"), "{all}");
    let line = include_str!("unhandled_panic.rs")
        .lines()
        .position(|line| {
            line.contains("// the cleanup that cannot run") && !line.contains("position")
        })
        .expect("the marker")
        + 1;
    let expected = format!(
        "mainspring: the runtime stopped running the body before its cleanups ran (as tokio's \
         `unhandled_panic = \"shutdown_runtime\"` does after a task's panic); not run: the cleanup \
         registered at tests/tests/unhandled_panic.rs:{line}:5"
    );
    assert!(all.contains(&expected), "{expected}\n{all}");
}
