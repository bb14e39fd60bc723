//! `fail_on_blocking` and `warn_on_blocking`: a thread of the runtime kept from its scheduler
//! longer than the limit by one poll (a `std::thread::sleep`, a blocking read, a lock held
//! across a slow call, a loop that never yields).
//!
//! Each thread says what it does as it changes: the body's wrapper when it polls the body, the
//! runtime's park hooks when a thread goes idle and wakes, and under `--cfg tokio_unstable` the
//! task poll hooks around each poll of a task (with the task's id and where it was spawned). A
//! thread of the check, the sampler, looks every eighth of the limit at each thread that is not
//! idle: a stretch without a change of state that has lasted the limit is blocking. What counts
//! is the time the thread ran or slept, not the time it waited for a core (the kernel's
//! `schedstat`, Linux; elsewhere the time that passed), so a loaded machine is no blocking.
//!
//! Without the poll hooks (stable tokio), a thread that runs the scheduler is one stretch from
//! waking to going idle, however many tasks it polls; so such a stretch counts only while as
//! many workers have made no progress for as long, by tokio's metrics (a worker that polls many
//! short tasks adds to its busy time after each batch of them; one held in one poll does not).
//! The same rule leaves out a thread that gave its worker away (`block_in_place`).

use super::runtime::lock;
use super::threads::{this_thread, thread_number, waited_for_a_core};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::future::Future;
use std::io::{self, Write as _};
use std::panic::Location;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::task::Waker;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use tokio::runtime::{Handle, RuntimeFlavor};

/// A limit as the attribute gave it: the duration, and how it was written for the messages.
#[derive(Clone, Copy)]
pub(super) struct Limit {
    pub(super) limit: Duration,
    pub(super) written: &'static str,
}

/// An occurrence that lasts this long is written while it goes on, once: a thread blocked for
/// good never gets to the end of it.
const STILL_BLOCKED: Duration = Duration::from_secs(1);

/// At most this many warnings a second for one run; the others are counted.
const LINES_PER_SECOND: u32 = 5;

/// What a thread does now, as it last said.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Doing {
    /// Parked, or not running the scheduler at all (a blocking thread, the body's thread on
    /// `multi_thread` between polls of the body).
    Idle,
    /// Polling the body.
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

/// One thread of the run: what it does, written by that thread alone, read by the sampler.
struct Slot {
    /// The number of its `ThreadId`, in the order threads are spawned.
    number: u64,
    /// Its id in the kernel (Linux).
    tid: Option<u32>,
    name: String,
    /// Started by the runtime (`on_thread_start`), rather than the body's thread.
    started: bool,
    /// Odd while the thread writes a change, one more when it has; a change read in between is
    /// read again.
    epoch: AtomicU64,
    doing: AtomicU8,
    /// When it last changed, in nanoseconds since [`base`].
    since: AtomicU64,
    /// The task polled, and where it was spawned (`Doing::Task`).
    task: AtomicU64,
    spawned_at: Mutex<Option<&'static Location<'static>>>,
}

/// A slot as read at once.
#[derive(Clone, Copy, PartialEq, Eq)]
struct View {
    epoch: u64,
    doing: Doing,
    /// When the change was made, if it was timed.
    since: Option<Instant>,
}

/// `Slot::since` of a change that was not timed.
const UNTIMED: u64 = u64::MAX;

/// The instant the slots count their changes from.
fn base() -> Instant {
    static BASE: OnceLock<Instant> = OnceLock::new();
    *BASE.get_or_init(Instant::now)
}

fn nanos_since_base() -> u64 {
    u64::try_from(base().elapsed().as_nanos()).unwrap_or(u64::MAX)
}

