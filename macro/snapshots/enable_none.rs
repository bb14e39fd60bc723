#[::core::prelude::v1::test]
fn no_drivers() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
