//! Finding what blocks the runtime: `warn_on_blocking` writes a line to stderr for each poll
//! that keeps a thread of the runtime from its scheduler longer than the limit, and the program
//! goes on. Here a request handler hashes a large buffer inline; the fix is in the same file.
//!
//! Run with `cargo run -p mainspring --example find_blocking`.

use std::time::Instant;

/// Stands for CPU work: a few hundred milliseconds of it in a debug build.
fn checksum(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

async fn handle_request(body: Vec<u8>) -> u64 {
    // Blocks the worker that polls this task for as long as it computes.
    checksum(&body)
}

async fn handle_request_fixed(body: Vec<u8>) -> u64 {
    // The same work on tokio's blocking pool: the worker goes on with other tasks meanwhile.
    tokio::task::spawn_blocking(move || checksum(&body))
        .await
        .unwrap()
}

#[mainspring::main(worker_threads = 2, warn_on_blocking = "50ms")]
async fn main() {
    let body = vec![7u8; 64 << 20];
    let copy = body.clone();
    let start = Instant::now();
    let sum = tokio::spawn(handle_request(copy)).await.unwrap();
    println!("inline: {sum:x} in {:?}", start.elapsed());
    let start = Instant::now();
    let sum = tokio::spawn(handle_request_fixed(body)).await.unwrap();
    println!("spawn_blocking: {sum:x} in {:?}", start.elapsed());
}
