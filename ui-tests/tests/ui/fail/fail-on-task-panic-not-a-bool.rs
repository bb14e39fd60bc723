#[mainspring::test(fail_on_task_panic = "yes")]
async fn strict() {}

fn main() {}
