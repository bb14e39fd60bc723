#[::core::prelude::v1::test]
fn strict() {
    let watch = ::mainspring::__private::Watch::new().task_panics();
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
                            tokio::spawn(async {});
                        }
                    },
                ),
            ::mainspring::__private::never_failed,
        )
}
