#[mainspring::test(shared, thread_name = "w", max_blocking_threads = 8)]
async fn on_shared() {}

fn main() {}
