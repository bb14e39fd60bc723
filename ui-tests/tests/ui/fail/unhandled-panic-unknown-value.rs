#[mainspring::test(unhandled_panic = "shutdown")]
async fn panics_stop_the_runtime() {}

fn main() {}
