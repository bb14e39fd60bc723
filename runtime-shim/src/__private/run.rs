//! How the body is run: `block_on`, and what the options add around the runtime: a bounded
//! shutdown, failing on a panic in any spawned task, and a thread with a bigger stack.

use std::any::Any;
use std::future::Future;
use std::io;
use std::panic::{self, PanicHookInfo};
use std::pin::Pin;
use std::process::{ExitCode, Termination};
use std::sync::{Arc, Mutex, MutexGuard, Once, PoisonError};
use std::thread;
use std::time::Duration;
use tokio::runtime::{self, Handle, LocalRuntime};

/// A built runtime of either kind: `build()` gives a `Runtime`, `build_local(..)` a
/// `LocalRuntime`.
pub trait Runtime {
    fn runtime_handle(&self) -> &Handle;
    fn run<T>(&self, future: BoxedFuture<'_, T>) -> T;
}

impl Runtime for runtime::Runtime {
    fn runtime_handle(&self) -> &Handle {
        self.handle()
    }

    fn run<T>(&self, future: BoxedFuture<'_, T>) -> T {
        self.block_on(future)
    }
}

impl Runtime for LocalRuntime {
    fn runtime_handle(&self) -> &Handle {
        self.handle()
    }

    fn run<T>(&self, future: BoxedFuture<'_, T>) -> T {
        self.block_on(future)
    }
}

/// `shutdown_timeout = "5s"`: the runtime `built`, which is shut down with
/// `shutdown_timeout(limit)` when it is dropped, instead of waiting for every blocking task.
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

/// A runtime that can be shut down within a limit: both kinds have tokio's `shutdown_timeout`.
pub trait Shutdown: Runtime {
    fn shutdown_within(self, limit: Duration);
}

impl Shutdown for runtime::Runtime {
    fn shutdown_within(self, limit: Duration) {
        self.shutdown_timeout(limit);
    }
}

impl Shutdown for LocalRuntime {
    fn shutdown_within(self, limit: Duration) {
        self.shutdown_timeout(limit);
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

    fn run<T>(&self, future: BoxedFuture<'_, T>) -> T {
        self.inner().run(future)
    }
}

impl<R: Shutdown> Drop for ShutdownWithin<R> {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_within(self.limit);
        }
    }
}

/// The body's future, boxed: tokio's `Runtime::block_on` is then compiled once per output type
/// instead of once per annotated fn (the codegen cost of a test suite), and a large future lives
/// on the heap rather than in `main`'s stack frame.
pub(super) type BoxedFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// `<runtime>.block_on(future)`, for every annotated fn: takes the runtime `Builder::build()`
/// (or `build_local(..)`) returned, panicking as tokio's attributes do when it could not be
/// built, and runs `future` on it.
///
/// Generic, so the expansion's call only proves `F: Future` (boxing to `dyn Future` at each call
/// site costs rustc ~0.8 M instructions per test in `cargo check`); always inlined, so a debug
/// build compiles no copy of it per test (~2 M instructions per test in `cargo build`). Both
/// measured with `bench/`.
#[inline(always)]
#[allow(clippy::inline_always)] // The point: see above.
pub fn block_on<R: Runtime, F: Future>(built: io::Result<R>, future: F) -> F::Output {
    run(built, Box::pin(future))
}

fn run<R: Runtime, T>(built: io::Result<R>, future: BoxedFuture<'_, T>) -> T {
    runtime(built).run(future)
}

/// `shared`: runs `future` on the shared runtime, building it if this is its first test.
/// Inlined and boxing inside, as `block_on`. `'static`: a `const` `SharedRuntime` would be a
/// new runtime at each use, so `&CONST` is a compile error ("temporary value dropped while
/// borrowed") rather than a runtime per test.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn block_on_shared<F: Future>(shared: &'static crate::SharedRuntime, future: F) -> F::Output {
    shared.runtime().run(Box::pin(future))
}

fn runtime<R: Runtime>(built: io::Result<R>) -> R {
    built.expect("failed to build the tokio runtime")
}

/// A value of type `T`, for `if false { return output::<T>(); }` at the top of the body's
/// `async` block: rustc checks that `return` first, so the block's output is the declared return
/// type before the body is checked. Never called.
#[inline(always)]
pub fn output<T>() -> T {
    unreachable!("mainspring: `output` is only named in a branch that never runs")
}

