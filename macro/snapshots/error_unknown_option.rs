fn main() {
    async fn main() {}
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main())
}
::core::compile_error! {
    "unknown option `flavour`; did you mean `flavor`?"
}
::core::compile_error! {
    "`worker_threads` must be at least 1"
}
