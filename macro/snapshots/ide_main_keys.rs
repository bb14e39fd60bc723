fn main() {
    let _ = (
        ::mainspring::__private::options::worker_threads,
        ::mainspring::__private::options::thread_name,
        ::mainspring::__private::options::crate_,
    );
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("w")
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
