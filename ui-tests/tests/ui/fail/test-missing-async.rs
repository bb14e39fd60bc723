#[mainspring::test]
fn adds() {}

fn main() {}
