#[::core::prelude::v1::test]
fn it_works() {
    async fn it_works() {
        assert_eq!(1 + 1, 2);
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        it_works(),
    )
}
