#[mainspring::test(shared = true, start_paused = true)]
async fn on_shared() {}

fn main() {}
