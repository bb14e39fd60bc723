#[::core::prelude::v1::test]
fn no_drivers() {
    async fn no_drivers() {}
    ::mainspring::__private::Builder::new_current_thread()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(no_drivers())
}
