pub(crate) fn sum(a: u32, mut b: u32, (c, d): (u32, u32)) -> u32 {
    ::mainspring::__private::block_on_value(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<u32>();
            }
            {
                b += 1;
                a + b + c + d
            }
        },
        ::mainspring::__private::Judge::<u32>::of().failed(),
    )
}
