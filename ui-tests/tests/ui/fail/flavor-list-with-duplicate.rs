#[mainspring::test(flavor = ["current_thread", "multi_thread", "current_thread"])]
async fn twice() {}

fn main() {}
