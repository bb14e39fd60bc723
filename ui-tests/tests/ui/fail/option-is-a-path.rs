#[mainspring::main(runtime::flavor = "current_thread")]
async fn main() {}
