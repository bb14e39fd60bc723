//! `fail_on_leaked_tasks = true`: when the body has returned, tasks still alive on its runtime
//! fail it, with how many there are and, under `--cfg tokio_unstable`, where each was spawned.
//!
//! What is counted is tokio's `RuntimeMetrics::num_alive_tasks`: tasks spawned on the runtime
//! (`tokio::spawn`, `spawn_local`, `JoinSet`) that have not ended. `spawn_blocking` work is not
//! in it, and a task that was aborted or whose `JoinSet` was dropped is not counted once its
//! cancellation has run.

use super::run::TaskPanics;
use std::future::Future;
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::{Handle, RuntimeFlavor};

/// Tasks alive when the body returns that are about to end are given a moment to: on
/// `multi_thread` a task whose `JoinHandle` has resolved can still be counted (the join is woken
/// before the task is released: tokio issue 7591), and an aborted task (a dropped `JoinSet`'s) is
/// only released when the scheduler next runs it. On `current_thread` (and `local`) that is one
/// pass of the scheduler, on this thread; on `multi_thread` it is up to the workers, which a
/// loaded machine may not run for a while, so the moment is measured in time. A clean body's
/// count is zero at once and waits for nothing; only a leak waits the whole moment.
const SETTLE_PASSES: usize = 16;
const SETTLE: Duration = Duration::from_millis(500);

/// `fail_on_leaked_tasks = true` without `--cfg tokio_unstable`: `future`, then the check.
pub async fn fail_on_leaked_tasks<F: Future>(future: F) -> F::Output {
    let output = future.await;
    let alive = settled_count().await;
    if alive > 0 {
        panic!("{}", leaked(alive, None));
    }
    output
}

/// The number of tasks alive on the current runtime once it has settled (see [`SETTLE`]).
///
/// A task left running that gets to run meanwhile and panics (an assertion that fails late)
/// fails the body with that panic: its end must not pass for a clean one. One that runs to its
/// end without a panic did what it had to do, and is not counted.
async fn settled_count() -> usize {
    let handle = Handle::current();
    let metrics = handle.metrics();
    if metrics.num_alive_tasks() == 0 {
        return 0;
    }
    let on_workers = handle.runtime_flavor() == RuntimeFlavor::MultiThread;
    let panics = TaskPanics::watch(handle.id());
    let start = Instant::now();
    let mut passes = 0;
    let alive = loop {
        // Lets the scheduler run what is left to run: an abort, a release.
        tokio::task::yield_now().await;
        passes += 1;
        let alive = metrics.num_alive_tasks();
        let settled = match on_workers {
            true => start.elapsed() >= SETTLE,
            false => passes >= SETTLE_PASSES,
        };
        if alive == 0 || settled {
            break alive;
        }
        if on_workers {
            thread::sleep(Duration::from_millis(1));
        }
    };
    if let Some(message) = panics.first() {
        panic!(
            "a task still running when the body returned panicked as it ended \
             (`fail_on_leaked_tasks = true`): {message}"
        );
    }
    alive
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
        None => message.push_str(
            "\n  (build with `RUSTFLAGS=\"--cfg tokio_unstable\"` to see where each was spawned)",
        ),
    }
    message
}

#[cfg(tokio_unstable)]
pub use located::track_spawns;

/// Where each task was spawned, from tokio's task hooks (unstable).
#[cfg(tokio_unstable)]
mod located {
    use super::{leaked, settled_count};
    use crate::__private::run::lock;
    use std::collections::{BTreeMap, HashMap};
    use std::future::Future;
    use std::panic::Location;
    use std::sync::{Arc, Mutex};
    use tokio::runtime::TaskMeta;
    use tokio::task::Id;

    /// `fail_on_leaked_tasks = true` under `--cfg tokio_unstable`: runs `run` with a record of
    /// the tasks spawned on one runtime, which its hooks fill and its check reads.
    pub fn track_spawns<T>(run: impl FnOnce(&Spawns) -> T) -> T {
        run(&Spawns::default())
    }

    /// The tasks of one runtime that were spawned and have not ended, with where each was
    /// spawned.
    #[derive(Clone, Default)]
    pub struct Spawns(Arc<Mutex<HashMap<Id, &'static Location<'static>>>>);

    impl Spawns {
        /// The `on_task_spawn` hook: records the task, then calls the user's `hook`.
        pub fn on_spawn<H>(&self, hook: H) -> impl Fn(&TaskMeta<'_>) + Send + Sync + 'static
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
        pub fn on_terminate<H>(&self, hook: H) -> impl Fn(&TaskMeta<'_>) + Send + Sync + 'static
        where
            H: Fn(&TaskMeta<'_>) + Send + Sync + 'static,
        {
            let spawns = self.clone();
            move |meta: &TaskMeta<'_>| {
                lock(&spawns.0).remove(&meta.id());
                hook(meta);
            }
        }

        /// `on_spawn` when the user gave no `on_task_spawn`.
        pub fn spawn_hook(&self) -> impl Fn(&TaskMeta<'_>) + Send + Sync + 'static {
            self.on_spawn(|_: &TaskMeta<'_>| {})
        }

        /// `on_terminate` when the user gave no `on_task_terminate`.
        pub fn terminate_hook(&self) -> impl Fn(&TaskMeta<'_>) + Send + Sync + 'static {
            self.on_terminate(|_: &TaskMeta<'_>| {})
        }

        /// `future`, then the check, naming where the tasks left running were spawned.
        pub async fn fail_on_leaked_tasks<F: Future>(&self, future: F) -> F::Output {
            let output = future.await;
            let alive = settled_count().await;
            if alive > 0 {
                panic!("{}", leaked(alive, Some(self.places())));
            }
            output
        }

        /// Where the recorded tasks were spawned, each place once with its count, in order.
        fn places(&self) -> Vec<(String, usize)> {
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
