fn main() -> ::std::process::ExitCode {
    async fn main() -> Result<(), Box<dyn std::error::Error>> {
        Ok(())
    }
    ::mainspring::__private::with_stack_size_report(
        67108864,
        move || ::mainspring::__private::block_on(
            ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
            main(),
        ),
    )
}
