#[::core::prelude::v1::test]
fn it_works() {
    async fn it_works() {
        assert_eq!(1 + 1, 2);
    }
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(it_works())
}
