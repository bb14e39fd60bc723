#[mainspring::test(shared, fail_on_blocking = "100ms")]
async fn blocks_nothing() {}

fn main() {}
