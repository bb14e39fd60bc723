fn main() -> ! {
    async fn main() -> ! {
        loop {
            tokio::task::yield_now().await;
        }
    }
    ::mainspring::__private::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
