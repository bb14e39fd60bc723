#[mainspring::main(global_queue_interval = 5000000000)]
async fn main() {}
