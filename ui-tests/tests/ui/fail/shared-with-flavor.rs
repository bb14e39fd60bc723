#[mainspring::test(shared, flavor = "current_thread")]
async fn on_shared() {}

fn main() {}
