#[mainspring::test(flavor = ["current_thread", "local"], worker_threads = 2)]
async fn no_workers() {}

fn main() {}
