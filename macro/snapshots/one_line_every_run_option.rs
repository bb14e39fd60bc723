#[::core::prelude::v1::test]
fn t() -> ::std::process::ExitCode {
    ::mainspring::__private::with_stack_size(
        8388608,
        move || {
            let watch = ::mainspring::__private::Watch::new().task_panics();
            watch
                .conclude_report(
                    watch
                        .run(
                            ::mainspring::__private::Builder::new_current_thread()
                                .enable_all()
                                .build(),
                            ::mainspring::__private::timeout(
                                ::core::time::Duration::from_secs(5),
                                "\"5s\"",
                                async move {
                                    if false {
                                        return ::mainspring::__private::output::<u8>();
                                    }
                                    7
                                },
                            ),
                        ),
                )
        },
    )
}
