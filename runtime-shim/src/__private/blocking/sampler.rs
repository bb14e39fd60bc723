//! The blocking check's sampler: a thread that looks, every eighth of the limit, at each thread
//! of the run that is not idle, and counts a stretch without a change of state as blocking once
//! the thread has run or slept that long in it (not counting its waits for a core).
//!
//! A stretch of the scheduler's (a worker, or on `current_thread` the body's thread between
//! polls of the body) is one stretch from waking to going idle, however many tasks it polls,
//! unless the poll hooks say when each poll starts and ends (`--cfg tokio_unstable`). Without
//! them, the worker's progress in tokio's metrics ends the stretch too: tokio publishes a
//! worker's busy time as it parks and after each batch of `event_interval` ticks (61 by
//! default), and `current_thread` also each time it looks at its timers and I/O. A stretch of
//! the scheduler's counts only on the thread of a worker that is awake. Which thread is which
//! worker: the poll hooks' build asks tokio (`worker_thread_id`); without them each thread
//! learns it as it parks (`Slot::after_park`), and a worker's thread that has not parked yet is
//! one of the workers that have not either. A thread that gave its worker away
//! (`block_in_place`) is not counted: its worker progresses, or parks, on another thread.

use super::super::runtime::lock;
use super::super::threads;
use super::state::{Doing, Found, Monitor, Slot, millis};
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::runtime::{Handle, RuntimeFlavor};

/// An occurrence that lasts this long is written while it goes on, once: a thread blocked for
/// good never gets to the end of it.
const STILL_BLOCKED: Duration = Duration::from_secs(1);

/// At most this many lines a second for one run; the others are counted.
const LINES_PER_SECOND: u32 = 5;

/// The sampler's record of one slot's current stretch.
struct Stretch {
    /// The thread's slot, and its number.
    slot: Arc<Slot>,
    epoch: u64,
    doing: Doing,
    /// When it was last looked at, and what the kernel said of the thread then.
    at: Instant,
    seen: Option<(char, Duration)>,
    /// The slot's count of panic hooks begun and ended, then.
    hooked: u64,
    /// What the thread ran or slept in it, since it was first seen.
    blocked: Duration,
    /// From its start to when it was first seen, taken as blocked for what is said of it (not
    /// for whether it counts).
    head: Duration,
    /// Whether it counts as blocking; whether it was written while it went on; whether it is
    /// the failure's.
    counted: bool,
    written: bool,
    failure: bool,
    what: String,
}

impl Stretch {
    fn new(slot: &Arc<Slot>, epoch: u64, doing: Doing, head: Duration, now: Instant) -> Stretch {
        Stretch {
            slot: slot.clone(),
            epoch,
            doing,
            at: now,
            seen: slot.tid.and_then(threads::sample),
            hooked: slot.hooked.load(Ordering::Acquire),
            blocked: Duration::ZERO,
            head,
            counted: false,
            written: false,
            failure: false,
            what: String::new(),
        }
    }

    /// How long it has blocked its thread, as said.
    fn length(&self) -> Duration {
        self.head + self.blocked
    }

    /// What the thread ran or slept from the last look to `now` (at most `until`, when the
    /// stretch ended then), by what the kernel says of it now (`seen`): all that passed if it
    /// slept at both looks, else its time on a core; all that passed where the kernel says
    /// nothing. Nothing when a panic's hook ran on it meanwhile (`hooked`, the slot's count
    /// now): the time the hook took to write the panic is not the poll's.
    fn gained(
        &self,
        now: Instant,
        seen: Option<(char, Duration)>,
        until: Instant,
        hooked: u64,
    ) -> Duration {
        if hooked != self.hooked || hooked % 2 == 1 {
            return Duration::ZERO;
        }
        let passed = until.saturating_duration_since(self.at);
        let asleep = |state: char| matches!(state, 'S' | 'D');
        match (self.seen, seen) {
            (Some((before, ran_before)), Some((after, ran))) => {
                if asleep(before) && asleep(after) && until >= now {
                    passed
                } else {
                    ran.saturating_sub(ran_before).min(passed)
                }
            }
            _ => passed,
        }
    }
}

