#[::core::prelude::v1::test]
fn everything(x: u32) {
    ::mainspring::__private::with_stack_size(
        ::mainspring::__private::check::count_usize("stack_size", 1 << 26),
        move || {
            let watch = ::mainspring::__private::Watch::new().task_panics();
            watch
                .conclude(
                    watch
                        .run(
                            ::mainspring::__private::Builder::new_multi_thread()
                                .enable_all()
                                .build(),
                            ::mainspring::__private::timeout(
                                ::core::time::Duration::from_secs(120),
                                "\"2m\"",
                                async move {
                                    if false {
                                        return;
                                    }
                                    {}
                                },
                            ),
                        ),
                    ::mainspring::__private::never_failed,
                )
        },
    )
}
