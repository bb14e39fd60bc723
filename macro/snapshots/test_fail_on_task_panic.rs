#[::core::prelude::v1::test]
fn strict() {
    ::mainspring::__private::fail_on_task_panic(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {
                tokio::spawn(async {});
            }
        },
    )
}
