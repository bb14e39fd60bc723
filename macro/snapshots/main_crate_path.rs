fn main() {
    async fn main() {}
    my::reexport::__private::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
