#[mainspring::test(shared, shared = false)]
async fn on_shared() {}

fn main() {}
