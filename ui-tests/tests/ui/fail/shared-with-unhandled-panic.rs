#[mainspring::test(shared, unhandled_panic = "shutdown_runtime")]
async fn on_shared() {}

fn main() {}
