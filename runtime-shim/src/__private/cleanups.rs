//! What `mainspring::cleanup` registers, and when it runs: after the body of an annotated fn
//! has ended, however it ended (a return, an `Err`, a panic, a timeout), on the body's runtime,
//! last registered first, each within its limit; then the fn ends as the body did (the same
//! value, or the same panic, resumed). The leak check of `fail_on_leaked_tasks` comes after the
//! cleanups; the runtime's shutdown after both.
//!
//! Every body is run inside [`Around`] (from `block_on`), which costs nothing when no cleanup
//! is registered: no allocation, no task, no thread. A cleanup is registered for the body being
//! polled on the calling thread, if any (`POLLING`); else for the body whose runtime of its own
//! the calling task runs on; on a runtime that tests share, a task cannot be told to be one
//! test's, so only the body itself (and what it awaits) can register.

use super::panics::message;
use super::runtime::{BoxedFuture, lock};
use std::any::Any;
use std::cell::Cell;
use std::future::Future;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe, Location};
use std::pin::Pin;
use std::process::{ExitCode, Termination};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::{self, Handle};

/// How long each cleanup may take when `cleanup_timeout` is not given.
pub const DEFAULT_LIMIT: Duration = Duration::from_secs(10);

/// A cleanup waiting to run, and where it was registered.
struct Cleanup {
    future: Pin<Box<dyn Future<Output = ()> + Send + 'static>>,
    at: &'static Location<'static>,
}

/// Whether a body's runtime is its own, or one that tests share.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Sharing {
    Own,
    Shared,
}

/// A body that is running, and the cleanups registered for it.
struct Body {
    id: u64,
    runtime: runtime::Id,
    sharing: Sharing,
    limit: Duration,
    cleanups: Vec<Cleanup>,
}

/// The bodies running now, a few at a time (one per running test): a list.
fn bodies() -> MutexGuard<'static, Vec<Body>> {
    static BODIES: Mutex<Vec<Body>> = Mutex::new(Vec::new());
    lock(&BODIES)
}

thread_local! {
    /// The id of the body being polled on this thread (0: none).
    static POLLING: Cell<u64> = const { Cell::new(0) };
}

/// Why a cleanup could not be registered.
pub(crate) enum NotInABody {
    /// Not called from a body run by `#[mainspring::main]` or `#[mainspring::test]`, nor from a
    /// task on its runtime.
    Outside,
    /// From a task on a runtime that tests share, which cannot be told to be one test's.
    TaskOnASharedRuntime,
}

/// A cleanup, boxed at once: a large future is not moved again on the stack.
pub(crate) type BoxedCleanup = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Registers `future` for the body the calling code belongs to; gives it back if there is none.
pub(crate) fn register<F>(future: F, at: &'static Location<'static>) -> Result<(), (F, NotInABody)>
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut bodies = bodies();
    match find(&bodies) {
        Ok(index) => {
            bodies[index].cleanups.push(Cleanup {
                future: Box::pin(future),
                at,
            });
            Ok(())
        }
        Err(why) => Err((future, why)),
    }
}

/// `register` for a cleanup boxed already.
pub(crate) fn register_boxed(
    future: BoxedCleanup,
    at: &'static Location<'static>,
) -> Result<(), NotInABody> {
    let mut bodies = bodies();
    let index = find(&bodies)?;
    bodies[index].cleanups.push(Cleanup { future, at });
    Ok(())
}

/// The body the calling code belongs to: the one being polled on this thread, if the code runs
/// on its runtime (not on a runtime nested in it); else the one whose runtime of its own the
/// calling task runs on.
fn find(bodies: &[Body]) -> Result<usize, NotInABody> {
    let polling = POLLING.get();
    let runtime = Handle::try_current().ok().map(|handle| handle.id());
    let polled = bodies.iter().position(|body| {
        body.id == polling && runtime.is_none_or(|runtime| runtime == body.runtime)
    });
    let index = polled.or_else(|| {
        runtime.and_then(|id| {
            bodies
                .iter()
                .position(|body| body.runtime == id && body.sharing == Sharing::Own)
        })
    });
    index.ok_or_else(|| {
        let shared = runtime.is_some_and(|id| bodies.iter().any(|body| body.runtime == id));
        match shared {
            true => NotInABody::TaskOnASharedRuntime,
            false => NotInABody::Outside,
        }
    })
}