/// `fail_on_task_panic = true`: runs `future` on `runtime`, then panics if any task spawned on
/// that runtime panicked meanwhile, whether or not its `JoinHandle` was awaited, with the first
/// panic's message. Works on stable tokio: a process-wide panic hook records panics that happen
/// inside a task (`task::try_id()` is set) of a runtime being watched (`Handle::id()`).
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn fail_on_task_panic<R: Runtime, F: Future>(built: io::Result<R>, future: F) -> F::Output {
    run_watched(built, Box::pin(future))
}

fn run_watched<R: Runtime, T>(built: io::Result<R>, future: BoxedFuture<'_, T>) -> T {
    let runtime = runtime(built);
    let id = runtime.runtime_handle().id();
    let watch = TaskPanics::watch(id);
    let output = runtime.run(future);
    // Shutting down first means a task that panics while the body returns is still counted.
    drop(runtime);
    watch.check();
    output
}

type Recorded = Arc<Mutex<Vec<String>>>;

/// The runtimes being watched, by id; a few at a time (one per running test), so a list.
fn watched() -> MutexGuard<'static, Vec<(runtime::Id, Recorded)>> {
    static WATCHED: Mutex<Vec<(runtime::Id, Recorded)>> = Mutex::new(Vec::new());
    lock(&WATCHED)
}

/// The panics in tasks of one runtime while this is alive; several may watch one runtime
/// (`fail_on_task_panic` and `fail_on_leaked_tasks` together), each sees every panic.
pub(super) struct TaskPanics {
    recorded: Recorded,
}

impl TaskPanics {
    pub(super) fn watch(id: runtime::Id) -> TaskPanics {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            let previous = panic::take_hook();
            panic::set_hook(Box::new(move |info| {
                record(info);
                previous(info);
            }));
        });
        let recorded = Recorded::default();
        watched().push((id, Arc::clone(&recorded)));
        TaskPanics { recorded }
    }

    /// The message of the first panic seen.
    pub(super) fn first(&self) -> Option<String> {
        lock(&self.recorded).first().cloned()
    }

    fn check(self) {
        if let Some(message) = self.first() {
            panic!("a task spawned by this test panicked (`fail_on_task_panic = true`): {message}");
        }
    }
}

impl Drop for TaskPanics {
    fn drop(&mut self) {
        watched().retain(|(_, recorded)| !Arc::ptr_eq(recorded, &self.recorded));
    }
}

fn record(info: &PanicHookInfo<'_>) {
    if tokio::task::try_id().is_none() {
        return;
    }
    let Ok(handle) = Handle::try_current() else {
        return;
    };
    let id = handle.id();
    let recorders: Vec<Recorded> = watched()
        .iter()
        .filter(|(watched, _)| *watched == id)
        .map(|(_, recorded)| Arc::clone(recorded))
        .collect();
    for recorded in recorders {
        lock(&recorded).push(message(info.payload()));
    }
}

pub(super) fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic whose payload is not a string)".to_owned()
    }
}

/// `stack_size = "64MiB"`: runs `body` on a new thread with a stack of `bytes`, and carries its
/// return value, or its panic, back unchanged. The thread takes the caller's name, so a panic
/// message still says `thread 'main'` or the test's name.
pub fn with_stack_size<R: Send>(bytes: usize, body: impl FnOnce() -> R + Send) -> R {
    let mut builder = thread::Builder::new().stack_size(bytes);
    if let Some(name) = thread::current().name() {
        builder = builder.name(name.to_owned());
    }
    thread::scope(|scope| {
        let spawned = builder.spawn_scoped(scope, body);
        let handle = match spawned {
            Ok(handle) => handle,
            Err(error) => {
                panic!("mainspring: failed to start a thread with a {bytes}-byte stack: {error}")
            }
        };
        match handle.join() {
            Ok(value) => value,
            // The panic was already reported by the thread that panicked; pass it on silently.
            Err(payload) => panic::resume_unwind(payload),
        }
    })
}

/// `stack_size` on `main` or a test returning a value: the value is turned into an exit code on
/// the big-stack thread (`Termination::report` prints an `Err` as `Error: ..`, exactly as
/// returning it from `main` or a test would), so it need not be `Send`, as
/// `Result<(), Box<dyn Error>>` is not.
pub fn with_stack_size_report<R: Termination>(
    bytes: usize,
    body: impl FnOnce() -> R + Send,
) -> ExitCode {
    with_stack_size(bytes, move || body().report())
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
