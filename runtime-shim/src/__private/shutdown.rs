//! `shutdown_timeout = "5s"`: when the body has ended, the runtime is shut down as a plain drop
//! would do it, except that the wait for its threads (blocking tasks still running) ends at the
//! limit. A shutdown never takes longer than the drop it replaces.
//!
//! Why not tokio's own `Runtime::shutdown_timeout`: on `current_thread` (and `LocalRuntime`) it
//! waits for the blocking pool *before* the runtime's tasks are dropped, where a drop does it
//! the other way round, so a blocking task that ends when a task is dropped (a `blocking_recv`
//! loop whose sender a task holds) would hold every exit for the whole limit.

use super::runtime::{BoxedFuture, Runtime, lock};
use std::io;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::{self, Handle, LocalRuntime, RuntimeFlavor};

/// The runtime `built`, shut down within `limit` when it is dropped. `threads` counts the
/// runtime's threads through its `on_thread_start` and `on_thread_stop` hooks, which the
/// expansion set on the builder.
///
/// Dropping is what bounds every path out of the body: a return, an `Err` (reported after the
/// fn returns, so after the shutdown), and a panic, which unwinds through the drop and then
/// goes on to the caller with its message unchanged. `limit` comes first so that an expression
/// is evaluated before the runtime is built, as the `Builder`'s options are.
pub fn shutdown_timeout<R: Shutdown>(
    limit: Duration,
    threads: &Threads,
    built: io::Result<R>,
) -> io::Result<ShutdownWithin<R>> {
    built.map(|runtime| ShutdownWithin {
        runtime: Some(runtime),
        limit,
        threads: Some(threads.clone()),
    })
}

/// `shutdown_timeout` with `builder = f`: the user's `Builder` may have thread hooks of its own,
/// which setting ours would replace, so its threads are not counted (see
/// [`Shutdown::shutdown_within`]).
pub fn shutdown_timeout_of_builder<R: Shutdown>(
    limit: Duration,
    built: io::Result<R>,
) -> io::Result<ShutdownWithin<R>> {
    built.map(|runtime| ShutdownWithin {
        runtime: Some(runtime),
        limit,
        threads: None,
    })
}

/// A runtime that can be shut down without waiting, and dropped within a limit.
pub trait Shutdown: Runtime {
    /// Tasks dropped, blocking threads told to end, nothing waited for.
    fn shutdown_background(self);

    /// Without a count of its threads: a `multi_thread` runtime drops its tasks on its workers,
    /// which are threads of its pool, so tokio's `shutdown_timeout` has the order of a drop.
    /// A `current_thread` one is dropped, as it would be, on a thread of its own, and waited for
    /// until the limit; the thread is left to finish the drop after that.
    fn shutdown_within(self, limit: Duration);
}

impl Shutdown for runtime::Runtime {
    fn shutdown_background(self) {
        runtime::Runtime::shutdown_background(self);
    }

    fn shutdown_within(self, limit: Duration) {
        if self.handle().runtime_flavor() == RuntimeFlavor::MultiThread {
            self.shutdown_timeout(limit);
        } else {
            drop_within(self, limit);
        }
    }
}

impl Shutdown for LocalRuntime {
    fn shutdown_background(self) {
        LocalRuntime::shutdown_background(self);
    }

    /// Not used: a `LocalRuntime` is only built by the expansion, which always counts its
    /// threads.
    fn shutdown_within(self, limit: Duration) {
        self.shutdown_timeout(limit);
    }
}

/// Drops `runtime` on a thread named as this one, waiting at most `limit` for the drop to end.
fn drop_within(runtime: runtime::Runtime, limit: Duration) {
    let (dropped, done) = mpsc::channel::<()>();
    let mut builder = thread::Builder::new();
    if let Some(name) = thread::current().name() {
        builder = builder.name(name.to_owned());
    }
    // If no thread can be started, the closure, runtime and all, is dropped here: a plain drop.
    let _ = builder.spawn(move || {
        drop(runtime);
        drop(dropped);
    });
    // Ends with `Disconnected` as soon as the drop is done.
    let _ = done.recv_timeout(limit);
}

