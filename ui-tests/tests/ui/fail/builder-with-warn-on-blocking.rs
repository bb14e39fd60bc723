fn runtime() -> tokio::runtime::Builder {
    tokio::runtime::Builder::new_current_thread()
}

#[mainspring::test(builder = runtime, warn_on_blocking = "50ms")]
async fn watched() {}

fn main() {}
