//! `shutdown_timeout = "5s"`: when the body has ended, the runtime is shut down as a plain drop
//! would do it, except that the wait for its threads (blocking tasks still running) ends at the
//! limit. A shutdown never takes longer than the drop it replaces.
//!
//! Why not tokio's own `Runtime::shutdown_timeout` everywhere: on `current_thread` (and
//! `LocalRuntime`) it waits for the blocking pool *before* the runtime's tasks are dropped,
//! where a drop does it the other way round, so a blocking task that ends when a task is dropped
//! (a `blocking_recv` loop whose sender a task holds) would hold every exit for the whole limit.
//! On `multi_thread` its order is a drop's (the workers drop the tasks, and are threads of the
//! pool it waits for), and it is what is used.
//!
//! A `current_thread` or `local` runtime the expansion builds counts its threads, through hooks
//! the expansion sets on its builder: it is shut down without waiting (its blocking pool told to
//! end, then its tasks dropped, on this thread, before this returns, as in a drop), then its
//! threads are waited for until the limit. Blocking work that a task's destructor starts during
//! the shutdown is refused, as the pool is already ending. A `current_thread` runtime from
//! `builder = f`, whose own hooks cannot be kept with ours, is dropped exactly as it would be,
//! on a thread of its own with at least this one's stack, which this one waits for until the
//! limit (its tasks' destructors run there, and may outlast the limit).

use super::cleanups::{self, Around};
use super::runtime::{Runtime, lock};
use super::stack;
use std::io;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::{self, Handle, LocalRuntime, RuntimeFlavor};

/// The runtime `built`, shut down within `limit` when it is dropped.
///
/// Dropping is what bounds every path out of the body: a return, an `Err` (reported after the
/// fn returns, so after the shutdown), and a panic, which unwinds through the drop and then
/// goes on to the caller with its message unchanged. `limit` comes first so that an expression
/// is evaluated before the runtime is built, as the `Builder`'s options are.
pub fn shutdown_timeout<R: Shutdown>(
    limit: Duration,
    built: io::Result<R>,
) -> io::Result<ShutdownWithin<R>> {
    built.map(|runtime| ShutdownWithin {
        runtime: Some(runtime),
        limit,
    })
}

/// A built runtime that can be dropped within a limit.
pub trait Shutdown: Runtime {
    fn drop_within(self, limit: Duration);
}

/// The stack of the thread that drops a runtime: the main thread's default, or the body's
/// (`stack_size`) when larger: a task's destructor may need as much as the body had.
const DROP_STACK: usize = 8 * 1024 * 1024;

impl Shutdown for runtime::Runtime {
    fn drop_within(self, limit: Duration) {
        if self.handle().runtime_flavor() == RuntimeFlavor::MultiThread {
            self.shutdown_timeout(limit);
            return;
        }
        let (dropped, done) = mpsc::channel::<()>();
        let mut builder = thread::Builder::new().stack_size(DROP_STACK.max(stack::size_here()));
        if let Some(name) = thread::current().name() {
            builder = builder.name(name.to_owned());
        }
        // If no thread can be started, the closure, runtime and all, is dropped here: a plain
        // drop, unbounded.
        let _ = builder.spawn(move || {
            drop(self);
            drop(dropped);
        });
        // Ends with `Disconnected` as soon as the drop is done.
        let _ = done.recv_timeout(limit);
    }
}

/// A runtime of the two kinds that can be shut down without waiting.
pub trait Background: Runtime {
    fn shutdown_background(self);
}

impl Background for runtime::Runtime {
    fn shutdown_background(self) {
        runtime::Runtime::shutdown_background(self);
    }
}

impl Background for LocalRuntime {
    fn shutdown_background(self) {
        LocalRuntime::shutdown_background(self);
    }
}

/// A runtime built with a name fn of `threads` (`name_fn`, `name` or `default_name`) and its
/// stop hook (`on_stop` or `stop_hook`), which count its threads.
pub struct Counted<R> {
    runtime: R,
    threads: Threads,
}

/// `current_thread` or `local` with `shutdown_timeout`: the runtime, with the count of its
/// threads.
pub fn count_threads<R: Background>(
    threads: &Threads,
    built: io::Result<R>,
) -> io::Result<Counted<R>> {
    built.map(|runtime| Counted {
        runtime,
        threads: threads.clone(),
    })
}

impl<R: Background> Runtime for Counted<R> {
    fn runtime_handle(&self) -> &Handle {
        self.runtime.runtime_handle()
    }

    fn run<T>(&self, future: Around<'_, T>) -> cleanups::Ended<T> {
        self.runtime.run(future)
    }
}

impl<R: Background> Shutdown for Counted<R> {
    fn drop_within(self, limit: Duration) {
        self.runtime.shutdown_background();
        self.threads.wait_ended(limit);
    }
}

/// What `shutdown_timeout` returns: the runtime, and the limit its drop keeps to.
pub struct ShutdownWithin<R: Shutdown> {
    /// `Some` until the drop takes it.
    runtime: Option<R>,
    limit: Duration,
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

    fn run<T>(&self, future: Around<'_, T>) -> cleanups::Ended<T> {
        self.inner().run(future)
    }
}

impl<R: Shutdown> Drop for ShutdownWithin<R> {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.drop_within(self.limit);
        }
    }
}

/// The name tokio gives a runtime's threads when the builder is given none.
const TOKIO_THREAD_NAME: &str = "tokio-rt-worker";

/// A count of a runtime's threads (workers and blocking threads) that have been spawned and not
/// yet ended. A thread is counted as it is spawned: tokio asks the builder's name fn for its
/// name before it starts it, on the thread that spawns it, so no thread can start and be missed
/// (a start hook runs on the new thread, later). It is counted as ended by the stop hook, the
/// last thing it runs.
#[derive(Clone, Default)]
pub struct Threads(Arc<Live>);

#[derive(Default)]
struct Live {
    count: Mutex<usize>,
    ended: Condvar,
}

impl Live {
    fn spawned(&self) {
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

impl Threads {
    pub fn new() -> Threads {
        Threads::default()
    }

    /// The `thread_name_fn`: counts the thread about to be spawned, then names it with the
    /// user's `thread_name_fn`.
    pub fn name_fn<N>(&self, name: N) -> impl Fn() -> String + Send + Sync + 'static
    where
        N: Fn() -> String + Send + Sync + 'static,
    {
        let live = Arc::clone(&self.0);
        move || {
            live.spawned();
            name()
        }
    }

    /// `name_fn` for the user's `thread_name`.
    pub fn name(&self, name: impl Into<String>) -> impl Fn() -> String + Send + Sync + 'static {
        let name: String = name.into();
        self.name_fn(move || name.clone())
    }

    /// `name_fn` when the user gave no name: tokio's.
    pub fn default_name(&self) -> impl Fn() -> String + Send + Sync + 'static {
        self.name(TOKIO_THREAD_NAME)
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

    /// `on_stop` when the user gave no `on_thread_stop`.
    pub fn stop_hook(&self) -> impl Fn() + Send + Sync + 'static {
        self.on_stop(|| {})
    }

    /// Waits until every counted thread has ended, or `limit` has passed. (A thread whose
    /// spawn failed, or whose user's start hook panicked, never ends in the count: the wait
    /// then lasts the whole limit.)
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
