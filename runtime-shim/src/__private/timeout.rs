//! `timeout = "5s"`: a limit of real time on the body. A watchdog thread wakes the body when the
//! limit passes, and says on stderr when the body cannot be woken because something blocks its
//! thread; the body then panics with a report of what was still running. A body that blocks
//! its thread past the limit and then returns fails too.

use super::report::{self, Report, Scope};
use super::runtime::{BoxedFuture, lock};
use std::future::Future;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

/// How long after the limit the report may take: a runtime too stuck to be dumped is reported
/// without its dump once this has passed.
const REPORT_BUDGET: Duration = Duration::from_secs(1);

/// How long one poll of the body may have lasted at the limit before the watchdog says it
/// blocks its thread.
const NOTICE: Duration = Duration::from_millis(100);

/// How long after the limit a body not polled at all may take to notice it before the watchdog
/// says something holds its thread: a thread that waits for a core on a loaded machine is
/// not polled for a while either.
const NOT_POLLED: Duration = Duration::from_secs(1);

/// `timeout = "5s"`: `future`, which panics with a message naming the limit when it has not
/// finished after `limit` of real time.
///
/// The clock is a watchdog thread, not tokio's timer: with `start_paused = true` tokio's clock
/// jumps ahead whenever the runtime is idle, so a tokio timeout would fire at once. The watchdog
/// wakes the body's task when the limit passes; a body that blocks its thread without ever
/// yielding cannot be interrupted: the watchdog says so on stderr, and the body fails when it
/// next yields or returns.
///
/// Boxed at once (a big future is copied once on the stack, not once per call), and returned
/// as a `dyn Future`: an opaque type per call site costs rustc more at each test (`bench/`).
pub fn timeout<'a, F: Future + 'a>(
    limit: Duration,
    text: &'static str,
    future: F,
) -> BoxedFuture<'a, F::Output> {
    Box::pin(limited(limit, text, Box::pin(future), Scope::Runtime))
}

/// `timeout` on a `shared` runtime, whose tasks belong to every test on it: the report shows
/// where the body was waiting, and leaves the runtime's tasks alone.
pub fn timeout_on_shared<'a, F: Future + 'a>(
    limit: Duration,
    text: &'static str,
    future: F,
) -> BoxedFuture<'a, F::Output> {
    Box::pin(limited(limit, text, Box::pin(future), Scope::Body))
}

fn limited<F: Future>(
    limit: Duration,
    text: &'static str,
    future: Pin<Box<F>>,
    scope: Scope,
) -> impl Future<Output = F::Output> {
    let limited = Arc::new(Limit {
        state: Mutex::default(),
        started: Instant::now(),
        limit,
        text,
        // libtest runs each test on a thread named after it; `main` runs on `main`.
        name: thread::current().name().map(str::to_owned),
        scope,
    });
    let (done, finished) = mpsc::channel::<()>();
    let watched = Arc::clone(&limited);
    let spawned = thread::Builder::new()
        .name("mainspring-timeout".into())
        .spawn(move || watched.watchdog(&finished));
    if let Err(error) = spawned {
        panic!("mainspring: failed to start the timeout thread: {error}");
    }
    Timeout {
        future,
        limited,
        _done: done,
    }
}

/// What the body and its watchdog share.
struct Limit {
    state: Mutex<State>,
    /// When the limit started to count: when the body's future was made, just before the
    /// runtime runs it.
    started: Instant,
    limit: Duration,
    /// The option's value as written: `"5s"` (with the quotes) or an expression.
    text: &'static str,
    /// The name of the thread the body runs on.
    name: Option<String>,
    scope: Scope,
}

#[derive(Default)]
struct State {
    /// When the limit passed, once it has.
    expired_at: Option<Instant>,
    waker: Option<Waker>,
    /// When the poll of the body now under way began.
    polling_since: Option<Instant>,
    /// The body has seen that the limit passed.
    noticed: bool,
}

