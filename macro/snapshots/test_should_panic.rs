#[should_panic(expected = "boom")]
#[::core::prelude::v1::test]
fn panics() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {
                panic!("boom");
            }
        },
    )
}
