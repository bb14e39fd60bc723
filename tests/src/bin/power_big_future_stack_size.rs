//! With `stack_size = "64MiB"`: the same `async fn main` as `power_big_future`, a future holding
//! a 12 MiB array across an `.await`, runs to the end on a thread with a 64 MiB stack and prints
//! what it held and the name of the thread it ran on.

use std::hint::black_box;

/// Bytes the future keeps alive across its `.await`: more than the main thread's stack.
const BIG: usize = 12 * 1024 * 1024;

#[mainspring::main(flavor = "current_thread", stack_size = "64MiB")]
async fn main() {
    let big = [7u8; BIG];
    tokio::task::yield_now().await;
    black_box(&big);
    let sum: usize = big.iter().map(|&byte| usize::from(byte)).sum();
    let name = std::thread::current()
        .name()
        .unwrap_or("<unnamed>")
        .to_owned();
    println!("held {} bytes summing to {sum} on thread {name}", big.len());
}