impl Slot {
    fn set(&self, doing: Doing) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.doing.store(doing as u8, Ordering::Release);
        self.since.store(nanos_since_base(), Ordering::Release);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// A poll of a task starts: not timed (a poll hook is called for every poll), so the
    /// stretch is measured from when the sampler first sees it.
    #[cfg(tokio_unstable)]
    fn set_task(&self, task: u64, spawned_at: &'static Location<'static>) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.task.store(task, Ordering::Release);
        *lock(&self.spawned_at) = Some(spawned_at);
        self.doing.store(Doing::Task as u8, Ordering::Release);
        self.since.store(UNTIMED, Ordering::Release);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// A poll of a task ends, not timed either.
    #[cfg(tokio_unstable)]
    fn set_polled(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.doing.store(Doing::Tasks as u8, Ordering::Release);
        self.since.store(UNTIMED, Ordering::Release);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    fn view(&self) -> Option<View> {
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

/// What the check found: the first blocking, for the failure.
struct Found {
    what: String,
    /// The number of the thread it blocked, and its slot.
    thread: u64,
    slot: Arc<Slot>,
    /// When `blocked` was last measured.
    at: Instant,
    blocked: Duration,
    ongoing: bool,
    /// Whether the body has panicked with it already.
    raised: bool,
}

/// What one run's threads share with its sampler.
struct Monitor {
    run: u64,
    /// The test (the thread's name: libtest names it after the test), or `main`.
    who: String,
    fail: Option<Limit>,
    warn: Option<Limit>,
    slots: Mutex<Vec<Arc<Slot>>>,
    found: Mutex<Option<Found>>,
    /// Whether `found` holds a failure the body has not raised: read at each of its polls.
    failing: AtomicBool,
    /// The body's waker, to wake it when a failure is found.
    waker: Mutex<Option<Waker>>,
    stop: Mutex<bool>,
    stopped: Condvar,
}

impl Monitor {
    /// The calling thread's slot in this run, registered on first use.
    fn with_slot(&self, started: bool, f: impl FnOnce(&Slot)) {
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
                    });
                    lock(&self.slots).push(slot.clone());
                    f(&slot);
                    *mine = Some((self.run, slot));
                }
            }
        });
    }

    fn smallest_limit(&self) -> Duration {
        [self.fail, self.warn]
            .into_iter()
            .flatten()
            .map(|limit| limit.limit)
            .min()
            .unwrap_or(Duration::MAX)
    }
}

/// The blocking check of one run; its sampler runs from the body's first poll until the body's
/// wrapper has ended (or is dropped, when the body panicked).
pub(super) struct Blocking {
    monitor: Arc<Monitor>,
    sampler: Mutex<Option<JoinHandle<()>>>,
    /// Whether the body's thread runs the runtime's tasks between polls of the body
    /// (`current_thread`, `local`); known at the first poll.
    runs_tasks: OnceLock<bool>,
}

impl Blocking {
    pub(super) fn new(fail: Option<Limit>, warn: Option<Limit>) -> Blocking {
        let who = thread::current().name().unwrap_or("main").to_owned();
        Blocking {
            monitor: Arc::new(Monitor {
                run: RUNS.fetch_add(1, Ordering::Relaxed),
                who,
                fail,
                warn,
                slots: Mutex::new(Vec::new()),
                found: Mutex::new(None),
                failing: AtomicBool::new(false),
                waker: Mutex::new(None),
                stop: Mutex::new(false),
                stopped: Condvar::new(),
            }),
            sampler: Mutex::new(None),
            runs_tasks: OnceLock::new(),
        }
    }

    pub(super) fn limits(&self) -> (Option<Limit>, Option<Limit>) {
        (self.monitor.fail, self.monitor.warn)
    }

