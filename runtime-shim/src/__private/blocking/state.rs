//! What a run's threads share with the blocking check's sampler: one slot per thread, in which
//! the thread writes what it does as it changes (written by that thread alone, read by the
//! sampler), and what the check found.

use super::super::runtime::lock;
use super::super::threads::{this_thread, thread_number};
use std::cell::RefCell;
use std::panic::Location;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::task::Waker;
use std::thread;
use std::time::{Duration, Instant};

/// A limit as the attribute gave it: the duration, and how it was written for the messages.
#[derive(Clone, Copy)]
pub(in super::super) struct Limit {
    pub(in super::super) limit: Duration,
    pub(in super::super) written: &'static str,
}

/// What a thread does now, as it last said.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Doing {
    /// Parked, or not running the scheduler at all (a blocking thread, the body's thread on
    /// `multi_thread` between polls of the body).
    Idle,
    /// Polling the body (or, once it has returned, its cleanups).
    Body,
    /// Running the scheduler: tasks, timers, I/O; which task is not known.
    Tasks,
    /// Polling a task (the poll hooks, `--cfg tokio_unstable`).
    Task,
    /// Started by the runtime, and said nothing since: a worker of `multi_thread` that has not
    /// parked yet, or a blocking thread.
    Started,
}

impl Doing {
    fn from_u8(value: u8) -> Doing {
        match value {
            1 => Doing::Body,
            2 => Doing::Tasks,
            3 => Doing::Task,
            4 => Doing::Started,
            _ => Doing::Idle,
        }
    }
}

/// One thread of the run.
pub(super) struct Slot {
    /// The number of its `ThreadId`, in the order threads are spawned.
    pub(super) number: u64,
    /// Its id in the kernel (Linux).
    pub(super) tid: Option<u32>,
    pub(super) name: String,
    /// Started by the runtime (`on_thread_start`), rather than the body's thread.
    pub(super) started: bool,
    /// Odd while the thread writes a change, one more when it has; a change read in between is
    /// read again.
    epoch: AtomicU64,
    doing: AtomicU8,
    /// When it last changed, in nanoseconds since [`base`]; [`UNTIMED`] for a change a poll
    /// hook made (not timed: they are called for every poll).
    since: AtomicU64,
    /// The task polled, and where it was spawned (`Doing::Task`).
    pub(super) task: AtomicU64,
    pub(super) spawned_at: Mutex<Option<&'static Location<'static>>>,
    /// One more as a panic's hook begins on the thread and as it ends (odd while it runs): the
    /// hook's time (a panic's message and backtrace, written) is not a poll's.
    pub(super) hooked: AtomicU64,
    /// What the learning keeps between a park and the next wake: the workers' park counts as
    /// the thread went to park, and the workers it may be.
    learning: Mutex<(Vec<u64>, Vec<bool>)>,
}

/// A slot as read at once.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct View {
    pub(super) epoch: u64,
    pub(super) doing: Doing,
    /// When the change was made, if it was timed.
    pub(super) since: Option<Instant>,
}

/// `Slot::since` of a change that was not timed.
const UNTIMED: u64 = u64::MAX;

/// The instant the slots count their changes from.
fn base() -> Instant {
    static BASE: OnceLock<Instant> = OnceLock::new();
    *BASE.get_or_init(Instant::now)
}

fn nanos_since_base() -> u64 {
    u64::try_from(base().elapsed().as_nanos()).unwrap_or(u64::MAX - 1)
}

