#[test_case::test_case(2 = >4)]
fn doubled(x: u32) -> u32 {
    ::mainspring::__private::block_on_value(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<u32>();
            }
            { x * 2 }
        },
        ::mainspring::__private::Judge::<u32>::of().failed(),
    )
}
