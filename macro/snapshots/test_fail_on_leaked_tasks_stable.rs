#[::core::prelude::v1::test]
fn no_leaks() {
    let watch = ::mainspring::__private::Watch::new().leaks();
    watch
        .conclude(
            watch
                .run(
                    ::mainspring::__private::Builder::new_current_thread()
                        .enable_all()
                        .build(),
                    async move {
                        if false {
                            return;
                        }
                        {
                            tokio::spawn(async {}).await.unwrap();
                        }
                    },
                ),
            ::mainspring::__private::never_failed,
        )
}
