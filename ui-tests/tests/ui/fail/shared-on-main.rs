#[mainspring::main(shared)]
async fn main() {}
