fn main() {
    async fn main() {
        tokio::task::spawn_local(async {}).await.unwrap();
    }
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build_local(::core::default::Default::default())
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
