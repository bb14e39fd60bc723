//! The smallest program: `#[mainspring::main]` on `async fn main`.
//!
//! Run with `cargo run -p mainspring --example hello`.

#[mainspring::main]
async fn main() {
    let greeting = tokio::spawn(async { "hello from a tokio task" })
        .await
        .unwrap();
    println!("{greeting}");
    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    println!("hello, world");
}
