#[::core::prelude::v1::test]
fn t() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            assert_ne!(1, 2)
        },
    )
}
