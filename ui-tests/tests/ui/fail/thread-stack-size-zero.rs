#[mainspring::main(thread_stack_size = "0KiB")]
async fn main() {}
