#[mainspring::main(thread_keep_alive = "10 fortnights")]
async fn main() {}
