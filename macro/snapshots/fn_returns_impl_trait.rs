fn helper() -> impl std::fmt::Debug {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move { { 5 } },
    )
}
