#[mainspring::main(max_worker_threads = 0)]
async fn main() {}
