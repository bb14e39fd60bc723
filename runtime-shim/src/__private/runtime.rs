//! How the body is run: a built runtime of either kind, and `block_on`.

use super::cleanups::{Around, Ended, Sharing};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::process::{ExitCode, Termination};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tokio::runtime::{self, Handle, LocalRuntime};

/// A built runtime of either kind: `build()` gives a `Runtime`, `build_local(..)` a
/// `LocalRuntime`; `shutdown_timeout` wraps either.
pub trait Runtime {
    fn runtime_handle(&self) -> &Handle;
    fn run<T>(&self, future: Around<'_, T>) -> Ended<T>;
}

impl Runtime for runtime::Runtime {
    fn runtime_handle(&self) -> &Handle {
        self.handle()
    }

    fn run<T>(&self, future: Around<'_, T>) -> Ended<T> {
        self.block_on(future)
    }
}

impl Runtime for LocalRuntime {
    fn runtime_handle(&self) -> &Handle {
        self.handle()
    }

    fn run<T>(&self, future: Around<'_, T>) -> Ended<T> {
        self.block_on(future)
    }
}

/// The body's future, boxed: tokio's `Runtime::block_on` is then compiled once per output type
/// instead of once per annotated fn (the codegen cost of a test suite), and a large future lives
/// on the heap rather than in `main`'s stack frame.
pub(super) type BoxedFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// `<runtime>.block_on(future)`, for every annotated fn: takes the runtime `Builder::build()`
/// (or `build_local(..)`) returned, panicking as tokio's attributes do when it could not be
/// built, and runs `future` on it, then the cleanups registered meanwhile (`cleanups.rs`). The
/// runtime is dropped (shut down) before this returns. For a fn whose value is never a failure
/// (`()`); [`block_on_report`] for `main` and tests that return a value, [`block_on_value`]
/// for other fns that do.
///
/// Generic, so the expansion's call only proves `F: Future` (boxing to `dyn Future` at each call
/// site costs rustc more per test in `cargo check`); always inlined, so a debug build compiles
/// no copy of it per test. Both measured with `bench/` (`bench/RESULTS.md`).
#[inline(always)]
#[allow(clippy::inline_always)] // The point: see above.
pub fn block_on<R: Runtime, F: Future>(built: io::Result<R>, future: F) -> F::Output {
    run(built, Box::pin(future)).judged(never_failed)
}

/// `block_on` for `main` and a test that return a value: the value is reported as returning it
/// from `main` or a test would (`Termination::report`: an `Err` written as `Error: ..`), and
/// its exit code tells a failure from a success for the cleanups (a cleanup that fails after a
/// failure is written after it, after a success it fails the fn). Asks rustc less at each call
/// than judging the value's type there.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn block_on_report<R: Runtime, F: Future>(built: io::Result<R>, future: F) -> ExitCode
where
    F::Output: Termination,
{
    run(built, Box::pin(future)).report()
}

/// `block_on` for another fn that returns a value, which `failed` tells a failure (an `Err`)
/// from a success.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn block_on_value<R: Runtime, F: Future>(
    built: io::Result<R>,
    future: F,
    failed: fn(&F::Output) -> bool,
) -> F::Output {
    run(built, Box::pin(future)).judged(failed)
}

/// `block_on` for a fn whose `Watch` concludes (`Watch::run`): the value and what the
/// cleanups found.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub(super) fn block_on_ended<R: Runtime, F: Future>(
    built: io::Result<R>,
    future: F,
) -> Ended<F::Output> {
    run(built, Box::pin(future))
}

fn run<R: Runtime, T>(built: io::Result<R>, future: BoxedFuture<'_, T>) -> Ended<T> {
    built
        .expect("failed to build the tokio runtime")
        .run(Around::new(future, Sharing::Own))
}

/// `shared`: runs `future` on the shared runtime, building it if this is its first test.
/// Inlined and boxing inside, as `block_on`. `'static`: a `const` `SharedRuntime` would be a
/// new runtime at each use, so `&CONST` is a compile error ("temporary value dropped while
/// borrowed") rather than a runtime per test.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn block_on_shared<F: Future>(shared: &'static crate::SharedRuntime, future: F) -> F::Output {
    run_shared(shared, Box::pin(future)).judged(never_failed)
}

/// `block_on_shared` for a test that returns a value, as `block_on_report`.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn block_on_shared_report<F: Future>(
    shared: &'static crate::SharedRuntime,
    future: F,
) -> ExitCode
where
    F::Output: Termination,
{
    run_shared(shared, Box::pin(future)).report()
}

/// `block_on_shared` for another fn that returns a value, as `block_on_value`.
#[inline(always)]
#[allow(clippy::inline_always)] // As for `block_on`.
pub fn block_on_shared_value<F: Future>(
    shared: &'static crate::SharedRuntime,
    future: F,
    failed: fn(&F::Output) -> bool,
) -> F::Output {
    run_shared(shared, Box::pin(future)).judged(failed)
}

fn run_shared<T>(shared: &'static crate::SharedRuntime, future: BoxedFuture<'_, T>) -> Ended<T> {
    shared.runtime().run(Around::new(future, Sharing::Shared))
}

/// The judge of a value that is never a failure.
fn never_failed<T>(_: &T) -> bool {
    false
}

/// A value of type `T`, for `if false { return output::<T>(); }` at the top of the body's
/// `async` block: rustc checks that `return` first, so the block's output is the declared return
/// type before the body is checked. Never called.
#[inline(always)]
pub fn output<T>() -> T {
    unreachable!("mainspring: `output` is only named in a branch that never runs")
}

/// A lock that a panic while it was held does not poison: what the shim keeps behind a lock is
/// only ever appended to or replaced whole.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
