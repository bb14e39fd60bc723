//! `main` with `fail_on_blocking`: a task that sleeps on a worker fails the program (exit 101).

use std::time::Duration;

#[mainspring::main(worker_threads = 2, fail_on_blocking = "100ms")]
async fn main() {
    tokio::spawn(async { std::thread::sleep(Duration::from_millis(300)) })
        .await
        .unwrap();
}