/// What `shutdown_timeout` returns: the runtime, and the limit its drop keeps to.
pub struct ShutdownWithin<R: Shutdown> {
    /// `Some` until the drop takes it.
    runtime: Option<R>,
    limit: Duration,
    threads: Option<Threads>,
}

impl<R: Shutdown> ShutdownWithin<R> {
    fn inner(&self) -> &R {
        self.runtime
            .as_ref()
            .expect("mainspring: the runtime is only taken when it is dropped")
    }
}

impl<R: Shutdown> Runtime for ShutdownWithin<R> {
    fn runtime_handle(&self) -> &Handle {
        self.inner().runtime_handle()
    }

    fn run<T>(&self, future: BoxedFuture<'_, T>) -> T {
        self.inner().run(future)
    }
}

impl<R: Shutdown> Drop for ShutdownWithin<R> {
    fn drop(&mut self) {
        let Some(runtime) = self.runtime.take() else {
            return;
        };
        match &self.threads {
            Some(threads) => {
                // The order of a drop: the tasks first (on this thread for `current_thread`,
                // on the workers for `multi_thread`), then the wait for the pool's threads,
                // which is what the limit bounds.
                runtime.shutdown_background();
                threads.wait_ended(self.limit);
            }
            None => runtime.shutdown_within(self.limit),
        }
    }
}

/// A count of a runtime's threads (workers and blocking threads) that have started and not yet
/// ended, kept by its `on_thread_start` and `on_thread_stop` hooks.
#[derive(Clone, Default)]
pub struct Threads(Arc<Live>);

#[derive(Default)]
struct Live {
    count: Mutex<usize>,
    ended: Condvar,
}

impl Live {
    fn started(&self) {
        *lock(&self.count) += 1;
    }

    fn ended(&self) {
        let mut count = lock(&self.count);
        *count = count.saturating_sub(1);
        self.ended.notify_all();
    }
}

/// Counts a thread as ended when dropped: after the user's `on_thread_stop` hook, even if it
/// panicked.
struct Ended<'a>(&'a Live);

impl Drop for Ended<'_> {
    fn drop(&mut self) {
        self.0.ended();
    }
}

/// Counts a thread as ended if the user's `on_thread_start` hook panics: the thread ends there,
/// without calling its stop hook.
struct StartFailed<'a>(&'a Live);

impl Drop for StartFailed<'_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.ended();
        }
    }
}

impl Threads {
    pub fn new() -> Threads {
        Threads::default()
    }

    /// The `on_thread_start` hook: counts the thread, then calls the user's `hook`.
    pub fn on_start<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let live = Arc::clone(&self.0);
        move || {
            live.started();
            let _failed = StartFailed(&live);
            hook();
        }
    }

    /// The `on_thread_stop` hook: calls the user's `hook`, then counts the thread as ended.
    pub fn on_stop<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let live = Arc::clone(&self.0);
        move || {
            let _ended = Ended(&live);
            hook();
        }
    }

    /// `on_start` when the user gave no `on_thread_start`.
    pub fn start_hook(&self) -> impl Fn() + Send + Sync + 'static {
        self.on_start(|| {})
    }

    /// `on_stop` when the user gave no `on_thread_stop`.
    pub fn stop_hook(&self) -> impl Fn() + Send + Sync + 'static {
        self.on_stop(|| {})
    }

    /// Waits until every counted thread has ended, or `limit` has passed.
    fn wait_ended(&self, limit: Duration) {
        let deadline = Instant::now().checked_add(limit);
        let mut count = lock(&self.0.count);
        while *count > 0 {
            count = match deadline {
                None => self.0.ended.wait(count).unwrap_or_else(|e| e.into_inner()),
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return;
                    }
                    let (count, _) = self
                        .0
                        .ended
                        .wait_timeout(count, left)
                        .unwrap_or_else(|e| e.into_inner());
                    count
                }
            };
        }
    }
}
