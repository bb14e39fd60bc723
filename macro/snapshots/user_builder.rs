fn main() {
    async fn main() {}
    ::mainspring::__private::check::builder(runtime::my_builder)
        .thread_name("custom")
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
