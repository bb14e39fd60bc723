fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .rng_seed(::mainspring::__private::rng_seed(42))
            .disable_lifo_slot()
            .on_task_spawn(spawned)
            .on_task_terminate(|meta| drop(meta))
            .on_before_task_poll(hooks::polling)
            .on_after_task_poll(hooks::polled)
            .enable_all()
            .build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