/// `cleanup_timeout = "5s"`: `future`, with the limit of each of its body's cleanups.
pub fn cleanup_timeout<'a, F: Future + 'a>(
    limit: Duration,
    future: F,
) -> BoxedFuture<'a, F::Output> {
    let mut set = false;
    let mut future = Box::pin(future);
    Box::pin(std::future::poll_fn(move |cx| {
        if !set {
            set = true;
            let id = POLLING.get();
            if let Some(body) = bodies().iter_mut().find(|body| body.id == id) {
                body.limit = limit;
            }
        }
        future.as_mut().poll(cx)
    }))
}

/// What a body ended with.
enum Outcome<T> {
    Returned(T),
    Panicked(Box<dyn Any + Send>),
}

/// A body's value, and what its cleanups found (one message each), for the fn to end with.
pub struct Ended<T> {
    value: T,
    failures: Vec<String>,
}

impl<T> Ended<T> {
    /// The value, judged by `failed` (whether it is a failure, an `Err`): what the cleanups
    /// found is written after a failure, and fails the fn after a success.
    pub(super) fn judged(self, failed: fn(&T) -> bool) -> T {
        if self.failures.is_empty() {
            return self.value;
        }
        if failed(&self.value) {
            tell(&self.failures);
            return self.value;
        }
        panic!("{}", self.failures.join("\n"));
    }

    /// The value reported as `main` or a test reports it (`Error: ..` for an `Err`), its exit
    /// code judging it: what the cleanups found is written after a failure, and fails the fn
    /// after a success.
    pub(super) fn report(self) -> ExitCode
    where
        T: Termination,
    {
        let code = self.value.report();
        if self.failures.is_empty() {
            return code;
        }
        if code != ExitCode::SUCCESS {
            tell(&self.failures);
            return code;
        }
        panic!("{}", self.failures.join("\n"));
    }

    /// The value, and what the cleanups found, for a `Watch` to add to its own findings.
    pub(super) fn split(self) -> (T, Vec<String>) {
        (self.value, self.failures)
    }
}

/// The body's future, inside which `cleanup` registers for it, and which runs the cleanups
/// when the body has ended.
pub struct Around<'a, T> {
    body: Option<BoxedFuture<'a, T>>,
    /// 0 until the first poll registers the body, and again once its cleanups have all run.
    id: u64,
    sharing: Sharing,
    ending: Option<(Outcome<T>, Run)>,
}

impl<'a, T> Around<'a, T> {
    pub(super) fn new(body: BoxedFuture<'a, T>, sharing: Sharing) -> Self {
        Around {
            body: Some(body),
            id: 0,
            sharing,
            ending: None,
        }
    }

    /// Registers the body, with its runtime, the first time it is polled.
    fn enter(&mut self) {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        if self.id != 0 || self.body.is_none() {
            return;
        }
        self.id = NEXT.fetch_add(1, Ordering::Relaxed);
        bodies().push(Body {
            id: self.id,
            runtime: Handle::current().id(),
            sharing: self.sharing,
            limit: DEFAULT_LIMIT,
            cleanups: Vec::new(),
        });
    }
}

/// Marks the body `id` as the one polled on this thread until dropped, also by a panic.
struct Polling(u64);

impl Polling {
    fn set(id: u64) -> Polling {
        Polling(POLLING.replace(id))
    }
}

impl Drop for Polling {
    fn drop(&mut self) {
        POLLING.set(self.0);
    }
}

// The body is boxed and its value is only ever moved, never pinned.
impl<T> Unpin for Around<'_, T> {}

impl<T> Future for Around<'_, T> {
    type Output = Ended<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Ended<T>> {
        let this = &mut *self;
        this.enter();
        if let Some(body) = this.body.as_mut() {
            let polling = Polling::set(this.id);
            let polled = panic::catch_unwind(AssertUnwindSafe(|| body.as_mut().poll(cx)));
            let outcome = match polled {
                Ok(Poll::Pending) => return Poll::Pending,
                Ok(Poll::Ready(value)) => Outcome::Returned(value),
                Err(payload) => Outcome::Panicked(payload),
            };
            // The body's locals go first, as they would in a fn that returned or unwound, while
            // the body is still the one polled here: a local's `Drop` may register a cleanup. A
            // panic as they are dropped was reported by the hook; the first panic stands.
            let body = this.body.take();
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(body)));
            drop(polling);
            this.ending = Some((outcome, Run::last(this.id)));
        }
        let (_, run) = this.ending.as_mut().expect("the body has ended");
        let ran = {
            let _polling = Polling::set(this.id);
            Pin::new(run).poll(cx)
        };
        let Poll::Ready(failures) = ran else {
            return Poll::Pending;
        };
        // The last run took the body out of the list, with its last cleanup.
        this.id = 0;
        let (outcome, _) = this.ending.take().expect("the body has ended");
        match outcome {
            Outcome::Panicked(payload) => {
                say(&failures);
                panic::resume_unwind(payload)
            }
            Outcome::Returned(value) => Poll::Ready(Ended { value, failures }),
        }
    }
}

