#[mainspring::main(builder = 5)]
async fn main() {}
