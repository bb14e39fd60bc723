#[mainspring::test(shared, flavor = ["current_thread", "multi_thread"])]
async fn on_shared() {}

fn main() {}
