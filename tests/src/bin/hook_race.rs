//! Watched runs while another thread sets a panic hook of its own again and again (a test
//! that silences panics, case after case): each run either sees its task's panic, or says on
//! stderr, naming it, that a hook replaced mainspring's while it ran. Each run is on a thread
//! named `run-<n>`. Usage: `hook_race <runs>`; prints `seen=` and the numbers of the runs that
//! did not see their task's panic, `missed=`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[mainspring::main(flavor = "current_thread", fail_on_task_panic = true)]
async fn watched() {
    let task = tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(1)).await;
        panic!("the task's panic");
    });
    let _ = task.await;
}

static STOP: AtomicBool = AtomicBool::new(false);

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let setter = std::thread::spawn(|| {
        while !STOP.load(Ordering::Relaxed) {
            std::panic::set_hook(Box::new(|_| {}));
            let started = Instant::now();
            while started.elapsed() < Duration::from_millis(10) {}
        }
    });
    let mut seen = 0;
    let mut missed = Vec::new();
    for run in 0..runs {
        let failed = std::thread::Builder::new()
            .name(format!("run-{run}"))
            .spawn(watched)
            .expect("a thread")
            .join()
            .is_err();
        match failed {
            true => seen += 1,
            false => missed.push(run.to_string()),
        }
    }
    STOP.store(true, Ordering::Relaxed);
    setter.join().expect("the setter");
    println!("seen={seen}");
    println!("missed={}", missed.join(","));
}
