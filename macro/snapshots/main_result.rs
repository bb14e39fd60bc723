fn main() -> Result<(), Box<dyn std::error::Error>> {
    ::mainspring::__private::block_on_value(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        async move {
            if false {
                return ::mainspring::__private::output::<
                    Result<(), Box<dyn std::error::Error>>,
                >();
            }
            {
                let n: u32 = "4".parse()?;
                Ok(())
            }
        },
        ::mainspring::__private::Judge::<Result<(), Box<dyn std::error::Error>>>::of()
            .failed(),
    )
}
