#[mainspring::test(shared = "DB")]
async fn on_shared() {}

fn main() {}
