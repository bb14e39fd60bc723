#[mainspring::main(event_interval = 61usize)]
async fn main() {}
