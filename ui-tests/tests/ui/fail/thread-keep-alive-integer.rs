#[mainspring::main(thread_keep_alive = 10)]
async fn main() {}
