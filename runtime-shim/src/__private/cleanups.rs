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

/// Registers `future` for the body the calling code belongs to; gives it back if there is none.
pub(crate) fn register<F>(future: F, at: &'static Location<'static>) -> Result<(), (F, NotInABody)>
where
    F: Future<Output = ()> + Send + 'static,
{
    let polling = POLLING.get();
    let runtime = Handle::try_current().ok().map(|handle| handle.id());
    let mut bodies = bodies();
    let index = match polling {
        0 => runtime.and_then(|id| {
            bodies
                .iter()
                .position(|body| body.runtime == id && body.sharing == Sharing::Own)
        }),
        id => bodies.iter().position(|body| body.id == id),
    };
    let Some(index) = index else {
        let shared = runtime.is_some_and(|id| bodies.iter().any(|body| body.runtime == id));
        let why = match shared {
            true => NotInABody::TaskOnASharedRuntime,
            false => NotInABody::Outside,
        };
        return Err((future, why));
    };
    bodies[index].cleanups.push(Cleanup {
        future: Box::pin(future),
        at,
    });
    Ok(())
}

/// `cleanup_timeout = "5s"`: `future`, with the limit of each of its body's cleanups.
pub fn cleanup_timeout<F: Future>(limit: Duration, future: F) -> impl Future<Output = F::Output> {
    let mut set = false;
    let mut future = Box::pin(future);
    std::future::poll_fn(move |cx| {
        if !set {
            set = true;
            let id = POLLING.get();
            if let Some(body) = bodies().iter_mut().find(|body| body.id == id) {
                body.limit = limit;
            }
        }
        future.as_mut().poll(cx)
    })
}

/// What a body ended with.
enum Outcome<T> {
    Returned(T),
    Panicked(Box<dyn Any + Send>),
}

/// The body's future, inside which `cleanup` registers for it, and which runs the cleanups
/// when the body has ended.
pub struct Around<'a, T> {
    body: Option<BoxedFuture<'a, T>>,
    /// 0 until the first poll registers the body.
    id: u64,
    sharing: Sharing,
    /// Whether a value the body returned is a failure (an `Err`): a cleanup that fails then is
    /// written after it rather than made a panic.
    failed: fn(&T) -> bool,
    ending: Option<(Outcome<T>, Run)>,
}

impl<'a, T> Around<'a, T> {
    pub(super) fn new(body: BoxedFuture<'a, T>, sharing: Sharing, failed: fn(&T) -> bool) -> Self {
        Around {
            body: Some(body),
            id: 0,
            sharing,
            failed,
            ending: None,
        }
    }

    /// Registers the body, with its runtime, the first time it is polled.
    fn enter(&mut self) {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        if self.id != 0 {
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

    fn leave(&mut self) {
        let id = self.id;
        bodies().retain(|body| body.id != id);
    }
}

// The body is boxed and its value is only ever moved, never pinned.
impl<T> Unpin for Around<'_, T> {}

impl<T> Future for Around<'_, T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = &mut *self;
        this.enter();
        if let Some(body) = this.body.as_mut() {
            let previous = POLLING.replace(this.id);
            let polled = panic::catch_unwind(AssertUnwindSafe(|| body.as_mut().poll(cx)));
            POLLING.set(previous);
            let outcome = match polled {
                Ok(Poll::Pending) => return Poll::Pending,
                Ok(Poll::Ready(value)) => Outcome::Returned(value),
                Err(payload) => Outcome::Panicked(payload),
            };
            // The body's locals go first, as they would in a fn that returned or unwound. A
            // panic as they are dropped was reported by the hook; the first panic stands.
            let body = this.body.take();
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(body)));
            this.ending = Some((outcome, Run::new(this.id)));
        }
        let (_, run) = this.ending.as_mut().expect("the body has ended");
        let previous = POLLING.replace(this.id);
        let ran = Pin::new(run).poll(cx);
        POLLING.set(previous);
        let Poll::Ready(failures) = ran else {
            return Poll::Pending;
        };
        this.leave();
        let (outcome, _) = this.ending.take().expect("the body has ended");
        match outcome {
            Outcome::Panicked(payload) => {
                say(&failures);
                panic::resume_unwind(payload)
            }
            Outcome::Returned(value) if failures.is_empty() => Poll::Ready(value),
            Outcome::Returned(value) if (this.failed)(&value) => {
                say(&failures);
                Poll::Ready(value)
            }
            Outcome::Returned(_) => panic!("{}", failures.join("\n")),
        }
    }
}

impl<T> Drop for Around<'_, T> {
    fn drop(&mut self) {
        if self.id != 0 {
            self.leave();
        }
    }
}

/// Writes what the cleanups found after the body's own failure, past libtest's capture, where
/// the body's failure (its panic, its `Err`) is the one that fails the fn.
fn say(failures: &[String]) {
    for failure in failures {
        let _ = io::stderr().write_all(format!("mainspring: {failure}\n").as_bytes());
    }
}

/// The body's cleanups run: the last registered first, each polled until it ends, panics, or
/// reaches its limit; what went wrong, one message each.
pub(super) struct Run {
    body: u64,
    current: Option<Running>,
    failures: Vec<String>,
}

/// The cleanup being run, its limit, and the thread that wakes it at the limit.
struct Running {
    cleanup: Cleanup,
    limit: Duration,
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
            current: None,
            failures: Vec::new(),
        }
    }

    /// The next cleanup to run, the last one registered, with its limit.
    fn next(&self) -> Option<(Cleanup, Duration)> {
        let mut bodies = bodies();
        let body = bodies.iter_mut().find(|body| body.id == self.body)?;
        let cleanup = body.cleanups.pop()?;
        Some((cleanup, body.limit))
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
            match panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
                Ok(Poll::Ready(())) => {}
                Ok(Poll::Pending) if running.deadline.is_none_or(|at| Instant::now() < at) => {
                    *lock(&running.waker) = Some(cx.waker().clone());
                    return Poll::Pending;
                }
                Ok(Poll::Pending) => this.failures.push(format!(
                    "the cleanup registered at {at} did not end within {:?} \
                     (`cleanup_timeout`), and was dropped",
                    running.limit
                )),
                Err(payload) => this.failures.push(format!(
                    "the cleanup registered at {at} panicked: {}",
                    message(&*payload)
                )),
            }
            this.current = None;
        }
    }
}

impl Running {
    /// Starts the clock of `cleanup`: a thread that wakes it when its limit has passed (a
    /// clock of real time: the runtime's may be paused, or have no timer at all).
    fn start(cleanup: Cleanup, limit: Duration) -> Running {
        let deadline = Instant::now().checked_add(limit);
        let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
        let (done, ended) = mpsc::channel::<()>();
        if deadline.is_some() {
            let woken = Arc::clone(&waker);
            let _ = thread::Builder::new()
                .name("mainspring-cleanup".into())
                .spawn(move || wake_at_limit(&ended, limit, &woken));
        }
        Running {
            cleanup,
            limit,
            deadline,
            _done: done,
            waker,
        }
    }
}

/// Waits for the limit (returning early, with `Disconnected`, once the cleanup has ended), then
/// wakes the cleanup's task so that it sees it has run out of time.
fn wake_at_limit(ended: &Receiver<()>, limit: Duration, waker: &Mutex<Option<Waker>>) {
    if ended.recv_timeout(limit) == Err(RecvTimeoutError::Timeout) {
        if let Some(waker) = lock(waker).take() {
            waker.wake();
        }
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
