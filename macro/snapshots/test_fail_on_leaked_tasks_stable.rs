#[::core::prelude::v1::test]
fn no_leaks() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        ::mainspring::__private::fail_on_leaked_tasks(async move {
            if false {
                return;
            }
            {
                tokio::spawn(async {}).await.unwrap();
            }
        }),
    )
}
