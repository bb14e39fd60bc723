#[mainspring::test(flavor = ["current_thread", "multi-thread"])]
async fn typo() {}

fn main() {}
