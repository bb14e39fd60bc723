//! Without `stack_size`: an `async fn main` whose future holds a 12 MiB array across an `.await`.
//! The whole future lives in `main`'s frame on the 8 MiB main thread, so this program is expected
//! to crash with a stack overflow (run as a child process by `tests/test_powers.rs`).

use std::hint::black_box;

/// Bytes the future keeps alive across its `.await`: more than the main thread's stack.
const BIG: usize = 12 * 1024 * 1024;

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    let big = [7u8; BIG];
    tokio::task::yield_now().await;
    black_box(&big);
    println!(
        "held {} bytes across an await without stack_size",
        big.len()
    );
}
