#[cfg(test)]
async fn both() {}
#[cfg(test)]
mod both {
    #[allow(unused_imports)]
    use super::*;
    #[::core::prelude::v1::test]
    fn current_thread() {
        ::mainspring::__private::track_spawns(|spawns| ::mainspring::__private::block_on(
            ::mainspring::__private::Builder::new_current_thread()
                .on_task_spawn(spawns.spawn_hook())
                .on_task_terminate(spawns.terminate_hook())
                .enable_all()
                .build(),
            spawns.fail_on_leaked_tasks(super::both()),
        ))
    }
    #[::core::prelude::v1::test]
    fn multi_thread() {
        ::mainspring::__private::track_spawns(|spawns| ::mainspring::__private::block_on(
            ::mainspring::__private::Builder::new_multi_thread()
                .on_task_spawn(spawns.spawn_hook())
                .on_task_terminate(spawns.terminate_hook())
                .enable_all()
                .build(),
            spawns.fail_on_leaked_tasks(super::both()),
        ))
    }
}
