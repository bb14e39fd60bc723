#[mainspring::main(worker_threads = 4u8)]
async fn main() {}
