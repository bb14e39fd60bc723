#[mainspring::main(eager_driver_handoff = true)]
async fn main() {}
