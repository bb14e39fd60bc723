#[test_case::test_case(1)]
#[test_case::test_case(2)]
fn cases(x: u32) {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {
                assert!(x > 0);
            }
        },
    )
}
