#[mainspring::main(stack_size = "64 megs")]
async fn main() {}
