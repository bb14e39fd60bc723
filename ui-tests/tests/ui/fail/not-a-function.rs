#[mainspring::main]
struct Config;

fn main() {}
