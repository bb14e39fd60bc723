fn main() -> Result<(), std::io::Error> {
    let threads = ::mainspring::__private::Threads::new();
    ::mainspring::__private::block_on(
        ::mainspring::__private::shutdown_timeout(
            ::core::time::Duration::from_secs(5),
            &threads,
            ::mainspring::__private::Builder::new_multi_thread()
                .on_thread_start(threads.start_hook())
                .on_thread_stop(threads.stop_hook())
                .enable_all()
                .build(),
        ),
        async move {
            if false {
                return ::mainspring::__private::output::<Result<(), std::io::Error>>();
            }
            { Ok(()) }
        },
    )
}
