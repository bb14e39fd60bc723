#[mainspring::test(shutdown_timeout = 5)]
async fn bounded() {}

fn main() {}
