//! A timeout report on a runtime whose only worker is blocked, then a count of the process's
//! threads once the blocked task has ended: the report leaves none behind (with a task dump,
//! under `--cfg tokio_unstable`, a dump would wait for that worker on a thread of tokio's,
//! forever once the runtime is gone). Linux: threads are counted in `/proc/self/task`.
//! Prints `threads_before=N` and `threads_after=M`.

use std::time::{Duration, Instant};

#[mainspring::main(
    flavor = "multi_thread",
    worker_threads = 1,
    timeout = "200ms",
    shutdown_timeout = "0s"
)]
async fn stuck_on_a_blocked_worker() {
    tokio::spawn(async { std::thread::sleep(Duration::from_secs(2)) })
        .await
        .unwrap();
}

fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, Iterator::count)
}

fn main() {
    let before = threads();
    println!("threads_before={before}");
    let timed_out = std::panic::catch_unwind(stuck_on_a_blocked_worker).is_err();
    assert!(timed_out, "the body was to time out");
    // The blocked worker ends with its task, two seconds after it began.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut after = threads();
    while after > before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        after = threads();
    }
    println!("threads_after={after}");
}
