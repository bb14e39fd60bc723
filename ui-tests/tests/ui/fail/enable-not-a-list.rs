#[mainspring::main(enable = "io")]
async fn main() {}
