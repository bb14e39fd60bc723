#[::core::prelude::v1::test]
fn parallel() {
    async fn parallel() {}
    ::mainspring::__private::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(parallel())
}
