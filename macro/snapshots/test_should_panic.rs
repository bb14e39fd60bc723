#[should_panic(expected = "boom")]
#[::core::prelude::v1::test]
fn panics() {
    async fn panics() {
        panic!("boom");
    }
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(panics())
}
