#[serial]
#[::core::prelude::v1::test]
fn serial() -> Result<(), String> {
    ::mainspring::__private::block_on_value(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<Result<(), String>>();
            }
            { Ok(()) }
        },
        ::mainspring::__private::Judge::<Result<(), String>>::of().failed(),
    )
}
