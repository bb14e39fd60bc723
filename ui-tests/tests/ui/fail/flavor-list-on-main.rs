#[mainspring::main(flavor = ["current_thread", "multi_thread"])]
async fn main() {}
