fn main() -> Result<(), std::io::Error> {
    let _ = (::mainspring::__private::options::shutdown_timeout,);
    ::mainspring::__private::block_on(
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
