#[test_log::test]
#[::core::prelude::v1::test]
fn logged() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
