fn main() {
    let watch = ::mainspring::__private::Watch::new().located_leaks();
    watch
        .conclude(
            watch
                .run(
                    ::mainspring::__private::Builder::new_multi_thread()
                        .on_thread_start(watch.on_thread_start(started))
                        .on_task_spawn(watch.spawn_hook())
                        .on_task_terminate(watch.terminate_hook())
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
