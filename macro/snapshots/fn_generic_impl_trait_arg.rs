fn show<T: Clone>(x: T, y: impl std::fmt::Display) -> String {
    async fn show<T: Clone>(x: T, y: impl std::fmt::Display) -> String {
        y.to_string()
    }
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(show(x, y))
}
