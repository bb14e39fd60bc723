fn main() -> ! {
    async fn main() -> ! {
        loop {
            tokio::task::yield_now().await;
        }
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        main(),
    )
}
