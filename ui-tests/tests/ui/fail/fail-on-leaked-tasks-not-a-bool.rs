#[mainspring::test(fail_on_leaked_tasks = "yes")]
async fn strict() {}

fn main() {}