/// What the sampler knows of the workers: their metrics, and which thread each is.
#[derive(Default)]
struct Workers {
    /// Per worker: its park count and busy time as last seen.
    metrics: Vec<(u64, Duration)>,
    /// Per worker: whether they changed at this look.
    progressed: Vec<bool>,
    /// On `current_thread`: the body's thread, the one worker's. Under `--cfg tokio_unstable`:
    /// each worker's thread, as tokio says.
    threads: Option<Vec<Option<u64>>>,
    /// The numbers of the runtime's first threads, as many as it has workers: its workers
    /// from its start, in some order (it spawns them as it is built, before any blocking
    /// thread).
    first: Vec<u64>,
}

/// Which worker a thread is.
enum Worker {
    /// This one, as tokio says (`current_thread`, or the poll hooks' build).
    One(usize),
    /// One of these (one, once its parks told it apart): its stretch counts while one of them
    /// is awake and none makes progress.
    Among(Vec<usize>),
    None,
}

impl Workers {
    fn update(&mut self, handle: &Handle, slots: &[Arc<Slot>]) {
        let metrics = handle.metrics();
        let workers = metrics.num_workers();
        self.metrics.resize(workers, (u64::MAX, Duration::MAX));
        self.progressed = vec![false; workers];
        #[cfg(target_has_atomic = "64")]
        for worker in 0..workers {
            let now = (
                metrics.worker_park_unpark_count(worker),
                metrics.worker_total_busy_duration(worker),
            );
            self.progressed[worker] = now != self.metrics[worker];
            self.metrics[worker] = now;
        }
        self.threads = match handle.runtime_flavor() {
            // The one worker is the thread that runs `block_on`: the body's.
            RuntimeFlavor::CurrentThread => Some(vec![
                slots
                    .iter()
                    .find(|slot| !slot.started)
                    .map(|slot| slot.number),
            ]),
            _ => worker_threads(handle, workers),
        };
        let mut started: Vec<u64> = slots
            .iter()
            .filter(|slot| slot.started)
            .map(|slot| slot.number)
            .collect();
        started.sort_unstable();
        started.truncate(workers);
        self.first = started;
    }

    /// Which worker `slot`'s thread is, as far as is known.
    fn of(&self, slot: &Slot, doing: Option<Doing>) -> Worker {
        if let Some(threads) = &self.threads {
            return match threads
                .iter()
                .position(|thread| *thread == Some(slot.number))
            {
                Some(worker) => Worker::One(worker),
                None => Worker::None,
            };
        }
        // The workers its parks left it, or, before it parked at all (among the first
        // threads), the workers that have not parked either.
        let maybe = slot.maybe();
        if !maybe.is_empty() {
            Worker::Among(maybe)
        } else if doing == Some(Doing::Started) && self.first.contains(&slot.number) {
            Worker::Among(
                (0..self.metrics.len())
                    .filter(|worker| self.metrics[*worker].0 == 0)
                    .collect(),
            )
        } else {
            Worker::None
        }
    }

    /// Whether the worker made progress at this look: for a thread that may be any of a few,
    /// whether any of them did (without 64-bit atomics tokio keeps no such metrics: none is
    /// seen).
    fn progressed(&self, worker: &Worker) -> bool {
        let progressed = |worker: &usize| self.progressed.get(*worker).copied().unwrap_or(false);
        match worker {
            Worker::One(worker) => progressed(worker),
            Worker::Among(workers) => workers.iter().any(progressed),
            Worker::None => false,
        }
    }

    /// Whether the worker is awake, by its park count (odd while it is parked): a thread that
    /// is known for a worker that is parked is not that worker any more (it gave it away, by
    /// `block_in_place`). True where tokio keeps no park counts.
    fn awake(&self, worker: &Worker) -> bool {
        let awake = |worker: &usize| {
            self.metrics
                .get(*worker)
                .is_none_or(|(count, _)| *count == u64::MAX || count % 2 == 0)
        };
        match worker {
            Worker::One(worker) => awake(worker),
            Worker::Among(workers) => workers.iter().any(awake),
            Worker::None => false,
        }
    }
}

