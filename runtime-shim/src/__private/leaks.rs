//! `fail_on_leaked_tasks = true`: when the body has returned, tasks still alive on its runtime
//! are a finding, with how many there are and, under `--cfg tokio_unstable`, where each was
//! spawned.
//!
//! The rule, the same on every flavor: when the body returns, the runtime is let run until it is
//! idle, without waiting for time to pass. Tasks that have ended are released, tasks that were
//! aborted are dropped, and tasks that are ready to run (woken already, by a timer that has
//! fired or I/O that has arrived, too) run. Then every task still alive is a leak, whatever it
//! waits for: a timer of a millisecond, a channel, I/O. A clean body, with no task alive when it
//! returns, waits for nothing.
//!
//! What is counted is tokio's `RuntimeMetrics::num_alive_tasks`: tasks spawned on the runtime
//! (`tokio::spawn`, `spawn_local`, `JoinSet`) that have not been released. `spawn_blocking`
//! work is not in it. Under `--cfg tokio_unstable` it is the record of the task hooks: tasks
//! spawned and not yet ended.

use super::panics::TaskPanics;
use super::threads::RuntimeThreads;
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::{Handle, RuntimeFlavor};

/// "Until idle" on `current_thread` and `local`: passes of the scheduler, on this thread, each
/// running the tasks that are ready (up to the scheduler's `event_interval` of them) and the
/// timers and I/O that are due; the runtime is idle once this many passes in a row end no task.
/// A task that is ready at every pass (a loop of `yield_now`) is counted then.
const STILL_PASSES: usize = 16;

/// On `multi_thread`, "until idle" is every worker parked with nothing queued and, on Linux,
/// every thread of the runtime asleep. A runtime that stays busy (a task that loops) or a
/// machine too loaded to run the workers is given this long, on every flavor, then the tasks
/// still alive are counted.
const SETTLE_LIMIT: Duration = Duration::from_millis(500);

/// How the leak check tells what was left running.
pub(super) enum Leaks {
    /// How many tasks (tokio's metrics).
    Counted,
    /// How many, and where each was spawned (the task hooks' record).
    #[cfg(tokio_unstable)]
    Located(located::Spawns),
}

/// What the leak check finds once the body has returned: tasks left running, or a task left
/// running that panicked as the runtime settled. `late_panics`: whether a panic of a task while
/// the runtime settles is this check's to report (not when `fail_on_task_panic` reports every
/// task's panic).
pub(super) async fn finding(
    leaks: &Leaks,
    threads: &RuntimeThreads,
    late_panics: bool,
) -> Option<String> {
    let handle = Handle::current();
    let alive = || match leaks {
        Leaks::Counted => handle.metrics().num_alive_tasks(),
        #[cfg(tokio_unstable)]
        Leaks::Located(spawns) => spawns.alive(),
    };
    if alive() == 0 {
        return None;
    }
    let on_workers = handle.runtime_flavor() == RuntimeFlavor::MultiThread;
    // A task left running that gets to run meanwhile and panics (an assertion that fails late)
    // is a finding: its end must not pass for a clean one. Only a task's panic counts, not one
    // of `spawn_blocking` work: on `current_thread` tasks run on this thread; under the task
    // hooks a task is one they saw spawned; on `multi_thread` without them the two cannot be
    // told apart.
    let body_thread = thread::current().id();
    let panics = late_panics.then(|| match leaks {
        Leaks::Counted if on_workers => TaskPanics::watch(handle.id(), |_| true),
        Leaks::Counted => TaskPanics::watch(handle.id(), move |p| p.thread == body_thread),
        #[cfg(tokio_unstable)]
        Leaks::Located(spawns) => {
            let spawns = spawns.clone();
            TaskPanics::watch(handle.id(), move |p| spawns.is_alive(p.task))
        }
    });
    let alive = match on_workers {
        true => settle_on_workers(&handle, threads, alive).await,
        false => settle_here(alive).await,
    };
    if let Some(message) = panics.and_then(|panics| panics.first()) {
        return Some(format!(
            "a task still running when the body returned panicked as it ended \
             (`fail_on_leaked_tasks = true`): {message}"
        ));
    }
    if alive == 0 {
        return None;
    }
    let places = match leaks {
        Leaks::Counted => None,
        #[cfg(tokio_unstable)]
        Leaks::Located(spawns) => Some(spawns.places()),
    };
    Some(leaked(alive, places))
}

/// `current_thread` and `local`: the scheduler's passes, until [`STILL_PASSES`] in a row end no
/// task.
async fn settle_here(alive: impl Fn() -> usize) -> usize {
    let start = Instant::now();
    let mut left = alive();
    let mut still = 0;
    while left > 0 && still < STILL_PASSES && start.elapsed() < SETTLE_LIMIT {
        tokio::task::yield_now().await;
        let now = alive();
        still = if now < left { 0 } else { still + 1 };
        left = now;
    }
    left
}

/// `multi_thread`: the body runs on a thread that is not a worker, so the workers go on
/// meanwhile; this waits until they are all idle (or [`SETTLE_LIMIT`]), and counts then.
async fn settle_on_workers(
    handle: &Handle,
    threads: &RuntimeThreads,
    alive: impl Fn() -> usize,
) -> usize {
    let start = Instant::now();
    loop {
        tokio::task::yield_now().await;
        // Counted after the workers were seen idle, so no release can be under way.
        if idle(handle, threads) || start.elapsed() >= SETTLE_LIMIT {
            return alive();
        }
        if alive() == 0 {
            return 0;
        }
        thread::sleep(Duration::from_micros(100));
    }
}

