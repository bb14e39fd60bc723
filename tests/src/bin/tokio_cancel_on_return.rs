//! Twin of `cancel_on_return.rs` under `#[tokio::main]`: a 10 s task is still pending when `main`
//! returns, and its guard prints `task dropped` when the runtime shuts down and drops it.

use std::io::Write;
use std::time::Duration;

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        println!("task dropped");
        std::io::stdout().flush().unwrap();
    }
}

#[tokio::main]
async fn main() {
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let _guard = Guard;
        println!("task started");
        std::io::stdout().flush().unwrap();
        started_tx.send(()).unwrap();
        tokio::time::sleep(Duration::from_secs(10)).await;
        println!("task finished");
        std::io::stdout().flush().unwrap();
    });
    started_rx.await.unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    println!("main returning");
    std::io::stdout().flush().unwrap();
}
