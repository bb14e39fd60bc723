fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
::core::compile_error! {
    "unknown option `flavour`; did you mean `flavor`?"
}
::core::compile_error! {
    "`worker_threads` must be at least 1"
}
