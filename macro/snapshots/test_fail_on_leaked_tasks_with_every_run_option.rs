#[::core::prelude::v1::test]
fn strict() -> ::std::process::ExitCode {
    ::mainspring::__private::with_stack_size_report(
        8388608,
        move || ::mainspring::__private::track_spawns(|spawns| ::mainspring::__private::fail_on_task_panic(
            ::mainspring::__private::shutdown_timeout(
                ::core::time::Duration::from_secs(1),
                ::mainspring::__private::Builder::new_multi_thread()
                    .on_task_terminate(spawns.on_terminate(ended))
                    .on_task_spawn(spawns.spawn_hook())
                    .enable_all()
                    .build(),
            ),
            spawns
                .fail_on_leaked_tasks(
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
        )),
    )
}
