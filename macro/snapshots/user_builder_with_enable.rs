fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::check::builder(my_builder).enable_time().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
