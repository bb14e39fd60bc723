//! What the kernel says about a runtime's threads (Linux, from `/proc`; elsewhere nothing is
//! known): which are the runtime's, whether one runs, sleeps or waits for a core, and how long
//! it has waited for one. The leak check asks whether the workers sleep; the blocking check how
//! long a thread ran or slept, not counting its waits for a core.

use super::runtime::lock;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The threads of a runtime, each by the number of its `ThreadId` and its id in the kernel,
/// recorded by the runtime's `on_thread_start` hook as each starts (Linux; elsewhere nothing
/// is recorded). Without them (a `builder`'s runtime, whose own hook cannot be kept with ours)
/// idleness is told by the park counts alone.
#[derive(Clone, Default)]
pub(super) struct RuntimeThreads(Arc<Mutex<Vec<(u64, u32)>>>);

impl RuntimeThreads {
    /// Records the thread this is called on.
    pub(super) fn record_this_thread(&self) {
        if let (Some(number), Some(tid)) = (thread_number(), this_thread()) {
            lock(&self.0).push((number, tid));
        }
    }

    /// Whether every worker sleeps (waits in the kernel, for work, a timer or I/O) rather than
    /// runs or waits for a core; true when they are not known. The workers are the runtime's
    /// first `workers` threads: it spawns them as it is built, before any blocking thread, and
    /// std numbers threads in the order they are spawned. (A blocking thread may be busy: its
    /// work is not a task, and a task that waits for it waits.)
    pub(super) fn workers_asleep(&self, workers: usize) -> bool {
        let mut threads = lock(&self.0).clone();
        threads.sort_unstable();
        threads
            .iter()
            .take(workers)
            .all(|(_, tid)| !matches!(state(*tid), Some('R')))
    }
}

/// The number std gave the calling thread, in the order threads are spawned (as `ThreadId`
/// shows it: `ThreadId(12)`).
pub(super) fn thread_number() -> Option<u64> {
    number_of(thread::current().id())
}

/// The number of a thread's `ThreadId`.
pub(super) fn number_of(id: thread::ThreadId) -> Option<u64> {
    let shown = format!("{id:?}");
    shown
        .strip_prefix("ThreadId(")?
        .strip_suffix(')')?
        .parse()
        .ok()
}

/// The kernel's id of the calling thread: `/proc/thread-self` links to `<pid>/task/<tid>`.
pub(super) fn this_thread() -> Option<u32> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
}

/// A thread's scheduling state, from `/proc/self/task/<tid>/stat` (the field after the name,
/// which is in parentheses): `R` running or waiting for a core, `S` or `D` asleep. `None` for a
/// thread that has ended.
fn state(tid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.trim_start().chars().next()
}

/// What a thread is doing now, and how long it has run since it started: its state (`R`
/// running or waiting for a core, `S` or `D` asleep) and the first field of
/// `/proc/self/task/<tid>/schedstat`, its time on a core. `None` for a thread that has ended,
/// or where the kernel does not say. (The second field, the time it waited for a core, grows
/// only when a wait has ended: a wait in progress does not show.)
pub(super) fn sample(tid: u32) -> Option<(char, Duration)> {
    let state = state(tid)?;
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/schedstat")).ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some((state, Duration::from_nanos(nanos)))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn each_thread_has_its_own_number() {
        let mine = thread_number().expect("std shows a number");
        let other = thread::spawn(thread_number).join().unwrap();
        assert!(other.is_some_and(|other| other != mine), "{mine} {other:?}");
    }

    #[test]
    fn a_thread_that_sleeps_is_asleep_and_runs_little() {
        let tid = this_thread().expect("Linux has /proc/thread-self");
        assert_eq!(
            sample(tid).map(|(state, _)| state),
            Some('R'),
            "reading, it runs"
        );
        let (told, tid_of_sleeper) = std::sync::mpsc::channel();
        let sleeper = thread::spawn(move || {
            told.send(this_thread().unwrap()).unwrap();
            thread::sleep(Duration::from_millis(200));
        });
        let sleeping = tid_of_sleeper.recv().unwrap();
        let start = Instant::now();
        thread::sleep(Duration::from_millis(50));
        let (state, on_a_core) = sample(sleeping).expect("it runs still");
        assert!(matches!(state, 'S' | 'D'), "asleep: {state}");
        assert!(on_a_core < start.elapsed() / 2, "{on_a_core:?} on a core");
        sleeper.join().unwrap();
        assert!(sample(sleeping).is_none(), "an ended thread says nothing");
    }
}
