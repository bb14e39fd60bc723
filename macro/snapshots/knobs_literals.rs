fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .worker_threads(4)
            .thread_name("my-worker")
            .thread_stack_size(3145728)
            .max_blocking_threads(512)
            .thread_keep_alive(::core::time::Duration::from_secs(10))
            .global_queue_interval(31)
            .event_interval(61)
            .max_io_events_per_tick(1024)
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
