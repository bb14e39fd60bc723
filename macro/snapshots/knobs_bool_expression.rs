#[::core::prelude::v1::test]
fn paused() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread()
            .start_paused(PAUSED)
            .enable_all()
            .build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
