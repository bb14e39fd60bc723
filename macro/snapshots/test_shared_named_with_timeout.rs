#[::core::prelude::v1::test]
fn on_a_named_shared_runtime() {
    ::mainspring::__private::block_on_shared(
        &runtimes::DB,
        ::mainspring::__private::timeout_on_shared(
            ::core::time::Duration::from_secs(30),
            "\"30s\"",
            async move {
                if false {
                    return;
                }
                {}
            },
        ),
    )
}