/// The thread each worker of a `multi_thread` runtime runs on: tokio says, under
/// `--cfg tokio_unstable`.
#[cfg(tokio_unstable)]
fn worker_threads(handle: &Handle, workers: usize) -> Option<Vec<Option<u64>>> {
    let metrics = handle.metrics();
    Some(
        (0..workers)
            .map(|worker| threads::number_of(metrics.worker_thread_id(worker)?))
            .collect(),
    )
}

/// Without it, each thread learns which worker it is as it parks (`Slot::after_park`).
#[cfg(not(tokio_unstable))]
fn worker_threads(_: &Handle, _: usize) -> Option<Vec<Option<u64>>> {
    None
}

/// Whether a stretch of `doing` on a thread that is `worker` can count: a poll of the body
/// always; the scheduler's, on the thread of a worker that is awake.
fn may_count(doing: Doing, worker: &Worker, workers: &Workers) -> bool {
    match doing {
        Doing::Body => true,
        Doing::Task | Doing::Tasks => workers.awake(worker),
        Doing::Idle | Doing::Started => false,
    }
}

/// The sampler: every `period`, each thread's stretch, until the run is stopped; then one last
/// look, which closes the stretches that ended meanwhile, and the rest are said as they stand.
pub(super) fn sample(monitor: &Monitor, handle: &Handle, period: Duration) {
    let mut looks = Looks {
        monitor,
        smallest: monitor.smallest_limit(),
        stretches: Vec::new(),
        workers: Workers::default(),
        lines: Lines::default(),
    };
    loop {
        let stopped = {
            let stop = lock(&monitor.stop);
            let (stop, _) = monitor
                .stopped
                .wait_timeout_while(stop, period, |stop| !*stop)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            *stop
        };
        looks.look(handle);
        if stopped {
            break;
        }
    }
    for stretch in looks.stretches.into_iter().flatten() {
        end(monitor, stretch, &mut looks.lines, true);
    }
    looks.lines.finish(monitor);
}

/// What the sampler keeps from one look to the next.
struct Looks<'a> {
    monitor: &'a Monitor,
    smallest: Duration,
    stretches: Vec<Option<Stretch>>,
    workers: Workers,
    lines: Lines,
}

impl Looks<'_> {
    /// One look at every thread of the run.
    fn look(&mut self, handle: &Handle) {
        let monitor = self.monitor;
        let smallest = self.smallest;
        let now = Instant::now();
        let slots = lock(&monitor.slots).clone();
        self.stretches.resize_with(slots.len(), || None);
        self.workers.update(handle, &slots);
        let workers = &self.workers;
        for (index, slot) in slots.iter().enumerate() {
            let view = slot.view();
            let worker = workers.of(slot, view.map(|view| view.doing));
            let seen = slot.tid.map(threads::sample);
            // A thread that has ended (its `/proc` entry is gone) does nothing.
            let gone = matches!(seen, Some(None));
            let seen = seen.flatten();
            let hooked = slot.hooked.load(Ordering::Acquire);
            let doing = match view.map(|view| view.doing) {
                _ if gone => Doing::Idle,
                Some(Doing::Started) if !matches!(worker, Worker::None) => Doing::Tasks,
                Some(Doing::Started) | None => Doing::Idle,
                Some(doing) => doing,
            };
            // A worker's progress ends its thread's stretch of the scheduler.
            let progressed = doing == Doing::Tasks && workers.progressed(&worker);
            let stretch = &mut self.stretches[index];
            let same = match (&*stretch, view) {
                (Some(stretch), Some(view)) => stretch.epoch == view.epoch && !progressed,
                _ => false,
            };
            if same && doing != Doing::Idle {
                if let Some(stretch) = stretch.as_mut() {
                    stretch.blocked += stretch.gained(now, seen, now, hooked);
                    stretch.at = now;
                    stretch.seen = seen;
                    stretch.hooked = hooked;
                    if !stretch.counted && stretch.blocked >= smallest {
                        stretch.counted = may_count(stretch.doing, &worker, workers);
                    }
                }
                continue;
            }
            if let Some(mut ended) = stretch.take() {
                // It ended by the change seen now (the latest, if there were more); by its end
                // it may have lasted the limit, less what is not known to be blocked.
                let at = match view {
                    Some(view) if !gone && !progressed => view.since.map(|since| since.min(now)),
                    _ => None,
                };
                if let Some(at) = at {
                    ended.blocked += ended.gained(now, seen, at, hooked);
                    ended.at = at;
                    if !ended.counted && ended.blocked >= smallest {
                        ended.counted = may_count(ended.doing, &worker, workers);
                    }
                }
                update(monitor, &mut ended, &mut self.lines);
                end(monitor, ended, &mut self.lines, false);
            }
            if let (Some(view), false) = (view, doing == Doing::Idle) {
                let head = match view.since {
                    Some(since) if !progressed => now.saturating_duration_since(since),
                    _ => Duration::ZERO,
                };
                let mut fresh = Stretch::new(slot, view.epoch, doing, head, now);
                fresh.what = what(monitor, slot, doing);
                *stretch = Some(fresh);
            }
        }
        for stretch in self.stretches.iter_mut().flatten() {
            update(monitor, stretch, &mut self.lines);
        }
    }
}

