//! `tokio::spawn` returns a `JoinHandle`; awaiting it yields the task's output,
//! or a `JoinError` if the task panicked (`is_panic()` is then true).
//!
//! Run with `cargo run -p mainspring --example spawn_join_handle`.

use std::time::Duration;

#[mainspring::main]
async fn main() {
    let handles: Vec<_> = (1..=4u64)
        .map(|n| {
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(10 * n)).await;
                n * n
            })
        })
        .collect();

    let mut squares = Vec::with_capacity(handles.len());
    for handle in handles {
        squares.push(handle.await.expect("task does not panic"));
    }
    println!("squares: {squares:?}");
    assert_eq!(squares, [1, 4, 9, 16]);

    // A panic inside a task is caught by the runtime and handed back to
    // whoever awaits its handle; the rest of the program keeps running.
    println!("spawning a task that panics (its panic message is expected):");
    let failing = tokio::spawn(async {
        panic!("this task fails on purpose");
    });
    let err = failing.await.expect_err("the task panicked");
    println!("join error: {err} (is_panic = {})", err.is_panic());
    assert!(err.is_panic());
    assert!(!err.is_cancelled());
}
