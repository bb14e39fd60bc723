#[::core::prelude::v1::test]
fn bounded() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        ::mainspring::__private::timeout(
            Duration::from_millis(LIMIT),
            "Duration::from_millis(LIMIT)",
            async move {
                if false {
                    return;
                }
                {}
            },
        ),
    )
}
