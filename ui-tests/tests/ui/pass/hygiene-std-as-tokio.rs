//! `use std as tokio;`: the user reaches the runtime as `::tokio`, the expansion never by name.
//! The name `tokio` is the standard library here.
use std as tokio;

#[mainspring::main(flavor = "current_thread")]
async fn spawned() -> u32 {
    ::tokio::spawn(async { 6 * 7 }).await.unwrap()
}

#[mainspring::main]
async fn main() {
    let parsed: tokio::result::Result<u32, _> = "4".parse::<u32>();
    assert_eq!(parsed, Ok(4));
    ::tokio::task::yield_now().await;
    let from_thread = tokio::thread::spawn(spawned).join().unwrap();
    assert_eq!(from_thread, 42);
}
