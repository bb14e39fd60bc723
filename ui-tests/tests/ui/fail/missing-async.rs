#[mainspring::main]
fn main() {}
