fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::check::builder(my_builder).enable_time().build(),
        ::std::boxed::Box::pin(async move {
            if false {
                return;
            }
            {}
        }),
    )
}
