//! Awaiting futures one after another adds their durations; `tokio::join!`
//! polls them concurrently, so the total is roughly the longest one.
//!
//! Run with `cargo run -p mainspring --example join_timing`.

use std::time::{Duration, Instant};
use tokio::time::sleep;

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    sleep(Duration::from_millis(100)).await;
    sleep(Duration::from_millis(150)).await;
    let sequential = start.elapsed();
    println!("sequential: {sequential:?} (expected ~250ms)");

    let start = Instant::now();
    tokio::join!(
        sleep(Duration::from_millis(100)),
        sleep(Duration::from_millis(150)),
    );
    let joined = start.elapsed();
    println!("join!:      {joined:?} (expected ~150ms)");

    // Sleeps never finish early, so the sequential run takes at least 250ms,
    // while the joined run only has to wait for its longest sleep.
    assert!(sequential >= Duration::from_millis(250));
    assert!(joined >= Duration::from_millis(150));
    assert!(joined < sequential, "join! should beat sequential awaits");
}
