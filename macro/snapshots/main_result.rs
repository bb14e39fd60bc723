fn main() -> Result<(), Box<dyn std::error::Error>> {
    async fn main() -> Result<(), Box<dyn std::error::Error>> {
        let n: u32 = "4".parse()?;
        Ok(())
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        main(),
    )
}
