#[mainspring::main(worker_threads = 4, max_worker_threads = 8)]
async fn main() {}
