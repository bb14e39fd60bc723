#[::core::prelude::v1::test]
fn strict() -> ::std::process::ExitCode {
    ::mainspring::__private::with_stack_size(
        8388608,
        move || {
            let watch = ::mainspring::__private::Watch::new()
                .task_panics()
                .located_leaks();
            watch
                .conclude_report(
                    watch
                        .run(
                            ::mainspring::__private::shutdown_timeout(
                                ::core::time::Duration::from_secs(1),
                                ::mainspring::__private::Builder::new_multi_thread()
                                    .on_task_terminate(watch.on_terminate(ended))
                                    .on_task_spawn(watch.spawn_hook())
                                    .on_thread_start(watch.thread_start_hook())
                                    .enable_all()
                                    .build(),
                            ),
                            ::mainspring::__private::timeout(
                                ::core::time::Duration::from_secs(5),
                                "\"5s\"",
                                async move {
                                    if false {
                                        return ::mainspring::__private::output::<
                                            Result<(), String>,
                                        >();
                                    }
                                    { Ok(()) }
                                },
                            ),
                        ),
                )
        },
    )
}
