fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::check::builder(runtime::my_builder)
            .thread_name("custom")
            .build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
