//! What `fail_on_blocking` costs at run time, measured here rather than asserted (a figure for
//! the docs, from `cargo run --release -p mainspring-tests --bin blocking_overhead`): each case
//! with and without the option, the median of 9 rounds.
//!
//! - `run`: an annotated fn whose body yields once, 200 times: the cost of one run (the
//!   sampler's thread, the slots).
//! - `body polls`: one run whose body yields 200 000 times on `current_thread`: each poll of the
//!   body is marked.
//! - `task polls`: one run on `multi_thread` whose task yields 200 000 times: without
//!   `--cfg tokio_unstable` nothing per poll; with it, the poll hooks.

use std::time::{Duration, Instant};

#[mainspring::main(flavor = "current_thread")]
async fn run_plain() {
    tokio::task::yield_now().await;
}

#[mainspring::main(flavor = "current_thread", fail_on_blocking = "100ms")]
async fn run_checked() {
    tokio::task::yield_now().await;
}

const POLLS: u32 = 200_000;

#[mainspring::main(flavor = "current_thread")]
async fn body_polls_plain() {
    for _ in 0..POLLS {
        tokio::task::yield_now().await;
    }
}

#[mainspring::main(flavor = "current_thread", fail_on_blocking = "100ms")]
async fn body_polls_checked() {
    for _ in 0..POLLS {
        tokio::task::yield_now().await;
    }
}

async fn task_polls() {
    tokio::spawn(async {
        for _ in 0..POLLS {
            tokio::task::yield_now().await;
        }
    })
    .await
    .unwrap();
}

#[mainspring::main(flavor = "multi_thread", worker_threads = 2)]
async fn task_polls_plain() {
    task_polls().await;
}

#[mainspring::main(
    flavor = "multi_thread",
    worker_threads = 2,
    fail_on_blocking = "100ms"
)]
async fn task_polls_checked() {
    task_polls().await;
}

/// The median time of `round`, over 9 rounds.
fn median(round: impl Fn()) -> Duration {
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let start = Instant::now();
            round();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[4]
}

fn main() {
    let plain = median(|| (0..200).for_each(|_| run_plain()));
    let checked = median(|| (0..200).for_each(|_| run_checked()));
    println!(
        "run: {:?} plain, {:?} checked, {:?} more a run",
        plain / 200,
        checked / 200,
        checked.saturating_sub(plain) / 200
    );
    let plain = median(body_polls_plain);
    let checked = median(body_polls_checked);
    println!(
        "body polls: {:?} plain, {:?} checked, {:?} more a poll",
        plain / POLLS,
        checked / POLLS,
        checked.saturating_sub(plain) / POLLS
    );
    let plain = median(task_polls_plain);
    let checked = median(task_polls_checked);
    println!(
        "task polls{}: {:?} plain, {:?} checked, {:?} more a poll",
        if cfg!(tokio_unstable) {
            " (tokio_unstable)"
        } else {
            ""
        },
        plain / POLLS,
        checked / POLLS,
        checked.saturating_sub(plain) / POLLS
    );
}
