#[::core::prelude::v1::test]
fn no_leaks() {
    let watch = ::mainspring::__private::Watch::new().located_leaks();
    watch
        .conclude(
            watch
                .run(
                    ::mainspring::__private::Builder::new_current_thread()
                        .on_task_spawn(watch.spawn_hook())
                        .on_task_terminate(watch.terminate_hook())
                        .enable_all()
                        .build(),
                    async move {
                        if false {
                            return;
                        }
                        {
                            tokio::spawn(async {}).await.unwrap();
                        }
                    },
                ),
            ::mainspring::__private::never_failed,
        )
}
