fn main() {
    let _ = (
        ::mainspring::__private::options::builder,
        ::mainspring::__private::options::thread_name,
    );
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
