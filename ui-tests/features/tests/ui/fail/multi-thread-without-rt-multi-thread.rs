#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_two_workers() {}

fn main() {}
