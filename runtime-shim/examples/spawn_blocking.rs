//! `spawn_blocking` moves CPU-heavy or blocking work off the async workers.
//! Inside such a thread, `Handle::block_on` can still drive async code.
//!
//! Run with `cargo run -p mainspring --example spawn_blocking`.

use std::time::Duration;
use tokio::runtime::Handle;

/// A deliberately CPU-bound function that must not run on an async worker.
fn sum_of_squares(limit: u64) -> u64 {
    (1..=limit).map(|n| n * n).sum()
}

#[mainspring::main]
async fn main() {
    let total = tokio::task::spawn_blocking(|| sum_of_squares(1_000_000))
        .await
        .expect("blocking task does not panic");
    println!("sum of squares up to 1e6: {total}");
    assert_eq!(total, 333_333_833_333_500_000);

    // `Handle::current()` only works inside the runtime, so grab it here and
    // move it into the closure, which runs on a separate blocking thread.
    let handle = Handle::current();
    let message = tokio::task::spawn_blocking(move || {
        std::thread::sleep(Duration::from_millis(20)); // plain blocking call
        handle.block_on(async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let inner = tokio::spawn(async { "async result" });
            inner.await.expect("inner task does not panic")
        })
    })
    .await
    .expect("blocking task does not panic");
    println!("from the blocking thread: {message}");
    assert_eq!(message, "async result");
}
