#[::core::prelude::v1::test]
fn fallible() -> Result<(), std::num::ParseIntError> {
    ::mainspring::__private::block_on_value(
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
        ::mainspring::__private::Judge::<Result<(), std::num::ParseIntError>>::of()
            .failed(),
    )
}
