#[::core::prelude::v1::test]
fn watched() -> ::std::process::ExitCode {
    let watch = ::mainspring::__private::Watch::new()
        .fail_on_blocking(::core::time::Duration::from_millis(100), "\"100ms\"");
    watch
        .conclude_report(
            watch
                .run(
                    ::mainspring::__private::Builder::new_current_thread()
                        .on_thread_park(watch.park_hook())
                        .on_thread_unpark(watch.unpark_hook())
                        .on_before_task_poll(watch.poll_start_hook())
                        .on_after_task_poll(watch.poll_stop_hook())
                        .enable_all()
                        .build(),
                    async move {
                        if false {
                            return ::mainspring::__private::output::<
                                Result<(), String>,
                            >();
                        }
                        { Ok(()) }
                    },
                ),
        )
}
