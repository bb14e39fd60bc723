#[mainspring::test(worker_threads = 2)]
async fn parallel() {}

fn main() {}
