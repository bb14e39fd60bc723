//! `fail_on_blocking` and `warn_on_blocking`: a thread of the runtime kept from its scheduler
//! longer than the limit by one poll (a `std::thread::sleep`, a blocking read, a lock held
//! across a slow call, a loop that never yields).
//!
//! Each thread says what it does as it changes (`state.rs`): the body's wrapper when it polls
//! the body, the runtime's park hooks when a thread goes idle and wakes, and under
//! `--cfg tokio_unstable` the task poll hooks around each poll of a task (with the task's id and
//! where it was spawned). The sampler (`sampler.rs`), a thread of the check, tells a stretch that
//! blocks. It runs from the body's first poll until the run is concluded (or dropped, when the
//! body panicked): a worker blocked as the runtime shuts down is seen too. What counts is the
//! time a thread ran or slept, not the time it waited for a core (the kernel's view of each
//! thread, Linux; elsewhere the time that passed), so a loaded machine is no blocking; nor is a
//! panic hook's time (the process-wide hook of `panics.rs` tells each thread's slot as it runs).

mod sampler;
mod state;

pub(super) use state::Limit;

use super::runtime::lock;
use super::threads::thread_number;
use state::{Doing, Found, Monitor, millis};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::Waker;
use std::thread::{self, JoinHandle};
use std::time::Duration;
use tokio::runtime::{Handle, RuntimeFlavor};

/// The blocking check of one run.
pub(super) struct Blocking {
    monitor: Arc<Monitor>,
    sampler: Mutex<Option<JoinHandle<()>>>,
    /// Whether the body's thread runs the runtime's tasks between polls of the body
    /// (`current_thread`, `local`); known at the first poll.
    runs_tasks: OnceLock<bool>,
}

impl Blocking {
    pub(super) fn new(fail: Option<Limit>, warn: Option<Limit>) -> Blocking {
        Blocking {
            monitor: Arc::new(Monitor::new(fail, warn)),
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

    /// The `on_thread_park` hook: the thread is idle; then the user's `hook` (whose own time is
    /// not a task's).
    pub(super) fn on_park<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let monitor = self.monitor.clone();
        move || {
            monitor.with_slot(true, |slot| {
                slot.set(Doing::Idle);
                slot.before_park();
            });
            hook();
        }
    }

    /// The `on_thread_unpark` hook: the user's `hook`; then the thread runs the scheduler.
    pub(super) fn on_unpark<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let monitor = self.monitor.clone();
        move || {
            hook();
            monitor.with_slot(true, |slot| {
                slot.after_park();
                slot.set(Doing::Tasks);
            });
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
            monitor.with_slot(true, state::Slot::set_polled);
        }
    }

    /// The body (`future`), raising a failure found while it has no value yet: at its next poll,
    /// which the check wakes it for, after what `before` found first (a task's panic). Once it
    /// has a value, the value comes first, and a failure is a finding.
    pub(super) fn raising<'a, F, B>(
        &'a self,
        future: Pin<Box<F>>,
        before: B,
    ) -> impl Future<Output = F::Output> + 'a
    where
        F: Future + 'a,
        B: Fn() -> Option<String> + 'a,
    {
        let mut future = future;
        let mut last_waker: Option<Waker> = None;
        std::future::poll_fn(move |cx| {
            let monitor = &self.monitor;
            raise(monitor, &before);
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
                raise(monitor, &before);
            } else {
                monitor.returned.store(true, Ordering::Release);
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
        super::panics::observe_hook_calls(state::panic_hook_begins_or_ends);
        let monitor = self.monitor.clone();
        let handle = Handle::current();
        let period = (monitor.smallest_limit() / 8)
            .clamp(Duration::from_millis(1), Duration::from_millis(50));
        *lock(&self.sampler) = thread::Builder::new()
            .name("mainspring-blocking".to_owned())
            .spawn(move || sampler::sample(&monitor, &handle, period))
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
/// panics. The sampler starts at its first poll. Once it has ended, the body's thread runs no
/// task of the runtime's any more: it is idle for the check, which goes on until the run is
/// concluded (a worker may still block as the runtime shuts down).
pub(super) async fn watched<F: Future>(blocking: Option<&Blocking>, future: F) -> F::Output {
    let Some(blocking) = blocking else {
        return future.await;
    };
    let mut future = std::pin::pin!(future);
    let output = std::future::poll_fn(|cx| {
        let runs_tasks = *blocking.runs_tasks.get_or_init(|| {
            blocking.start();
            Handle::current().runtime_flavor() == RuntimeFlavor::CurrentThread
        });
        blocking.polling(runs_tasks, || future.as_mut().poll(cx))
    })
    .await;
    blocking
        .monitor
        .with_slot(false, |slot| slot.set(Doing::Idle));
    output
}

/// Panics with the failure found, after what `before` says, if there is one the body has not
/// raised yet.
fn raise(monitor: &Monitor, before: &dyn Fn() -> Option<String>) {
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
    match before() {
        Some(first) => panic!("{first}\n{message}"),
        None => panic!("{message}"),
    }
}

/// The failure's message.
fn failure(found: &Found, fail: Limit) -> String {
    let so_far = if found.ongoing { " so far" } else { "" };
    let hint = if found.what.starts_with("a task ") {
        "\n  (build with `RUSTFLAGS=\"--cfg tokio_unstable\"` to see which task, and where it \
         was spawned)"
    } else {
        ""
    };
    format!(
        "{} for {}{so_far} without returning to the scheduler (`fail_on_blocking = {}`): \
         nothing else could run on that thread meanwhile; move blocking calls and long \
         computations into `tokio::task::spawn_blocking`, or use tokio's async versions \
         (`tokio::time::sleep`, `tokio::sync::Mutex`, `tokio::fs`){hint}",
        found.what,
        millis(found.blocked),
        fail.written,
    )
}
