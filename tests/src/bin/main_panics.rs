//! `async fn main()` that panics after awaiting a spawned task.

#[mainspring::main]
async fn main() {
    let value = tokio::spawn(async { 6 * 7 }).await.unwrap();
    panic!("main gave up on purpose with value {value}");
}
