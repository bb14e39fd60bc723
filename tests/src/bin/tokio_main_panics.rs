//! Twin of `main_panics.rs` under `#[tokio::main]` (same line layout): panics after a spawn.

#[tokio::main]
async fn main() {
    let value = tokio::spawn(async { 6 * 7 }).await.unwrap();
    panic!("main gave up on purpose with value {value}");
}