    /// Part of the `on_thread_start` hook: the thread is the runtime's.
    pub(super) fn on_start(&self) -> impl Fn() + Send + Sync + 'static {
        let monitor = self.monitor.clone();
        move || monitor.with_slot(true, |_| {})
    }

    /// The `on_thread_park` hook: the thread is idle; then the user's `hook`.
    pub(super) fn on_park<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let monitor = self.monitor.clone();
        move || {
            hook();
            monitor.with_slot(true, |slot| slot.set(Doing::Idle));
        }
    }

    /// The `on_thread_unpark` hook: the thread runs the scheduler; then the user's `hook`.
    pub(super) fn on_unpark<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let monitor = self.monitor.clone();
        move || {
            monitor.with_slot(true, |slot| slot.set(Doing::Tasks));
            hook();
        }
    }

    /// The `on_before_task_poll` hook: the thread polls this task; then the user's `hook`.
    #[cfg(tokio_unstable)]
    pub(super) fn on_poll_start<H>(
        &self,
        hook: H,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static
    where
        H: Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static,
    {
        let monitor = self.monitor.clone();
        move |meta| {
            let id = meta.id().to_string().parse().unwrap_or(0);
            let spawned_at = meta.spawned_at();
            monitor.with_slot(true, |slot| slot.set_task(id, spawned_at));
            hook(meta);
        }
    }

    /// The `on_after_task_poll` hook: the user's `hook`; then the thread runs the scheduler.
    #[cfg(tokio_unstable)]
    pub(super) fn on_poll_stop<H>(
        &self,
        hook: H,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static
    where
        H: Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static,
    {
        let monitor = self.monitor.clone();
        move |meta| {
            hook(meta);
            monitor.with_slot(true, Slot::set_polled);
        }
    }

    /// The body (`future`), raising a failure found while it has no value yet: at its next poll,
    /// which the check wakes it for. Once it has a value, the value comes first, and a failure
    /// is a finding.
    pub(super) fn raising<'a, F: Future + 'a>(
        &'a self,
        future: Pin<Box<F>>,
    ) -> impl Future<Output = F::Output> + 'a {
        let mut future = future;
        let mut last_waker: Option<Waker> = None;
        std::future::poll_fn(move |cx| {
            let monitor = &self.monitor;
            raise(monitor);
            // Given to the sampler only when it changes: a lock a poll otherwise.
            if !last_waker
                .as_ref()
                .is_some_and(|waker| waker.will_wake(cx.waker()))
            {
                last_waker = Some(cx.waker().clone());
                *lock(&monitor.waker) = last_waker.clone();
            }
            let poll = future.as_mut().poll(cx);
            if poll.is_pending() {
                raise(monitor);
            }
            poll
        })
    }

    /// Runs `poll` as a poll of the body: the thread says so before and after, also when it
    /// panics.
    fn polling<T>(&self, runs_tasks: bool, poll: impl FnOnce() -> T) -> T {
        struct After<'a>(&'a Monitor, bool);
        impl Drop for After<'_> {
            fn drop(&mut self) {
                let after = if self.1 { Doing::Tasks } else { Doing::Idle };
                self.0.with_slot(false, |slot| slot.set(after));
            }
        }
        self.monitor.with_slot(false, |slot| slot.set(Doing::Body));
        let _after = After(&self.monitor, runs_tasks);
        poll()
    }

    fn start(&self) {
        let monitor = self.monitor.clone();
        let handle = Handle::current();
        let period = (monitor.smallest_limit() / 8)
            .clamp(Duration::from_millis(1), Duration::from_millis(50));
        *lock(&self.sampler) = thread::Builder::new()
            .name("mainspring-blocking".to_owned())
            .spawn(move || sample(&monitor, &handle, period))
            .ok();
    }

    /// Stops the sampler and waits for it (it writes what it still has to).
    pub(super) fn stop(&self) {
        *lock(&self.monitor.stop) = true;
        self.monitor.stopped.notify_all();
        if let Some(sampler) = lock(&self.sampler).take() {
            let _ = sampler.join();
        }
    }

    /// The failure found and not raised, as a finding of the run.
    pub(super) fn finding(&self) -> Option<String> {
        let fail = self.monitor.fail?;
        let found = lock(&self.monitor.found);
        let found = found.as_ref().filter(|found| !found.raised)?;
        Some(failure(found, fail))
    }
}

impl Drop for Blocking {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `future`, the body's whole wrapper (the body, its cleanups, the leak check), polled as the
/// body when `blocking` is on: its thread says so before each poll and after, also when it
/// panics. The sampler starts at its first poll and stops when it ends or is dropped.
pub(super) async fn watched<F: Future>(blocking: Option<&Blocking>, future: F) -> F::Output {
    struct Stop<'a>(&'a Blocking);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.stop();
        }
    }
    let Some(blocking) = blocking else {
        return future.await;
    };
    let _stop = Stop(blocking);
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        let runs_tasks = *blocking.runs_tasks.get_or_init(|| {
            blocking.start();
            Handle::current().runtime_flavor() == RuntimeFlavor::CurrentThread
        });
        blocking.polling(runs_tasks, || future.as_mut().poll(cx))
    })
    .await
}

