#[::core::prelude::v1::test]
fn no_leaks() {
    ::mainspring::__private::track_spawns(|spawns| ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread()
            .on_task_spawn(spawns.spawn_hook())
            .on_task_terminate(spawns.terminate_hook())
            .enable_all()
            .build(),
        spawns
            .fail_on_leaked_tasks(async move {
                if false {
                    return;
                }
                {
                    tokio::spawn(async {}).await.unwrap();
                }
            }),
    ))
}
