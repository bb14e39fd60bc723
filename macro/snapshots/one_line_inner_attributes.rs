#[allow(unused_variables)]
#[deny(clippy::all)]
fn f() -> u8 {
    ::mainspring::__private::block_on_value(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<u8>();
            }
            let x = 1;
            2
        },
        ::mainspring::__private::Judge::<u8>::of().failed(),
    )
}
