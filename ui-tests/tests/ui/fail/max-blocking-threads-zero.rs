#[mainspring::main(max_blocking_threads = 0)]
async fn main() {}
