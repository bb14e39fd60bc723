#[mainspring::main(name = 42)]
async fn main() {}