impl<T> Drop for Around<'_, T> {
    /// Dropped before its cleanups have run: the runtime stopped running it (tokio's
    /// `unhandled_panic = "shutdown_runtime"` after a task's panic). The cleanups cannot run
    /// on a runtime that stopped; which ones did not is said, and they are dropped, outside
    /// the list's lock (a cleanup's `Drop` may register another).
    fn drop(&mut self) {
        if self.id == 0 {
            return;
        }
        let id = self.id;
        let body = {
            let mut bodies = bodies();
            let index = bodies.iter().position(|body| body.id == id);
            index.map(|index| bodies.remove(index))
        };
        let running = self.ending.take().and_then(|(_, run)| run.current);
        let mut unrun: Vec<Cleanup> = body.map(|body| body.cleanups).unwrap_or_default();
        unrun.extend(running.map(|running| running.cleanup));
        if unrun.is_empty() {
            return;
        }
        let places: Vec<String> = unrun
            .iter()
            .rev()
            .map(|cleanup| cleanup.at.to_string())
            .collect();
        let line = format!(
            "mainspring: the runtime stopped running the body before its cleanups ran (as tokio's \
             `unhandled_panic = \"shutdown_runtime\"` does after a task's panic); not run: the \
             {} registered at {}\n",
            if unrun.len() == 1 {
                "cleanup"
            } else {
                "cleanups"
            },
            places.join(", ")
        );
        let _ = io::stderr().write_all(line.as_bytes());
        let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(unrun)));
    }
}

/// Writes what the cleanups found after the body's own panic, past libtest's capture: a test
/// that `should_panic` passes, and would hide it.
fn say(failures: &[String]) {
    for failure in failures {
        let _ = io::stderr().write_all(format!("mainspring: {failure}\n").as_bytes());
    }
}

/// Writes what the cleanups found after the body's `Err` (or a failing exit code), which fails
/// the fn: where libtest captures it, after the `Error: ..` that reporting the value writes
/// there (on `main`, stderr).
fn tell(failures: &[String]) {
    for failure in failures {
        eprintln!("mainspring: {failure}");
    }
}

/// The body's cleanups run: the last registered first, each polled until it ends, panics, or
/// reaches its limit; what went wrong, one message each.
pub(super) struct Run {
    body: u64,
    /// The run after the body has ended (not the one before the leak check): with the last
    /// cleanup, it takes the body out of the list, at once, so that no cleanup can be
    /// registered between the last one and the body's end and never run.
    last: bool,
    current: Option<Running>,
    failures: Vec<String>,
}

