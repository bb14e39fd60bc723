fn main() {
    async fn main() {}
    ::mainspring::__private::block_on(
        ::mainspring::__private::check::builder(my_builder).enable_time().build(),
        main(),
    )
}
