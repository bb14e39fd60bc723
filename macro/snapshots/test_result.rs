#[::core::prelude::v1::test]
fn fallible() -> ::std::process::ExitCode {
    ::mainspring::__private::block_on_report(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<
                    Result<(), std::num::ParseIntError>,
                >();
            }
            {
                let _: u8 = "1".parse()?;
                Ok(())
            }
        },
    )
}
