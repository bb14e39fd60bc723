#[mainspring::test(flavor = ["current_thread", "multi_thread"])]
async fn on_each_flavor() {}

fn main() {}
