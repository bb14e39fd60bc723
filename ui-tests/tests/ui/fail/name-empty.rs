#[mainspring::main(name = "  ")]
async fn main() {}
