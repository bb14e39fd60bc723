fn main() -> ::std::process::ExitCode {
    ::mainspring::__private::block_on_report(
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
    )
}