/// Whether every worker is parked with nothing queued, and stays so for a moment, and no thread
/// of the runtime runs or waits for a core: nothing is ready to run, and no task is between its
/// end and its release (tokio issue 7591). A worker publishes its park count before it parks
/// and when it has woken, before it takes a task from the queue (`worker_park_unpark_count` is
/// odd while it is parked); but a worker woken by a timer or by I/O runs the tasks it wakes
/// before it publishes, so the count alone would take it for parked while it does: its thread's
/// state tells (Linux).
#[cfg(target_has_atomic = "64")]
fn idle(handle: &Handle, threads: &RuntimeThreads) -> bool {
    let metrics = handle.metrics();
    let parked = || -> Option<Vec<u64>> {
        let counts: Vec<u64> = (0..metrics.num_workers())
            .map(|worker| metrics.worker_park_unpark_count(worker))
            .collect();
        let all_parked = counts.iter().all(|count| count % 2 == 1);
        (all_parked && metrics.global_queue_depth() == 0).then_some(counts)
    };
    let Some(before) = parked() else {
        return false;
    };
    let workers = metrics.num_workers();
    if !threads.workers_asleep(workers) {
        return false;
    }
    thread::sleep(Duration::from_micros(100));
    parked() == Some(before) && threads.workers_asleep(workers)
}

/// Without 64-bit atomics tokio keeps no park counts: the workers get [`SETTLE_LIMIT`].
#[cfg(not(target_has_atomic = "64"))]
fn idle(_: &Handle, _: &RuntimeThreads) -> bool {
    false
}

/// The message for `alive` tasks left running; `spawned_at` lists where they were spawned, as
/// `(place, how many)`, when that is known.
fn leaked(alive: usize, spawned_at: Option<Vec<(String, usize)>>) -> String {
    let (tasks, were, they, their, them) = match alive {
        1 => ("1 task".to_owned(), "was", "it", "its `JoinHandle`", "it"),
        n => (
            format!("{n} tasks"),
            "were",
            "they",
            "their `JoinHandle`s",
            "them",
        ),
    };
    let mut message = format!(
        "{tasks} spawned on this runtime {were} still running when the body returned \
         (`fail_on_leaked_tasks = true`): {they} would be cancelled at shutdown, and what {they} \
         still had to do (an assertion, a write) would never run; await {their}, or abort {them}"
    );
    match spawned_at {
        Some(places) => {
            for (place, count) in places {
                message.push_str(&format!("\n  spawned at {place}"));
                if count > 1 {
                    message.push_str(&format!(" ({count} tasks)"));
                }
            }
        }
        // Under `--cfg tokio_unstable` the places are only unknown with `builder = ..`.
        None if cfg!(tokio_unstable) => message.push_str(
            "\n  (where each was spawned is not shown with `builder = ..`: the task hooks of \
             your builder are kept, and mainspring sets none)",
        ),
        None => message.push_str(
            "\n  (build with `RUSTFLAGS=\"--cfg tokio_unstable\"` to see where each was spawned)",
        ),
    }
    message
}

/// Where each task was spawned, from tokio's task hooks (unstable).
#[cfg(tokio_unstable)]
pub(super) mod located {
    use crate::__private::runtime::lock;
    use std::collections::{BTreeMap, HashMap};
    use std::panic::Location;
    use std::sync::{Arc, Mutex};
    use tokio::runtime::TaskMeta;
    use tokio::task::Id;

    /// The tasks of one runtime that were spawned and have not ended, with where each was
    /// spawned. tokio reports a task's end before it releases it, so this is the count that
    /// matches the places, and it holds no task that has ended (tokio issue 7591).
    #[derive(Clone, Default)]
    pub(crate) struct Spawns(Arc<Mutex<HashMap<Id, &'static Location<'static>>>>);

    impl Spawns {
        /// The `on_task_spawn` hook: records the task, then calls the user's `hook`.
        pub(crate) fn on_spawn<H>(&self, hook: H) -> impl Fn(&TaskMeta<'_>) + Send + Sync + 'static
        where
            H: Fn(&TaskMeta<'_>) + Send + Sync + 'static,
        {
            let spawns = self.clone();
            move |meta: &TaskMeta<'_>| {
                lock(&spawns.0).insert(meta.id(), meta.spawned_at());
                hook(meta);
            }
        }

        /// The `on_task_terminate` hook: forgets the task, then calls the user's `hook`. (tokio
        /// also reports the end of the blocking tasks that run its worker threads, which were
        /// never reported as spawned: not in the record, so nothing to forget.)
        pub(crate) fn on_terminate<H>(
            &self,
            hook: H,
        ) -> impl Fn(&TaskMeta<'_>) + Send + Sync + 'static
        where
            H: Fn(&TaskMeta<'_>) + Send + Sync + 'static,
        {
            let spawns = self.clone();
            move |meta: &TaskMeta<'_>| {
                lock(&spawns.0).remove(&meta.id());
                hook(meta);
            }
        }

        pub(super) fn alive(&self) -> usize {
            lock(&self.0).len()
        }

        pub(super) fn is_alive(&self, task: Id) -> bool {
            lock(&self.0).contains_key(&task)
        }

        /// Where the recorded tasks were spawned, each place once with its count, in order.
        pub(super) fn places(&self) -> Vec<(String, usize)> {
            let mut places = BTreeMap::new();
            for location in lock(&self.0).values() {
                let place = (location.file(), location.line(), location.column());
                *places.entry(place).or_insert(0) += 1;
            }
            places
                .into_iter()
                .map(|((file, line, column), count)| (format!("{file}:{line}:{column}"), count))
                .collect()
        }
    }
}
