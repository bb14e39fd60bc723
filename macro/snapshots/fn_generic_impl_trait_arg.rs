fn show<T: Clone>(x: T, y: impl std::fmt::Display) -> String {
    async fn show<T: Clone>(x: T, y: impl std::fmt::Display) -> String {
        y.to_string()
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        show(x, y),
    )
}
