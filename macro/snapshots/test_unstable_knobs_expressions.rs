#[::core::prelude::v1::test]
fn seeded() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .rng_seed(::mainspring::__private::rng_seed(seed() ^ 1))
            .enable_eager_driver_handoff()
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
