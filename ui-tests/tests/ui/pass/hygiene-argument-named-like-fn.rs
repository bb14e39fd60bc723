//! An argument named like its function, as in `async fn retry(retry: u32)`.
#[mainspring::main(flavor = "current_thread")]
async fn retry(retry: u32) -> u32 {
    tokio::task::yield_now().await;
    retry + 1
}

fn main() {
    assert_eq!(retry(1), 2);
}
