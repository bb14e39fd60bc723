//! `timeout = "5s"`: a limit of real time on the body. A watchdog thread wakes the body when the
//! limit passes, and says at once on stderr when the body cannot be woken because something
//! blocks its thread; the body then panics with a report of what was still running.

use super::report::{self, Report};
use super::run::lock;
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

/// How long the body may take to notice the limit before the watchdog says it is blocked.
const NOTICE: Duration = Duration::from_millis(100);

/// `timeout = "5s"`: `future`, which panics with a message naming the limit when it has not
/// finished after `limit` of real time.
///
/// The clock is a watchdog thread, not tokio's timer: with `start_paused = true` tokio's clock
/// jumps ahead whenever the runtime is idle, so a tokio timeout would fire at once. The watchdog
/// wakes the body's task when the limit passes; a body that blocks its thread without ever
/// yielding cannot be interrupted: the watchdog says so on stderr, and the body fails when it
/// next yields.
pub fn timeout<F: Future>(
    limit: Duration,
    text: &'static str,
    future: F,
) -> impl Future<Output = F::Output> {
    let watch = Arc::new(Watch {
        state: Mutex::default(),
        limit,
        text,
        // libtest runs each test on a thread named after it; `main` runs on `main`.
        name: thread::current().name().map(str::to_owned),
    });
    let (done, finished) = mpsc::channel::<()>();
    let watched = Arc::clone(&watch);
    let spawned = thread::Builder::new()
        .name("mainspring-timeout".into())
        .spawn(move || watched.watchdog(&finished));
    if let Err(error) = spawned {
        panic!("mainspring: failed to start the timeout thread: {error}");
    }
    Timeout {
        future: Box::pin(future),
        watch,
        _done: done,
    }
}

/// What the body and its watchdog share.
struct Watch {
    state: Mutex<State>,
    limit: Duration,
    /// The option's value as written: `"5s"` (with the quotes) or an expression.
    text: &'static str,
    /// The name of the thread the body runs on.
    name: Option<String>,
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

impl Watch {
    /// Waits for the limit (returning early, with `Disconnected`, once the body is dropped),
    /// wakes the body, and says on stderr if it cannot get to the limit.
    fn watchdog(&self, finished: &Receiver<()>) {
        if finished.recv_timeout(self.limit) != Err(RecvTimeoutError::Timeout) {
            return;
        }
        let polling_since = {
            let mut state = lock(&self.state);
            state.expired_at = Some(Instant::now());
            if let Some(waker) = state.waker.take() {
                waker.wake();
            }
            state.polling_since
        };
        // Inside one poll since well before the limit: blocked now. Otherwise the body gets a
        // moment to notice.
        let long_poll = polling_since.is_some_and(|since| since.elapsed() >= NOTICE);
        if !long_poll && finished.recv_timeout(NOTICE) != Err(RecvTimeoutError::Timeout) {
            return;
        }
        let state = lock(&self.state);
        if state.noticed {
            return;
        }
        let polling_since = state.polling_since;
        drop(state);
        self.say_blocked(polling_since);
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
                 (a blocking call, a lock, a busy loop); it fails when it next yields",
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
    watch: Arc<Watch>,
    /// Dropped with the future, which tells the watchdog to stop waiting.
    _done: Sender<()>,
}

impl<F: Future> Future for Timeout<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        {
            let mut state = lock(&this.watch.state);
            if let Some(expired_at) = state.expired_at {
                state.noticed = true;
                drop(state);
                let deadline = expired_at + REPORT_BUDGET;
                return match report::still_running(this.future.as_mut(), cx, deadline) {
                    // The body finished while it was traced, at the limit: not a timeout.
                    Report::Finished(output) => Poll::Ready(output),
                    Report::StillRunning(report) => panic!("{}{report}", this.watch.timed_out()),
                };
            }
            state.waker = Some(cx.waker().clone());
            state.polling_since = Some(Instant::now());
        }
        let _polled = Polled(&this.watch.state);
        this.future.as_mut().poll(cx)
    }
}

/// Clears `polling_since` when the poll ends, by returning or by unwinding.
struct Polled<'a>(&'a Mutex<State>);

impl Drop for Polled<'_> {
    fn drop(&mut self) {
        lock(self.0).polling_since = None;
    }
}
