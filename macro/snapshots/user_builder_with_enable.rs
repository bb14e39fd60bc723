fn main() {
    async fn main() {}
    ::mainspring::__private::check::builder(my_builder)
        .enable_time()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
