fn main() {
    async fn main() {}
    ::mainspring::__private::Builder::new_multi_thread()
        .enable_io()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
