#[::core::prelude::v1::test]
fn bounded() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        ::mainspring::__private::timeout(
            ::core::time::Duration::from_secs(5),
            "\"5s\"",
            async move {
                if false {
                    return;
                }
                {}
            },
        ),
    )
}
