#[mainspring::main(thread_name = 7)]
async fn main() {}