impl Slot {
    pub(super) fn set(&self, doing: Doing) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.doing.store(doing as u8, Ordering::Release);
        self.since.store(nanos_since_base(), Ordering::Release);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// A poll of a task starts.
    #[cfg(tokio_unstable)]
    pub(super) fn set_task(&self, task: u64, spawned_at: &'static Location<'static>) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.task.store(task, Ordering::Release);
        *lock(&self.spawned_at) = Some(spawned_at);
        self.doing.store(Doing::Task as u8, Ordering::Release);
        self.since.store(UNTIMED, Ordering::Release);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// A poll of a task ends.
    #[cfg(tokio_unstable)]
    pub(super) fn set_polled(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.doing.store(Doing::Tasks as u8, Ordering::Release);
        self.since.store(UNTIMED, Ordering::Release);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// Before the thread parks: the workers' park counts now. The park count of the worker it
    /// is changes as it parks and as it wakes (tokio publishes both), so the workers whose
    /// counts changed by the time it wakes are the ones it may be; a few parks narrow them to
    /// one.
    #[cfg(target_has_atomic = "64")]
    pub(super) fn before_park(&self) {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let metrics = handle.metrics();
        let counts = (0..metrics.num_workers())
            .map(|worker| metrics.worker_park_unpark_count(worker))
            .collect();
        lock(&self.learning).0 = counts;
    }

    /// As the thread wakes: the workers it may be, narrowed.
    #[cfg(target_has_atomic = "64")]
    pub(super) fn after_park(&self) {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let metrics = handle.metrics();
        let mut learning = lock(&self.learning);
        let (counts, maybe) = &mut *learning;
        if counts.len() != metrics.num_workers() {
            return;
        }
        let changed: Vec<bool> = counts
            .iter()
            .enumerate()
            .map(|(worker, count)| metrics.worker_park_unpark_count(worker) != *count)
            .collect();
        let narrowed: Vec<bool> = match maybe.len() == changed.len() {
            true => maybe.iter().zip(&changed).map(|(a, b)| *a && *b).collect(),
            false => changed.clone(),
        };
        // None left: the thread is another worker now (a worker handed over by
        // `block_in_place`), so start again from what changed this time.
        *maybe = if narrowed.contains(&true) {
            narrowed
        } else {
            changed
        };
    }

    /// The workers the thread may be, as learned from its parks so far (empty: nothing learned
    /// yet; one: the worker it is, unless it has given it away since its last park).
    pub(super) fn maybe(&self) -> Vec<usize> {
        let learning = lock(&self.learning);
        learning
            .1
            .iter()
            .enumerate()
            .filter(|(_, may)| **may)
            .map(|(worker, _)| worker)
            .collect()
    }

    #[cfg(not(target_has_atomic = "64"))]
    pub(super) fn before_park(&self) {}

    #[cfg(not(target_has_atomic = "64"))]
    pub(super) fn after_park(&self) {}

    pub(super) fn view(&self) -> Option<View> {
        let epoch = self.epoch.load(Ordering::Acquire);
        let doing = Doing::from_u8(self.doing.load(Ordering::Acquire));
        let since = match self.since.load(Ordering::Acquire) {
            UNTIMED => None,
            nanos => Some(base() + Duration::from_nanos(nanos)),
        };
        (epoch % 2 == 0 && self.epoch.load(Ordering::Acquire) == epoch).then_some(View {
            epoch,
            doing,
            since,
        })
    }
}

/// Numbers runs, so that a thread's slot is found again only by its own run.
static RUNS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// This thread's slot, and the run it is of.
    static MINE: RefCell<Option<(u64, Arc<Slot>)>> = const { RefCell::new(None) };
}

/// Told by the panic hook as a panic's hook calls begin and as they end on this thread: counted
/// in its slot, if it is a thread of a checked run (the latest it was of).
pub(super) fn panic_hook_begins_or_ends() {
    let _ = MINE.try_with(|mine| {
        if let Ok(mine) = mine.try_borrow() {
            if let Some((_, slot)) = &*mine {
                slot.hooked.fetch_add(1, Ordering::AcqRel);
            }
        }
    });
}

