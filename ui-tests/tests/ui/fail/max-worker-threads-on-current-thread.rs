#[mainspring::test(max_worker_threads = 2)]
async fn capped() {}

fn main() {}
