#[mainspring::main(enable = ["io", "io"])]
async fn main() {}
