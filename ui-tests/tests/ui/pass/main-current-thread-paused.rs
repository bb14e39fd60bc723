//! `start_paused` on `main` with the `current_thread` flavor.
#[mainspring::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = tokio::time::Instant::now();
    tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    assert_eq!(start.elapsed().as_secs(), 3600);
}
