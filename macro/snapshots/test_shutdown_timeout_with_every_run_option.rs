#[::core::prelude::v1::test]
fn bounded() {
    ::mainspring::__private::with_stack_size(
        8388608,
        move || {
            let watch = ::mainspring::__private::Watch::new().task_panics();
            let threads = ::mainspring::__private::Threads::new();
            watch
                .conclude(
                    watch
                        .run(
                            ::mainspring::__private::shutdown_timeout(
                                ::core::time::Duration::from_secs(0),
                                ::mainspring::__private::count_threads(
                                    &threads,
                                    ::mainspring::__private::Builder::new_current_thread()
                                        .thread_name_fn(threads.default_name())
                                        .on_thread_stop(threads.stop_hook())
                                        .enable_all()
                                        .build_local(::core::default::Default::default()),
                                ),
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
                    ::mainspring::__private::never_failed,
                )
        },
    )
}
