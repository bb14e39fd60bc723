fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .worker_threads(
                ::mainspring::__private::check::count_usize(
                    "worker_threads",
                    cores() / 2,
                ),
            )
            .thread_stack_size(
                ::mainspring::__private::check::count_usize(
                    "thread_stack_size",
                    3 * 1024 * 1024,
                ),
            )
            .thread_keep_alive(Duration::from_millis(250))
            .name(
                ::mainspring::__private::check::name(
                    "name",
                    std::env::var("NAME").unwrap_or_default(),
                ),
            )
            .thread_name(format!("pool-{}", 1))
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
