#[::core::prelude::v1::test]
fn t() {
    let _ = (
        ::mainspring::__private::options::__key,
        ::mainspring::__private::options::timeout,
        ::mainspring::__private::options::__key,
    );
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
    "unknown option `flavour`; did you mean `flavor`?"
}
