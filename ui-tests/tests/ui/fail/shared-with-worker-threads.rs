#[mainspring::test(shared, worker_threads = 4)]
async fn on_shared() {}

fn main() {}
