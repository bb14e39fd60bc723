pub(crate) fn sum(a: u32, b: u32, __mainspring_arg2: (u32, u32)) -> u32 {
    async fn sum(a: u32, mut b: u32, (c, d): (u32, u32)) -> u32 {
        b += 1;
        a + b + c + d
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        sum(a, b, __mainspring_arg2),
    )
}