/// What the check found: the first blocking, for the failure.
pub(super) struct Found {
    pub(super) what: String,
    /// The number of the thread it blocked, and its slot.
    pub(super) thread: u64,
    pub(super) slot: Arc<Slot>,
    /// When `blocked` was last measured.
    pub(super) at: Instant,
    pub(super) blocked: Duration,
    pub(super) ongoing: bool,
    /// Whether the body has panicked with it already.
    pub(super) raised: bool,
}

/// What one run's threads share with its sampler.
pub(super) struct Monitor {
    run: u64,
    /// The test (the thread's name: libtest names it after the test), or `main`.
    pub(super) who: String,
    pub(super) fail: Option<Limit>,
    pub(super) warn: Option<Limit>,
    pub(super) slots: Mutex<Vec<Arc<Slot>>>,
    pub(super) found: Mutex<Option<Found>>,
    /// Whether `found` holds a failure the body has not raised: read at each of its polls.
    pub(super) failing: AtomicBool,
    /// Whether the body has returned: what runs in its wrapper then is its cleanups.
    pub(super) returned: AtomicBool,
    /// The body's waker, to wake it when a failure is found.
    pub(super) waker: Mutex<Option<Waker>>,
    pub(super) stop: Mutex<bool>,
    pub(super) stopped: Condvar,
}

impl Monitor {
    pub(super) fn new(fail: Option<Limit>, warn: Option<Limit>) -> Monitor {
        Monitor {
            run: RUNS.fetch_add(1, Ordering::Relaxed),
            who: thread::current().name().unwrap_or("main").to_owned(),
            fail,
            warn,
            slots: Mutex::new(Vec::new()),
            found: Mutex::new(None),
            failing: AtomicBool::new(false),
            returned: AtomicBool::new(false),
            waker: Mutex::new(None),
            stop: Mutex::new(false),
            stopped: Condvar::new(),
        }
    }

    /// The calling thread's slot in this run, registered on first use.
    pub(super) fn with_slot(&self, started: bool, f: impl FnOnce(&Slot)) {
        MINE.with(|mine| {
            let mut mine = mine.borrow_mut();
            match &*mine {
                Some((run, slot)) if *run == self.run => f(slot),
                _ => {
                    let slot = Arc::new(Slot {
                        number: thread_number().unwrap_or(u64::MAX),
                        tid: this_thread(),
                        name: thread::current().name().unwrap_or("unnamed").to_owned(),
                        started,
                        epoch: AtomicU64::new(0),
                        doing: AtomicU8::new(Doing::Started as u8),
                        since: AtomicU64::new(nanos_since_base()),
                        task: AtomicU64::new(0),
                        spawned_at: Mutex::new(None),
                        hooked: AtomicU64::new(0),
                        learning: Mutex::new((Vec::new(), Vec::new())),
                    });
                    lock(&self.slots).push(slot.clone());
                    f(&slot);
                    *mine = Some((self.run, slot));
                }
            }
        });
    }

    pub(super) fn smallest_limit(&self) -> Duration {
        [self.fail, self.warn]
            .into_iter()
            .flatten()
            .map(|limit| limit.limit)
            .min()
            .unwrap_or(Duration::MAX)
    }
}

/// A duration as the messages say it.
pub(super) fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A slot read while its thread writes a change (its epoch odd) is not taken; once the
    /// change is written, it is.
    #[test]
    fn a_slot_read_while_its_thread_writes_is_not_taken() {
        let monitor = Monitor::new(None, None);
        monitor.with_slot(false, |slot| {
            slot.set(Doing::Body);
            let written = slot.view().expect("no change under way");
            assert_eq!(written.doing, Doing::Body);
            slot.epoch.fetch_add(1, Ordering::AcqRel);
            assert!(slot.view().is_none(), "taken while written");
            slot.doing.store(Doing::Idle as u8, Ordering::Release);
            slot.epoch.fetch_add(1, Ordering::AcqRel);
            let view = slot.view().expect("the change is written");
            assert_eq!((view.doing, view.epoch), (Doing::Idle, written.epoch + 2));
        });
    }
}
