#[::core::prelude::v1::test]
fn strict() {
    async fn strict() {
        tokio::spawn(async {});
    }
    ::mainspring::__private::fail_on_task_panic(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        strict(),
    )
}
