#[::core::prelude::v1::test]
fn capped() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .worker_threads(
                ::mainspring::__private::check::max_worker_threads(
                    ::mainspring::__private::check::count_usize(
                        "max_worker_threads",
                        cores() / 2,
                    ),
                ),
            )
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
