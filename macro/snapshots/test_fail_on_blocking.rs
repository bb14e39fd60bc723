#[::core::prelude::v1::test]
fn watched() {
    let watch = ::mainspring::__private::Watch::new()
        .fail_on_blocking(::core::time::Duration::from_millis(100), "\"100ms\"")
        .warn_on_blocking(::core::time::Duration::from_millis(50), "\"50ms\"");
    watch
        .conclude(
            watch
                .run(
                    ::mainspring::__private::Builder::new_multi_thread()
                        .on_thread_park(watch.on_thread_park(parked))
                        .on_thread_start(watch.thread_start_hook())
                        .on_thread_unpark(watch.unpark_hook())
                        .on_before_task_poll(watch.poll_start_hook())
                        .on_after_task_poll(watch.poll_stop_hook())
                        .enable_all()
                        .build(),
                    async move {
                        if false {
                            return;
                        }
                        {}
                    },
                ),
            ::mainspring::__private::never_failed,
        )
}