/// What a stretch of `slot` is, for the messages.
fn what(monitor: &Monitor, slot: &Slot, doing: Doing) -> String {
    let thread = match slot.started {
        true => format!("runtime thread `{}`", slot.name),
        false => "the runtime's thread (the body's)".to_owned(),
    };
    match doing {
        Doing::Body if monitor.returned.load(Ordering::Acquire) => {
            "a cleanup of the body blocked its thread".to_owned()
        }
        Doing::Body => "the body blocked its thread".to_owned(),
        Doing::Task => {
            let task = slot.task.load(Ordering::Acquire);
            match *lock(&slot.spawned_at) {
                Some(at) => format!("task {task}, spawned at {at}, blocked {thread}"),
                None => format!("task {task} blocked {thread}"),
            }
        }
        _ => format!("a task blocked {thread}"),
    }
}

/// A counted stretch goes on: the failure, when it reaches `fail_on_blocking` first; its
/// length so far; its line when it lasts.
fn update(monitor: &Monitor, stretch: &mut Stretch, lines: &mut Lines) {
    if !stretch.counted {
        return;
    }
    if monitor
        .fail
        .is_some_and(|fail| stretch.blocked >= fail.limit)
    {
        let mut found = lock(&monitor.found);
        match found.as_mut() {
            None => {
                *found = Some(Found {
                    what: stretch.what.clone(),
                    thread: stretch.slot.number,
                    slot: stretch.slot.clone(),
                    at: stretch.at,
                    blocked: stretch.length(),
                    ongoing: true,
                    raised: false,
                });
                stretch.failure = true;
                drop(found);
                monitor.failing.store(true, Ordering::Release);
                if let Some(waker) = lock(&monitor.waker).as_ref() {
                    waker.wake_by_ref();
                }
            }
            Some(found) if stretch.failure && !found.raised => {
                found.blocked = stretch.length();
                found.at = stretch.at;
            }
            Some(_) => {}
        }
    }
    if stretch.length() >= STILL_BLOCKED && !stretch.written {
        let raised = stretch.failure
            && lock(&monitor.found)
                .as_ref()
                .is_some_and(|found| found.raised);
        if !raised {
            stretch.written = lines.write(monitor, stretch, true);
        }
    }
}

