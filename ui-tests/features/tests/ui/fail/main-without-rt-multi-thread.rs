#[mainspring::main]
async fn main() {}
