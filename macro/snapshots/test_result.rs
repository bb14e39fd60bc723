#[::core::prelude::v1::test]
fn fallible() -> Result<(), std::num::ParseIntError> {
    async fn fallible() -> Result<(), std::num::ParseIntError> {
        let _: u8 = "1".parse()?;
        Ok(())
    }
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(fallible())
}
