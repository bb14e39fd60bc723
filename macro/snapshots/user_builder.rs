fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::check::builder(runtime::my_builder)
            .thread_name("custom")
            .build(),
        ::std::boxed::Box::pin(async move {
            if false {
                return;
            }
            {}
        }),
    )
}