/// A stretch has ended (or, `ongoing`, the run was stopped while it went on): a counted one is
/// written, if `warn_on_blocking` asks for it.
fn end(monitor: &Monitor, stretch: Stretch, lines: &mut Lines, ongoing: bool) {
    if !stretch.counted {
        return;
    }
    if stretch.failure && !ongoing {
        if let Some(found) = lock(&monitor.found).as_mut().filter(|found| !found.raised) {
            found.blocked = stretch.length();
            found.ongoing = false;
        }
    }
    if !stretch.written {
        lines.write(monitor, &stretch, ongoing);
    }
}

/// The lines written to stderr, at most [`LINES_PER_SECOND`].
#[derive(Default)]
struct Lines {
    window: Option<Instant>,
    in_window: u32,
    not_written: u64,
}

impl Lines {
    /// Writes the line of `stretch`: a warning, or (`ongoing`, for a thread blocked for good)
    /// the failure to come; whether there was one to write.
    fn write(&mut self, monitor: &Monitor, stretch: &Stretch, ongoing: bool) -> bool {
        let (option, limit, warning) = match (monitor.warn, monitor.fail) {
            (Some(warn), _) if stretch.length() >= warn.limit => ("warn_on_blocking", warn, true),
            (_, Some(fail)) if ongoing && stretch.failure => ("fail_on_blocking", fail, false),
            _ => return false,
        };
        let now = Instant::now();
        if self
            .window
            .is_none_or(|start| now.duration_since(start) >= Duration::from_secs(1))
        {
            self.window = Some(now);
            self.in_window = 0;
        }
        if self.in_window == LINES_PER_SECOND {
            self.not_written += 1;
            return true;
        }
        self.in_window += 1;
        let mut line = String::from("mainspring: ");
        if warning {
            line.push_str("warning: ");
        }
        let _ = write!(
            line,
            "in `{}`, {} for {}{} without returning to the scheduler (`{option} = {}`)",
            monitor.who,
            stretch.what,
            millis(stretch.length()),
            if ongoing {
                " so far, and still does"
            } else {
                ""
            },
            limit.written,
        );
        if self.not_written > 0 {
            let _ = write!(line, " ({} more not written)", self.not_written);
            self.not_written = 0;
        }
        line.push('\n');
        // Past libtest's capture: a warning is for a test that passes too.
        let _ = io::stderr().write_all(line.as_bytes());
        true
    }