/// Panics with the failure found, if there is one the body has not raised yet.
fn raise(monitor: &Monitor) {
    let Some(fail) = monitor.fail else {
        return;
    };
    if !monitor.failing.load(Ordering::Acquire) {
        return;
    }
    let message = {
        let mut found = lock(&monitor.found);
        let Some(found) = found.as_mut().filter(|found| !found.raised) else {
            return;
        };
        found.raised = true;
        monitor.failing.store(false, Ordering::Release);
        // Raised on the thread it blocked, the blocking is over: it ended with the thread's
        // last change.
        if found.ongoing && thread_number() == Some(found.thread) {
            found.ongoing = false;
            if let Some(since) = found.slot.view().and_then(|view| view.since) {
                found.blocked += since.saturating_duration_since(found.at);
            }
        }
        failure(found, fail)
    };
    panic!("{message}");
}

/// The failure's message.
fn failure(found: &Found, fail: Limit) -> String {
    let so_far = if found.ongoing { " so far" } else { "" };
    format!(
        "{} for {}{so_far} without returning to the scheduler (`fail_on_blocking = {}`): \
         nothing else could run on that thread meanwhile; move blocking calls and long \
         computations into `tokio::task::spawn_blocking`, or use tokio's async versions \
         (`tokio::time::sleep`, `tokio::sync::Mutex`, `tokio::fs`){}",
        found.what,
        millis(found.blocked),
        fail.written,
        hint(&found.what),
    )
}

/// Where stable tokio cannot say which task it was.
fn hint(what: &str) -> &'static str {
    if what.starts_with("a task ") {
        "\n  (build with `RUSTFLAGS=\"--cfg tokio_unstable\"` to see which task, and where it \
         was spawned)"
    } else {
        ""
    }
}

fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

/// The sampler's record of one slot's current stretch.
struct Stretch {
    /// The thread's slot, and its number.
    slot: Arc<Slot>,
    thread: u64,
    epoch: u64,
    doing: Doing,
    /// When it was first seen, and last looked at, with the thread's wait for a core then.
    seen: Instant,
    at: Instant,
    waited: Option<Duration>,
    /// Ran or slept, since first seen.
    blocked: Duration,
    /// From its start to when it was first seen, taken as blocked for what is said of it (not
    /// for whether it counts).
    head: Duration,
    /// When it had `blocked` how long: the samples of about the last limit of it.
    history: VecDeque<(Instant, Duration)>,
    /// Whether it was counted as blocking; written while it went on; the failure's.
    counted: bool,
    written: bool,
    failure: bool,
    what: String,
}

impl Stretch {
    /// How long it has blocked its thread, as said.
    fn length(&self) -> Duration {
        self.head + self.blocked
    }

    /// When the stretch had run or slept `window` less than it has now (or when it was first
    /// seen, if that is later).
    fn since(&self, window: Duration) -> Instant {
        self.history
            .iter()
            .rev()
            .find(|(_, blocked)| *blocked + window <= self.blocked)
            .map_or(self.seen, |(at, _)| *at)
    }
}

