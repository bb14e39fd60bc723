#[mainspring::main(thread_stack_size = "3 mebibytes")]
async fn main() {}
