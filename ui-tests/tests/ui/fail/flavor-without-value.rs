#[mainspring::main(flavor)]
async fn main() {}