/// The sampler: every `period`, each thread's stretch, until the run is stopped.
fn sample(monitor: &Monitor, handle: &Handle, period: Duration) {
    let smallest = monitor.smallest_limit();
    // How long a worker must have made no progress, in a stretch's time, for the stretch to
    // count: the limit, less what the sampler may see late.
    let window = smallest.saturating_sub(period);
    let mut stretches: Vec<Option<Stretch>> = Vec::new();
    let mut workers = Workers::default();
    let mut lines = Lines::default();
    loop {
        {
            let stop = lock(&monitor.stop);
            let (stop, _) = monitor
                .stopped
                .wait_timeout_while(stop, period, |stop| !*stop)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if *stop {
                break;
            }
        }
        let now = Instant::now();
        let slots = lock(&monitor.slots).clone();
        stretches.resize_with(slots.len(), || None);
        // As the workers were before this look: a stretch that ended since is judged by them.
        let before = workers.clone();
        workers.update(handle, now);
        let taken_before = stretches
            .iter()
            .flatten()
            .filter(|stretch| stretch.counted && stretch.doing != Doing::Body)
            .count();
        let first_workers = first_workers(&slots, handle);
        let mut suspects = Vec::new();
        for (index, slot) in slots.iter().enumerate() {
            let view = slot.view();
            let doing = match view.map(|view| view.doing) {
                Some(Doing::Started) if first_workers.contains(&slot.number) => Doing::Tasks,
                Some(Doing::Started) | None => Doing::Idle,
                Some(doing) => doing,
            };
            // A thread that has ended (its `/proc` entry is gone) does nothing.
            let waited = slot.tid.map(waited_for_a_core);
            let gone = matches!(waited, Some(None));
            let doing = if gone { Doing::Idle } else { doing };
            let waited = waited.flatten();
            let stretch = &mut stretches[index];
            let same = match (&*stretch, view) {
                (Some(stretch), Some(view)) => stretch.epoch == view.epoch,
                _ => false,
            };
            if !same || doing == Doing::Idle {
                if let Some(mut ended) = stretch.take() {
                    // It ended by the change seen now (the latest, if there were more).
                    let at = view
                        .filter(|_| !gone)
                        .and_then(|view| view.since)
                        .map(|since| since.min(now));
                    // A stretch counts by its end too, if it lasted the limit, less all the
                    // thread waited for a core since it was last looked at: one that ended
                    // between two looks, or that a loaded machine let the sampler see only
                    // once, is not missed. A stretch of the scheduler's, by the workers as they
                    // were while it went on.
                    if let Some(at) = at.filter(|_| !ended.counted) {
                        let for_a_core = match (ended.waited, waited) {
                            (Some(before), Some(now)) => now.saturating_sub(before),
                            _ => Duration::ZERO,
                        };
                        let last = at
                            .saturating_duration_since(ended.at)
                            .saturating_sub(for_a_core);
                        let on_a_worker = || before.stuck_since(ended.since(window)) > taken_before;
                        if ended.blocked + last >= smallest
                            && (ended.doing == Doing::Body || on_a_worker())
                        {
                            ended.blocked += last;
                            ended.at = at;
                            ended.counted = true;
                            update(monitor, &mut ended, &mut lines);
                        }
                    }
                    end(monitor, ended, at, &mut lines);
                }
                if let (Some(view), false) = (view, doing == Doing::Idle) {
                    *stretch = Some(Stretch {
                        slot: slot.clone(),
                        thread: slot.number,
                        epoch: view.epoch,
                        doing,
                        seen: now,
                        at: now,
                        waited,
                        blocked: Duration::ZERO,
                        head: view
                            .since
                            .map_or(Duration::ZERO, |since| now.saturating_duration_since(since)),
                        history: VecDeque::from([(now, Duration::ZERO)]),
                        counted: false,
                        written: false,
                        failure: false,
                        what: what(slot, doing),
                    });
                }
                continue;
            }
            let Some(stretch) = stretch.as_mut() else {
                continue;
            };
            let for_a_core = match (stretch.waited, waited) {
                (Some(before), Some(now)) => now.saturating_sub(before),
                _ => Duration::ZERO,
            };
            stretch.blocked += now.duration_since(stretch.at).saturating_sub(for_a_core);
            stretch.at = now;
            stretch.waited = waited;
            stretch.history.push_back((now, stretch.blocked));
            while stretch
                .history
                .get(1)
                .is_some_and(|(_, blocked)| *blocked + window <= stretch.blocked)
            {
                stretch.history.pop_front();
            }
            if stretch.blocked >= smallest && !stretch.counted {
                suspects.push(index);
            }
        }
        // A stretch of the scheduler's counts only while a worker has made no progress for as
        // long, in the stretch's own time (what its thread ran or slept; so a worker that polls
        // many short tasks on a loaded machine, and waits for a core between them, is no
        // blocking): the others are threads that run many short polls, or that gave their
        // worker away (`block_in_place`). One worker for each stretch; the latest stretches are
        // the likeliest to be workers still.
        let is_body = |index: &usize| {
            stretches[*index]
                .as_ref()
                .is_some_and(|stretch| stretch.doing == Doing::Body)
        };
        let (on_body, mut on_workers): (Vec<usize>, Vec<usize>) =
            suspects.into_iter().partition(is_body);
        on_workers.sort_by_key(|index| {
            std::cmp::Reverse(stretches[*index].as_ref().map(|stretch| stretch.seen))
        });
        let mut taken = stretches
            .iter()
            .flatten()
            .filter(|stretch| stretch.counted && stretch.doing != Doing::Body)
            .count();
        on_workers.retain(|index| {
            let Some(stretch) = stretches[*index].as_ref() else {
                return false;
            };
            let stuck = workers.stuck_since(stretch.since(window));
            let counts = stuck > taken;
            taken += usize::from(counts);
            counts
        });
        for index in on_body.into_iter().chain(on_workers) {
            if let Some(stretch) = stretches[index].as_mut() {
                stretch.counted = true;
            }
        }
        for stretch in stretches.iter_mut().flatten() {
            update(monitor, stretch, &mut lines);
        }
    }
    for stretch in stretches.into_iter().flatten() {
        end(monitor, stretch, None, &mut lines);
    }
    lines.finish(monitor);
}

