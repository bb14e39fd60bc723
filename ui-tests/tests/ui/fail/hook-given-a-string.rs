#[mainspring::main(on_thread_start = "started")]
async fn main() {}
