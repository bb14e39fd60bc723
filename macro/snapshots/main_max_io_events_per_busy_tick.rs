fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread()
            .max_io_events_per_tick(256)
            .max_io_events_per_busy_tick(8)
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
