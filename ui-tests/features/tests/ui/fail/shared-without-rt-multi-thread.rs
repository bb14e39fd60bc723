#[mainspring::test(shared)]
async fn on_the_shared_runtime() {}

fn main() {}
