#[mainspring::test(disable_lifo_slot = true)]
async fn no_lifo() {}

fn main() {}
