//! tokio's unstable `Builder` knobs as options: `rng_seed`, the task hooks, `disable_lifo_slot`
//! and `eager_driver_handoff`. CI runs this file with `RUSTFLAGS="--cfg tokio_unstable"` (see
//! `.ci/run`); without the cfg it compiles to nothing. Each option is checked by what it
//! changes, against the same body without it.
#![cfg(tokio_unstable)]

use std::future::ready;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use tokio::runtime::TaskMeta;
use tokio::task::{self, Id, yield_now};

/// Which of four always-ready branches `tokio::select!` took, 64 times: tokio picks the branch
/// to poll first at random, from the runtime's generator.
async fn branches() -> Vec<u8> {
    let mut taken = Vec::new();
    for _ in 0..64 {
        tokio::select! {
            () = ready(()) => taken.push(0),
            () = ready(()) => taken.push(1),
            () = ready(()) => taken.push(2),
            () = ready(()) => taken.push(3),
        }
    }
    taken
}

#[mainspring::main(flavor = "current_thread", rng_seed = 42)]
async fn branches_seeded_42() -> Vec<u8> {
    branches().await
}

/// A seed given as an expression.
const SEVEN: u64 = 7;

#[mainspring::main(flavor = "current_thread", rng_seed = SEVEN)]
async fn branches_seeded_7() -> Vec<u8> {
    branches().await
}

#[mainspring::main(flavor = "current_thread")]
async fn branches_unseeded() -> Vec<u8> {
    branches().await
}

#[test]
fn the_same_seed_takes_the_same_branches_every_time() {
    let first = branches_seeded_42();
    assert!(
        first.iter().any(|&branch| branch != first[0]),
        "not random at all: {first:?}"
    );
    for run in 1..20 {
        assert_eq!(branches_seeded_42(), first, "run {run}");
    }
}

#[test]
fn another_seed_or_none_takes_other_branches() {
    let seeded = branches_seeded_42();
    assert_ne!(branches_seeded_7(), seeded);
    assert_eq!(branches_seeded_7(), branches_seeded_7());
    // Unseeded, each runtime draws its own seed: 64 picks of 4 agree by chance 1 time in 4^64.
    assert_ne!(branches_unseeded(), branches_unseeded());
}

#[mainspring::test(rng_seed = 42)]
async fn a_seeded_test_takes_the_branches_of_its_seed() {
    let here = branches().await;
    // The same seed on a runtime of another thread (one cannot be started inside this one).
    let there = thread::spawn(branches_seeded_42).join().unwrap();
    assert_eq!(here, there);
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the task hooks of `hooked_tasks` saw.
static SPAWNED: Mutex<Vec<Id>> = Mutex::new(Vec::new());
static TERMINATED: Mutex<Vec<Id>> = Mutex::new(Vec::new());
static POLLS_STARTED: Mutex<Vec<Id>> = Mutex::new(Vec::new());
static POLLS_ENDED: Mutex<Vec<Id>> = Mutex::new(Vec::new());

fn spawned(meta: &TaskMeta<'_>) {
    lock(&SPAWNED).push(meta.id());
}

fn terminated(meta: &TaskMeta<'_>) {
    lock(&TERMINATED).push(meta.id());
}

/// Spawns five tasks that each yield twice (so each is polled three times) and returns their
/// ids; the hooks record every spawn, poll and end.
#[mainspring::main(
    flavor = "multi_thread",
    worker_threads = 2,
    on_task_spawn = spawned,
    on_task_terminate = terminated,
    on_before_task_poll = |meta| lock(&POLLS_STARTED).push(meta.id()),
    on_after_task_poll = |meta| lock(&POLLS_ENDED).push(meta.id()),
)]
async fn hooked_tasks() -> Vec<Id> {
    let handles: Vec<_> = (0..5)
        .map(|_| {
            tokio::spawn(async {
                yield_now().await;
                yield_now().await;
            })
        })
        .collect();
    let ids = handles.iter().map(task::JoinHandle::id).collect();
    for handle in handles {
        handle.await.unwrap();
    }
    ids
}

#[test]
fn the_task_hooks_see_every_task_start_run_and_end() {
    let mut ids = hooked_tasks();
    // The runtime is shut down when `hooked_tasks` returns: every hook has run by now.
    ids.sort_unstable();
    let sorted = |ids: &Mutex<Vec<Id>>| {
        let mut ids = lock(ids).clone();
        ids.sort_unstable();
        ids
    };
    assert_eq!(sorted(&SPAWNED), ids);
    // tokio also reports the end of each worker thread's own blocking task, which it never
    // reported as spawned: the hook sees every task of ours end once, among those.
    let terminated = sorted(&TERMINATED);
    for id in &ids {
        assert_eq!(
            terminated.iter().filter(|&ended| ended == id).count(),
            1,
            "{id:?} in {terminated:?}"
        );
    }
    let three_each: Vec<Id> = ids.iter().flat_map(|&id| [id; 3]).collect();
    assert_eq!(sorted(&POLLS_STARTED), three_each);
    assert_eq!(sorted(&POLLS_ENDED), three_each);
}

/// The order in which two tasks spawned by a task on the only worker run: with the LIFO slot,
/// the last one spawned runs first.
async fn order_of_two_spawns() -> Vec<char> {
    let order = Arc::new(Mutex::new(Vec::new()));
    let inner = Arc::clone(&order);
    let (first, second) = tokio::spawn(async move {
        let b = Arc::clone(&inner);
        let c = Arc::clone(&inner);
        let first = tokio::spawn(async move { lock(&b).push('b') });
        let second = tokio::spawn(async move { lock(&c).push('c') });
        (first, second)
    })
    .await
    .unwrap();
    first.await.unwrap();
    second.await.unwrap();
    lock(&order).clone()
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 1, disable_lifo_slot = true)]
async fn without_the_lifo_slot_spawned_tasks_run_in_order() {
    assert_eq!(order_of_two_spawns().await, ['b', 'c']);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 1, disable_lifo_slot = false)]
async fn with_the_lifo_slot_the_last_spawned_task_runs_first() {
    assert_eq!(order_of_two_spawns().await, ['c', 'b']);
}

/// A task woken by the timer blocks its worker until another task's timer fires: that timer
/// can only fire if another worker takes over the time driver. Whether the flag came.
async fn timer_fires_while_a_worker_blocks() -> bool {
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    let setter = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        set.store(true, SeqCst);
    });
    let blocker = tokio::spawn(async move {
        // Woken by the driver, so polled on the worker that was parked on it.
        tokio::time::sleep(Duration::from_millis(10)).await;
        let start = Instant::now();
        while !flag.load(SeqCst) && start.elapsed() < Duration::from_secs(2) {
            thread::sleep(Duration::from_millis(1));
        }
        flag.load(SeqCst)
    });
    let came = blocker.await.unwrap();
    setter.await.unwrap();
    came
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    eager_driver_handoff = true
)]
async fn with_eager_driver_handoff_another_worker_takes_the_driver() {
    assert!(timer_fires_while_a_worker_blocks().await);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_eager_driver_handoff_the_timer_waits_for_the_blocked_worker() {
    assert!(!timer_fires_while_a_worker_blocks().await);
}
