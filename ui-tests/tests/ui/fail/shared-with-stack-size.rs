#[mainspring::test(shared, stack_size = "64MiB")]
async fn on_shared() {}

fn main() {}
