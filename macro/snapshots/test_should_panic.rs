#[should_panic(expected = "boom")]
#[::core::prelude::v1::test]
fn panics() {
    async fn panics() {
        panic!("boom");
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        panics(),
    )
}
