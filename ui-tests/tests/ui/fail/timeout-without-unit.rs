#[mainspring::test(timeout = "5")]
async fn bounded() {}

fn main() {}
