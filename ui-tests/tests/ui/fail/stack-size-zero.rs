#[mainspring::main(stack_size = 0)]
async fn main() {}
