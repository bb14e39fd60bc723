#[::core::prelude::v1::test]
fn twice() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
::core::compile_error! {
    "a second test attribute is given; `#[mainspring::test]` already adds `#[test]`, remove this one"
}
