fn main() {
    let _ = (
        ::mainspring::__private::options::flavor,
        ::mainspring::__private::options::unhandled_panic,
    );
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread()
            .unhandled_panic(::mainspring::__private::UnhandledPanic::ShutdownRuntime)
            .enable_all()
            .build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
