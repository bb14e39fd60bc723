#[cfg(test)]
async fn both() {}
#[cfg(test)]
mod both {
    #[allow(unused_imports)]
    use super::*;
    #[::core::prelude::v1::test]
    fn current_thread() {
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
                        super::both(),
                    ),
                ::mainspring::__private::never_failed,
            )
    }
    #[::core::prelude::v1::test]
    fn multi_thread() {
        let watch = ::mainspring::__private::Watch::new().located_leaks();
        watch
            .conclude(
                watch
                    .run(
                        ::mainspring::__private::Builder::new_multi_thread()
                            .on_task_spawn(watch.spawn_hook())
                            .on_task_terminate(watch.terminate_hook())
                            .on_thread_start(watch.thread_start_hook())
                            .enable_all()
                            .build(),
                        super::both(),
                    ),
                ::mainspring::__private::never_failed,
            )
    }
}