    fn finish(&mut self, monitor: &Monitor) {
        if self.not_written > 0 {
            let line = format!(
                "mainspring: {} more blocking in `{}` not written (at most {LINES_PER_SECOND} \
                 lines a second)\n",
                self.not_written, monitor.who
            );
            let _ = io::stderr().write_all(line.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::state::Limit;
    use super::*;

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    /// A slot of this thread in `monitor`.
    fn slot(monitor: &Monitor) -> Arc<Slot> {
        monitor.with_slot(false, |_| {});
        lock(&monitor.slots)[0].clone()
    }

    fn stretch(slot: &Arc<Slot>, at: Instant, blocked: Duration) -> Stretch {
        let mut stretch = Stretch::new(slot, 0, Doing::Body, Duration::ZERO, at);
        stretch.blocked = blocked;
        stretch.counted = true;
        stretch
    }

    /// Asleep at both looks, the whole time between them counts; running at either, only its
    /// time on a core; asleep at both but ended before this look, only its time on a core too;
    /// nothing when a panic's hook ran meanwhile or runs still.
    #[test]
    fn a_stretch_gains_its_sleep_or_its_time_on_a_core() {
        let monitor = Monitor::new(None, None);
        let slot = slot(&monitor);
        let now = Instant::now();
        let before = now.checked_sub(ms(100)).unwrap();
        let mut stretch = stretch(&slot, before, Duration::ZERO);
        let gained = |stretch: &Stretch, seen: char, until: Instant, hooked: u64| {
            stretch.gained(now, Some((seen, ms(12))), until, hooked)
        };
        stretch.seen = Some(('S', ms(10)));
        assert_eq!(gained(&stretch, 'S', now, 0), ms(100));
        stretch.hooked = 1;
        assert_eq!(
            gained(&stretch, 'S', now, 1),
            Duration::ZERO,
            "a hook still runs"
        );
        stretch.hooked = 0;
        assert_eq!(gained(&stretch, 'D', now, 0), ms(100));
        assert_eq!(gained(&stretch, 'R', now, 0), ms(2));
        let ended = now.checked_sub(ms(50)).unwrap();
        assert_eq!(gained(&stretch, 'S', ended, 0), ms(2));
        assert_eq!(gained(&stretch, 'S', now, 1), Duration::ZERO);
        assert_eq!(gained(&stretch, 'S', now, 2), Duration::ZERO);
        stretch.seen = Some(('R', ms(10)));
        assert_eq!(gained(&stretch, 'S', now, 0), ms(2));
        stretch.seen = None;
        assert_eq!(gained(&stretch, 'S', now, 0), ms(100));
    }

    /// Without the thread's worker known, a thread that has said nothing yet is one of the
    /// workers that have not parked yet only if it is one of the runtime's first threads.
    #[test]
    fn only_a_first_thread_is_taken_for_a_worker_before_its_parks() {
        let monitor = Monitor::new(None, None);
        let slot = slot(&monitor);
        let mut workers = Workers {
            metrics: vec![(2, ms(1)), (0, Duration::ZERO)],
            progressed: vec![false, false],
            threads: None,
            first: vec![slot.number],
        };
        let of = |workers: &Workers, doing| match workers.of(&slot, Some(doing)) {
            Worker::One(worker) => format!("one {worker}"),
            Worker::Among(workers) => format!("among {workers:?}"),
            Worker::None => "none".to_owned(),
        };
        assert_eq!(of(&workers, Doing::Started), "among [1]");
        assert_eq!(of(&workers, Doing::Idle), "none");
        workers.first = vec![slot.number + 1];
        assert_eq!(of(&workers, Doing::Started), "none");
        workers.threads = Some(vec![None, Some(slot.number)]);
        assert_eq!(of(&workers, Doing::Started), "one 1");
    }

    /// A run failing at 100 ms, whose check has found a stretch of 150 ms: the failure.
    fn found_failure() -> (Monitor, Stretch, Lines) {
        let fail = Limit {
            limit: ms(100),
            written: "100ms",
        };
        let monitor = Monitor::new(Some(fail), None);
        let slot = slot(&monitor);
        let mut lines = Lines::default();
        let mut failure = stretch(&slot, Instant::now(), ms(150));
        update(&monitor, &mut failure, &mut lines);
        assert!(failure.failure);
        (monitor, failure, lines)
    }

    /// The failure found follows its stretch's length until the body raises it.
    #[test]
    fn the_failure_follows_its_stretch_until_raised() {
        let (monitor, mut failure, mut lines) = found_failure();
        let blocked = || lock(&monitor.found).as_ref().map(|found| found.blocked);
        assert_eq!(blocked(), Some(ms(150)));
        failure.blocked = ms(300);
        update(&monitor, &mut failure, &mut lines);
        assert_eq!(blocked(), Some(ms(300)));
        lock(&monitor.found).as_mut().unwrap().raised = true;
        failure.blocked = ms(400);
        update(&monitor, &mut failure, &mut lines);
        assert_eq!(blocked(), Some(ms(300)));
    }

    /// Another counted stretch that ends leaves the failure's length alone; the failure's own
    /// end sets it, and says it has ended.
    #[test]
    fn only_the_failures_stretch_ends_the_failure() {
        let (monitor, mut failure, mut lines) = found_failure();
        let found = || {
            let found = lock(&monitor.found);
            found.as_ref().map(|found| (found.blocked, found.ongoing))
        };
        assert_eq!(found(), Some((ms(150), true)));
        let mut other = stretch(&failure.slot, Instant::now(), ms(500));
        other.written = true;
        end(&monitor, other, &mut lines, false);
        assert_eq!(found(), Some((ms(150), true)));
        failure.blocked = ms(350);
        failure.written = true;
        end(&monitor, failure, &mut lines, false);
        assert_eq!(found(), Some((ms(350), false)));
    }
}
