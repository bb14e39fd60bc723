//! Twin of `threads_current_thread.rs` under `#[tokio::main(flavor = "current_thread")]`: prints
//! `<who> <thread id> <thread name>` for `main` and for each of 8 spawned tasks.

use std::thread;

fn describe() -> String {
    let current = thread::current();
    format!(
        "{:?} {}",
        current.id(),
        current.name().unwrap_or("<unnamed>")
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("main {}", describe());
    let handles: Vec<_> = (0..8)
        .map(|i| {
            tokio::spawn(async move {
                tokio::task::yield_now().await;
                format!("task{i} {}", describe())
            })
        })
        .collect();
    for handle in handles {
        println!("{}", handle.await.unwrap());
    }
}
