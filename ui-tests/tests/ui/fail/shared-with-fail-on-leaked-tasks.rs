#[mainspring::test(shared, fail_on_leaked_tasks = true)]
async fn on_shared() {}

fn main() {}
