fn main() {
    let threads = ::mainspring::__private::Threads::new();
    ::mainspring::__private::block_on(
        ::mainspring::__private::shutdown_timeout(
            ::core::time::Duration::from_secs(1),
            ::mainspring::__private::count_threads(
                &threads,
                ::mainspring::__private::Builder::new_current_thread()
                    .thread_name_fn(threads.name("io"))
                    .on_thread_stop(threads.on_stop(stopped))
                    .enable_all()
                    .build_local(::core::default::Default::default()),
            ),
        ),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
