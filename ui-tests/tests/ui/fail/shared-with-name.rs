#[mainspring::test(name = "mine", shared)]
async fn on_shared() {}

fn main() {}
