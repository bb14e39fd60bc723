#[ignore]
#[rustfmt::skip]
#[allow(dead_code)]
#[::core::prelude::v1::test]
fn plain() -> ::std::process::ExitCode {
    ::mainspring::__private::block_on_report(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<Result<(), String>>();
            }
            { Ok(()) }
        },
    )
}