/// The cleanup being run, its limit, and the thread that wakes it at the limit.
struct Running {
    cleanup: Cleanup,
    limit: Duration,
    started: Instant,
    /// `None` for a limit too large to reach.
    deadline: Option<Instant>,
    /// Dropped when the cleanup ends, which ends the watchdog's wait.
    _done: Sender<()>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Run {
    pub(super) fn new(body: u64) -> Run {
        Run {
            body,
            last: false,
            current: None,
            failures: Vec::new(),
        }
    }

    fn last(body: u64) -> Run {
        Run {
            last: true,
            ..Run::new(body)
        }
    }

    /// The next cleanup to run, the last one registered, with its limit.
    fn next(&self) -> Option<(Cleanup, Duration)> {
        let mut bodies = bodies();
        let index = bodies.iter().position(|body| body.id == self.body)?;
        let body = &mut bodies[index];
        match body.cleanups.pop() {
            Some(cleanup) => Some((cleanup, body.limit)),
            None => {
                if self.last {
                    bodies.remove(index);
                }
                None
            }
        }
    }
}

impl Future for Run {
    type Output = Vec<String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<String>> {
        let this = &mut *self;
        loop {
            if this.current.is_none() {
                let Some((cleanup, limit)) = this.next() else {
                    return Poll::Ready(std::mem::take(&mut this.failures));
                };
                this.current = Some(Running::start(cleanup, limit));
            }
            let running = this.current.as_mut().expect("a cleanup is running");
            let at = running.cleanup.at;
            let future = &mut running.cleanup.future;
            let polled = panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx)));
            let now = Instant::now();
            let late = running.deadline.is_some_and(|at| now >= at);
            // Ended well past its limit, not a moment after it: its thread was blocked (by the
            // cleanup, or by a task on the same thread), so it could not be dropped at the limit.
            let blocked = running
                .deadline
                .is_some_and(|at| now.saturating_duration_since(at) >= BLOCKED_POLL);
            let failure = match polled {
                Ok(Poll::Ready(())) if blocked => Some(format!(
                    "the cleanup registered at {at} ran for {:?}, past its limit of {:?} \
                     (`cleanup_timeout`): its thread was blocked (by the cleanup, or by a task on \
                     the same thread), so it could not be dropped at its limit",
                    running.started.elapsed(),
                    running.limit
                )),
                Ok(Poll::Ready(())) => None,
                Ok(Poll::Pending) if !late => {
                    *lock(&running.waker) = Some(cx.waker().clone());
                    return Poll::Pending;
                }
                Ok(Poll::Pending) => Some(format!(
                    "the cleanup registered at {at} did not end within {:?} \
                     (`cleanup_timeout`), and was dropped",
                    running.limit
                )),
                Err(payload) => Some(format!(
                    "the cleanup registered at {at} panicked: {}",
                    message(&*payload)
                )),
            };
            // Dropped here, as a panic of its own drop must not end the run: said after why.
            let running = this.current.take();
            let dropped = panic::catch_unwind(AssertUnwindSafe(move || drop(running)));
            let failure = match (failure, dropped) {
                (failure, Ok(())) => failure,
                (failure, Err(payload)) => Some(format!(
                    "{}; it panicked as it was dropped: {}",
                    failure.unwrap_or_else(|| format!("the cleanup registered at {at} ended")),
                    message(&*payload)
                )),
            };
            this.failures.extend(failure);
        }
    }
}

impl Running {
    /// Starts the clock of `cleanup`: a thread that wakes it when its limit has passed (a
    /// clock of real time: the runtime's may be paused, or have no timer at all).
    fn start(cleanup: Cleanup, limit: Duration) -> Running {
        let started = Instant::now();
        let deadline = started.checked_add(limit);
        let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
        let (done, ended) = mpsc::channel::<()>();
        if deadline.is_some() {
            let woken = Arc::clone(&waker);
            let at = cleanup.at;
            let _ = thread::Builder::new()
                .name("mainspring-cleanup".into())
                .spawn(move || wake_at_limit(&ended, limit, &woken, at));
        }
        Running {
            cleanup,
            limit,
            started,
            deadline,
            _done: done,
            waker,
        }
    }
}

/// A cleanup that ends this long after its limit could not be dropped at it: its thread was
/// blocked.
const BLOCKED_POLL: Duration = Duration::from_millis(100);

/// How long a cleanup past its limit may go undropped before that is said on stderr: its thread
/// is blocked, and it cannot be dropped until the thread is free.
const STILL_BLOCKED: Duration = Duration::from_secs(1);

/// Waits for the limit (returning early, with `Disconnected`, once the cleanup has ended), then
/// wakes the cleanup's task so that it sees it has run out of time. A cleanup not dropped soon
/// after has its thread blocked: that is said, once, past libtest's capture.
fn wake_at_limit(
    ended: &Receiver<()>,
    limit: Duration,
    waker: &Mutex<Option<Waker>>,
    at: &'static Location<'static>,
) {
    if ended.recv_timeout(limit) != Err(RecvTimeoutError::Timeout) {
        return;
    }
    if let Some(waker) = lock(waker).take() {
        waker.wake();
    }
    if ended.recv_timeout(STILL_BLOCKED) == Err(RecvTimeoutError::Timeout) {
        let line = format!(
            "mainspring: the cleanup registered at {at} has run past its limit of {limit:?} \
             (`cleanup_timeout`), and its thread is blocked (by the cleanup, or by a task on the \
             same thread): it cannot be dropped until the thread is free\n"
        );
        let _ = io::stderr().write_all(line.as_bytes());
    }
}

/// The cleanups registered for the body being polled on this thread, run now: for
/// `fail_on_leaked_tasks`, whose check comes after them; what went wrong, one message each.
pub(super) async fn run_now() -> Vec<String> {
    match POLLING.get() {
        0 => Vec::new(),
        body => Run::new(body).await,
    }
}
