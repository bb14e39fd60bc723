#[mainspring::main(disable_lifo_slot = 1)]
async fn main() {}
