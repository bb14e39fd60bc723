#[mainspring::main(max_io_events_per_busy_tick = 0)]
async fn main() {}
