#[::core::prelude::v1::test]
fn on_the_default_shared_runtime() -> Result<(), String> {
    ::mainspring::__private::block_on_shared_value(
        &::mainspring::__private::SHARED,
        async move {
            if false {
                return ::mainspring::__private::output::<Result<(), String>>();
            }
            { Ok(()) }
        },
        ::mainspring::__private::Judge::<Result<(), String>>::of().failed(),
    )
}
