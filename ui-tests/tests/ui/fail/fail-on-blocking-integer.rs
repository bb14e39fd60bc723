#[mainspring::main(fail_on_blocking = 100)]
async fn main() {}
