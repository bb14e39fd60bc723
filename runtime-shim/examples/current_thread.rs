//! With `flavor = "current_thread"`, every spawned task runs on the very
//! thread that runs `main`: concurrency without parallelism.
//!
//! Run with `cargo run -p mainspring --example current_thread`.

use std::thread;

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    let main_id = thread::current().id();
    println!("main runs on {main_id:?}");

    let handles: Vec<_> = (0..3)
        .map(|i| {
            tokio::spawn(async move {
                tokio::task::yield_now().await;
                (i, thread::current().id())
            })
        })
        .collect();

    for handle in handles {
        let (i, task_id) = handle.await.expect("task does not panic");
        println!("task {i} ran on {task_id:?}");
        assert_eq!(task_id, main_id, "task {i} left the main thread");
    }
    println!("all tasks shared the main thread");
}
