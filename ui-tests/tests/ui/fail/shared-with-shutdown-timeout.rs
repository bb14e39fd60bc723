#[mainspring::test(shared, shutdown_timeout = "1s")]
async fn on_shared() {}

fn main() {}
