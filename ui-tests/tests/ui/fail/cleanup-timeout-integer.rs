#[mainspring::test(cleanup_timeout = 5)]
async fn bounded() {}

fn main() {}
