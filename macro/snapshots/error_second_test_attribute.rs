#[::core::prelude::v1::test]
fn twice() {
    async fn twice() {}
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(twice())
}
::core::compile_error! {
    "a second test attribute is given; `#[mainspring::test]` already adds `#[test]`, remove this one"
}
