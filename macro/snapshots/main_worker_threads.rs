fn main() {
    async fn main() {}
    ::mainspring::__private::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
