fn main() -> ::std::process::ExitCode {
    let _ = (::mainspring::__private::options::stack_size,);
    ::mainspring::__private::with_stack_size_report(
        67108864,
        move || ::mainspring::__private::block_on(
            ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
            async move {
                if false {
                    return ::mainspring::__private::output::<
                        Result<(), Box<dyn std::error::Error>>,
                    >();
                }
                { Ok(()) }
            },
        ),
    )
}
