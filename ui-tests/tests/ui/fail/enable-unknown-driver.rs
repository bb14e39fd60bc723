#[mainspring::main(enable = ["io", "tme", "signal"])]
async fn main() {}
