#[mainspring::main(max_blocking_threads = "many".len() as u8)]
async fn main() {}
