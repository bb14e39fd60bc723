#[::core::prelude::v1::test]
fn fallible() -> Result<(), std::num::ParseIntError> {
    async fn fallible() -> Result<(), std::num::ParseIntError> {
        let _: u8 = "1".parse()?;
        Ok(())
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        fallible(),
    )
}
