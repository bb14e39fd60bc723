#[mainspring::test(unhandled_panic = "shutdown_runtime")]
async fn panics_stop_the_runtime() {}

fn main() {}
