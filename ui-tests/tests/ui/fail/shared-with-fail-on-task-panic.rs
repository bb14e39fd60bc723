#[mainspring::test(shared, fail_on_task_panic = true)]
async fn on_shared() {}

fn main() {}
