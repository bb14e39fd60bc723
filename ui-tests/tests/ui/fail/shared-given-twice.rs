#[mainspring::test(shared, shared)]
async fn on_shared() {}

fn main() {}
