#[mainspring::test(shared, enable = ["time"])]
async fn on_shared() {}

fn main() {}
