#[mainspring::main(cleanup_timeout = "5")]
async fn main() {}
