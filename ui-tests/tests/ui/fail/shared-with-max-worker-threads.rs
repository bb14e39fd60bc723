#[mainspring::test(shared, max_worker_threads = 2)]
async fn on_shared() {}

fn main() {}
