#[mainspring::main(flavor = "multi-thread")]
async fn main() {}
