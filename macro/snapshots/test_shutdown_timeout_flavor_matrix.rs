#[cfg(test)]
async fn both() {}
#[cfg(test)]
mod both {
    #[allow(unused_imports)]
    use super::*;
    #[::core::prelude::v1::test]
    fn current_thread() {
        let threads = ::mainspring::__private::Threads::new();
        ::mainspring::__private::block_on(
            ::mainspring::__private::shutdown_timeout(
                LIMIT,
                ::mainspring::__private::count_threads(
                    &threads,
                    ::mainspring::__private::Builder::new_current_thread()
                        .thread_name_fn(threads.default_name())
                        .on_thread_stop(threads.stop_hook())
                        .enable_all()
                        .build(),
                ),
            ),
            super::both(),
        )
    }
    #[::core::prelude::v1::test]
    fn multi_thread() {
        ::mainspring::__private::block_on(
            ::mainspring::__private::shutdown_timeout(
                LIMIT,
                ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
            ),
            super::both(),
        )
    }
}
