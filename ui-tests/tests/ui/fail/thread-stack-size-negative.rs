#[mainspring::main(thread_stack_size = -1)]
async fn main() {}
