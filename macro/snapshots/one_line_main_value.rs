pub fn answer() -> i32 {
    ::mainspring::__private::block_on_value(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<i32>();
            }
            40 + 2
        },
        ::mainspring::__private::Judge::<i32>::of().failed(),
    )
}