/// The numbers of the threads that are the runtime's workers from its start, on
/// `multi_thread`: the runtime spawns them as it is built, before any blocking thread.
fn first_workers(slots: &[Arc<Slot>], handle: &Handle) -> Vec<u64> {
    if handle.runtime_flavor() != RuntimeFlavor::MultiThread {
        return Vec::new();
    }
    let mut started: Vec<u64> = slots
        .iter()
        .filter(|slot| slot.started)
        .map(|slot| slot.number)
        .collect();
    started.sort_unstable();
    started.truncate(handle.metrics().num_workers());
    started
}

/// What a stretch of `slot` is, for the messages.
fn what(slot: &Slot, doing: Doing) -> String {
    let thread = match slot.started {
        true => format!("runtime thread `{}`", slot.name),
        false => "the runtime's thread (the body's)".to_owned(),
    };
    match doing {
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
                    thread: stretch.thread,
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

/// A stretch has ended (`at`, when known: else at the last look): a counted one is written, if
/// `warn_on_blocking` asks for it.
fn end(monitor: &Monitor, mut stretch: Stretch, at: Option<Instant>, lines: &mut Lines) {
    if !stretch.counted {
        return;
    }
    if let Some(at) = at {
        stretch.blocked += at.saturating_duration_since(stretch.at);
    }
    if stretch.failure {
        if let Some(found) = lock(&monitor.found).as_mut().filter(|found| !found.raised) {
            found.blocked = stretch.length();
            found.ongoing = false;
        }
    }
    if !stretch.written {
        lines.write(monitor, &stretch, false);
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

/// Since when each worker has made no progress, by tokio's metrics: its park count (odd while
/// parked) and its busy time, which a worker adds to as it parks and after each batch of polls
/// (`event_interval`, 61 by default): a worker that polls many short tasks adds to it, one held
/// in one poll does not.
#[derive(Clone, Default)]
struct Workers {
    /// Per worker: its park count and busy time when last seen changed, and since when.
    seen: Vec<((u64, Duration), Instant)>,
}

impl Workers {
    #[cfg(target_has_atomic = "64")]
    fn update(&mut self, handle: &Handle, now: Instant) {
        let metrics = handle.metrics();
        self.seen
            .resize(metrics.num_workers(), ((1, Duration::MAX), now));
        for (worker, (seen, since)) in self.seen.iter_mut().enumerate() {
            let current = (
                metrics.worker_park_unpark_count(worker),
                metrics.worker_total_busy_duration(worker),
            );
            if current != *seen {
                *seen = current;
                *since = now;
            }
        }
    }

    /// How many workers have been unparked, without progress, since `then` or before (as the
    /// sampler saw them: at most a period after each change).
    #[cfg(target_has_atomic = "64")]
    fn stuck_since(&self, then: Instant) -> usize {
        self.seen
            .iter()
            .filter(|((count, _), since)| count % 2 == 0 && *since <= then)
            .count()
    }

    /// Without 64-bit atomics tokio keeps none of these: any worker may be stuck.
    #[cfg(not(target_has_atomic = "64"))]
    fn update(&mut self, _: &Handle, _: Instant) {}

    #[cfg(not(target_has_atomic = "64"))]
    fn stuck_since(&self, _: Instant) -> usize {
        usize::MAX
    }
}