impl Limit {
    /// Waits for the limit (returning early, with `Disconnected`, once the body is dropped),
    /// wakes the body, and says on stderr if it cannot get to the limit: at once when it is
    /// inside a poll that has lasted [`NOTICE`], or when it has not been polled at all for
    /// [`NOT_POLLED`].
    fn watchdog(&self, finished: &Receiver<()>) {
        if finished.recv_timeout(self.limit) != Err(RecvTimeoutError::Timeout) {
            return;
        }
        let expired_at = Instant::now();
        {
            let mut state = lock(&self.state);
            state.expired_at = Some(expired_at);
            if let Some(waker) = state.waker.take() {
                waker.wake();
            }
        }
        loop {
            let state = lock(&self.state);
            if state.noticed {
                return;
            }
            let polling_since = state.polling_since;
            drop(state);
            let blocked = match polling_since {
                Some(since) => since.elapsed() >= NOTICE,
                None => expired_at.elapsed() >= NOT_POLLED,
            };
            if blocked {
                self.say_blocked(polling_since);
                return;
            }
            if finished.recv_timeout(Duration::from_millis(10)) != Err(RecvTimeoutError::Timeout) {
                return;
            }
        }
    }

    /// Writes, past libtest's capture of the test's output (so it shows while the test still
    /// runs), that the body is past its limit and cannot be woken.
    fn say_blocked(&self, polling_since: Option<Instant>) {
        let who = match &self.name {
            Some(name) => format!("`{name}`"),
            None => "the body".to_owned(),
        };
        let why = match polling_since {
            Some(since) => format!(
                "has not yielded for {:.1?}: something in it blocks its thread without `.await` \
                 (a blocking call, a lock, a busy loop); it fails when it next yields or returns",
                since.elapsed()
            ),
            None => "has not been polled since: a task or a blocking call holds the thread it \
                     runs on; it fails when it is next polled"
                .to_owned(),
        };
        let line = format!(
            "mainspring: {who} ran past its `timeout = {}` and {why}\n",
            self.text
        );
        let _ = io::stderr().write_all(line.as_bytes());
    }

    /// The first line of the panic: the limit, as written.
    fn timed_out(&self) -> String {
        let text = self.text;
        if text.starts_with('"') {
            format!("timed out: it ran longer than its `timeout = {text}`")
        } else {
            format!(
                "timed out: it ran longer than its `timeout = {text}` ({:?})",
                self.limit
            )
        }
    }
}

struct Timeout<F> {
    future: Pin<Box<F>>,
    limited: Arc<Limit>,
    /// Dropped with the future, which tells the watchdog to stop waiting.
    _done: Sender<()>,
}

impl<F: Future> Future for Timeout<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let limited = &this.limited;
        {
            let mut state = lock(&limited.state);
            // Past the limit, whether or not the watchdog has woken yet (on a loaded machine
            // it may be late).
            let expired_at = state
                .expired_at
                .or_else(|| (limited.started.elapsed() >= limited.limit).then(Instant::now));
            if let Some(expired_at) = expired_at {
                state.noticed = true;
                drop(state);
                let deadline = expired_at + REPORT_BUDGET;
                return match report::still_running(
                    this.future.as_mut(),
                    cx,
                    deadline,
                    limited.scope,
                ) {
                    // The body finished while it was traced, at the limit: not a timeout.
                    Report::Finished(output) => Poll::Ready(output),
                    Report::StillRunning(report) => panic!("{}{report}", limited.timed_out()),
                };
            }
            state.waker = Some(cx.waker().clone());
            state.polling_since = Some(Instant::now());
        }
        let polled = Polled(&limited.state);
        let poll = this.future.as_mut().poll(cx);
        drop(polled);
        let ran = limited.started.elapsed();
        if poll.is_ready() && ran >= limited.limit {
            // This poll began before the limit: something in it kept the thread past it.
            lock(&limited.state).noticed = true;
            panic!(
                "{}\nit returned after {ran:.1?}: something in it blocked its thread without \
                 `.await` (a blocking call, a lock, a busy loop) past the limit, where it could \
                 not be stopped",
                limited.timed_out()
            );
        }
        poll
    }
}

/// Clears `polling_since` when the poll ends, by returning or by unwinding.
struct Polled<'a>(&'a Mutex<State>);

impl Drop for Polled<'_> {
    fn drop(&mut self) {
        lock(self.0).polling_since = None;
    }
}
