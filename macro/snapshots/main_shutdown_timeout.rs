fn main() -> ::std::process::ExitCode {
    ::mainspring::__private::block_on_report(
        ::mainspring::__private::shutdown_timeout(
            ::core::time::Duration::from_secs(5),
            ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        ),
        async move {
            if false {
                return ::mainspring::__private::output::<Result<(), std::io::Error>>();
            }
            { Ok(()) }
        },
    )
}
