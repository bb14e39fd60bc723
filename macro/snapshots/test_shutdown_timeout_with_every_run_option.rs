#[::core::prelude::v1::test]
fn bounded() {
    ::mainspring::__private::with_stack_size(
        8388608,
        move || ::mainspring::__private::fail_on_task_panic(
            ::mainspring::__private::shutdown_timeout(
                ::core::time::Duration::from_secs(0),
                ::mainspring::__private::Builder::new_current_thread()
                    .enable_all()
                    .build_local(::core::default::Default::default()),
            ),
            ::mainspring::__private::timeout(
                ::core::time::Duration::from_secs(10),
                "\"10s\"",
                async move {
                    if false {
                        return;
                    }
                    {}
                },
            ),
        ),
    )
}
