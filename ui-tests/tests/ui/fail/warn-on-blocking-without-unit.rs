#[mainspring::test(warn_on_blocking = "50")]
async fn warned() {}

fn main() {}
