// ntest's `#[timeout]` above ours expands first and moves the async body into a plain fn that
// it runs on a thread: the error names the order that works, and mainspring's own `timeout`.
#[ntest::timeout(1000)]
#[mainspring::test]
async fn bounded() {
    tokio::task::yield_now().await;
}

fn main() {}
