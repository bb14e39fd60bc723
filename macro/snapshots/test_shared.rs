#[::core::prelude::v1::test]
fn on_the_default_shared_runtime() -> ::std::process::ExitCode {
    ::mainspring::__private::block_on_shared_report(
        &::mainspring::__private::SHARED,
        async move {
            if false {
                return ::mainspring::__private::output::<Result<(), String>>();
            }
            { Ok(()) }
        },
    )
}
