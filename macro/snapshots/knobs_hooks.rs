#[::core::prelude::v1::test]
fn hooked() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread()
            .thread_name_fn(|| "w".to_owned())
            .on_thread_start(started)
            .on_thread_stop(|| {})
            .on_thread_park(hooks::parked)
            .on_thread_unpark(hooks::unparked)
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
