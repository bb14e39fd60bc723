//! What a timed-out body reports after its first line: how many tasks were still running on its
//! runtime and, with a task dump (`--cfg tokio_unstable`, mainspring's `taskdump` feature,
//! Linux), where the body and each task were waiting, in their own functions. On a `shared`
//! runtime, whose tasks belong to every test on it, only where the body was waiting.
//!
//! The report takes a second after the limit at most, and leaves no thread behind but the one
//! that names the frames, which ends when it has read the debug info.

use std::future::Future;
use std::pin::Pin;
use std::task::Context;
use std::time::Instant;
use tokio::runtime::Handle;

/// What a report covers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Scope {
    /// The body and its runtime's tasks: a runtime of the fn's own.
    Runtime,
    /// The body alone: a runtime that other tests share, whose tasks the report leaves alone
    /// (a dump would hold every test's tasks while it is taken).
    Body,
}

/// What is known of a body past its limit.
pub(super) enum Report<T> {
    /// It finished as it was traced, at the limit: its output. (Only a task dump polls the
    /// body, so without one this is never made.)
    #[allow(dead_code)]
    Finished(T),
    /// What was still running, after the timeout's first line.
    StillRunning(String),
}

/// The report on a body that ran past its limit. Takes until `deadline` at most.
pub(super) fn still_running<F: Future>(
    body: Pin<&mut F>,
    cx: &mut Context<'_>,
    deadline: Instant,
    scope: Scope,
) -> Report<F::Output> {
    let alive = match scope {
        Scope::Runtime => alive(),
        Scope::Body => "\n(on a shared runtime the tasks belong to every test on it: they are \
                        not counted or dumped)"
            .to_owned(),
    };
    match dump::waiting(body, cx, deadline, scope) {
        Report::StillRunning(waiting) => Report::StillRunning(format!("{alive}{waiting}")),
        finished @ Report::Finished(_) => finished,
    }
}

/// How many tasks were alive on the body's runtime.
fn alive() -> String {
    let Ok(handle) = Handle::try_current() else {
        return String::new();
    };
    match handle.metrics().num_alive_tasks() {
        0 => "\nno task spawned on its runtime was still running".to_owned(),
        1 => "\n1 task spawned on its runtime was still running".to_owned(),
        n => format!("\n{n} tasks spawned on its runtime were still running"),
    }
}

#[cfg(all(
    tokio_unstable,
    feature = "taskdump",
    target_os = "linux",
    any(
        target_arch = "aarch64",
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "s390x"
    )
))]
mod dump {
    use super::{Report, Scope};
    use std::collections::BTreeMap;
    use std::future::{Future, poll_fn};
    use std::path::Path;
    use std::pin::{Pin, pin};
    use std::sync::Arc;
    use std::sync::mpsc;
    use std::task::{Context, Poll, Wake, Waker};
    use std::thread::{self, Thread};
    use std::time::{Duration, Instant};
    use tokio::runtime::Handle;
    use tokio::runtime::dump::{BacktraceSymbol, Dump, Trace};

    /// At most this many places where tasks wait are shown (tasks waiting at the same place
    /// are shown once), and at most this many of the user's frames for each.
    const MAX_PLACES: usize = 8;
    const MAX_FRAMES: usize = 12;

    /// Of the time the report may take, what is kept for reading the debug info that names the
    /// frames.
    const NAMING: Duration = Duration::from_millis(400);

    /// How long a worker must be seen running without a break to be taken as blocked, in
    /// which case the tasks are not dumped: tokio's dump waits for every worker to pause, and
    /// for a blocked one it would wait on a thread of its own forever.
    const BLOCKED: Duration = Duration::from_millis(100);

    /// Where the body and each task were waiting, or the body's output if it finished as it
    /// was traced.
    pub(super) fn waiting<F: Future>(
        body: Pin<&mut F>,
        cx: &mut Context<'_>,
        deadline: Instant,
        scope: Scope,
    ) -> Report<F::Output> {
        match trace_body(body, cx) {
            (Poll::Ready(output), _) => Report::Finished(output),
            (Poll::Pending, trace) => Report::StillRunning(dumped(trace, deadline, scope)),
        }
    }

    /// Polls the body once in tokio's tracing mode: its tokio futures return `Pending` where
    /// they would wait, and the trace holds the backtrace of each such point.
    fn trace_body<F: Future>(body: Pin<&mut F>, cx: &mut Context<'_>) -> (Poll<F::Output>, Trace) {
        let mut body = Some(body);
        let root = Trace::root(poll_fn(move |cx| {
            let body = body.take().expect("polled once");
            Poll::Ready(Trace::capture(|| body.poll(cx)))
        }));
        match pin!(root).poll(cx) {
            Poll::Ready(traced) => traced,
            Poll::Pending => unreachable!("the root returns what it traced at once"),
        }
    }

    /// Why the tasks are not in a report.
    enum NoTasks {
        /// A shared runtime: they are other tests' too.
        Shared,
        /// This worker ran without a break for [`BLOCKED`].
        Blocked(usize),
        /// The dump did not finish in time.
        TooSlow,
    }

    /// Where the body (traced) and each task of the current runtime (dumped now) were waiting,
    /// or why that could not be told by `deadline`.
    fn dumped(body: Trace, deadline: Instant, scope: Scope) -> String {
        let handle = Handle::current();
        // A dump that cannot finish (a worker blocked) must leave time to name the body's frames.
        let dumped_by = deadline.checked_sub(NAMING).unwrap_or(deadline);
        let tasks = match scope {
            Scope::Body => Err(NoTasks::Shared),
            Scope::Runtime => match blocked_worker(&handle) {
                Some(worker) => Err(NoTasks::Blocked(worker)),
                None => wait(handle.dump(), dumped_by).ok_or(NoTasks::TooSlow),
            },
        };
        // Reading the debug info that names the frames can take long in a big binary: on a
        // thread of its own, so that the deadline holds. It ends when it has read it.
        let (send, receive) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("mainspring-task-dump".into())
            .spawn(move || {
                let _ = send.send(describe(&body, tasks));
            });
        let budget = deadline.saturating_duration_since(Instant::now());
        match spawned.ok().and_then(|_| receive.recv_timeout(budget).ok()) {
            Some(text) => text,
            None => format!(
                "\n(no task dump: reading the debug info that names its frames took longer than \
                 the {budget:.1?} left of the second after the limit)"
            ),
        }
    }

    /// A worker of a `multi_thread` runtime that is awake and has neither parked nor finished
    /// a round of tasks for [`BLOCKED`]: one poll keeps it (a worker publishes its park count
    /// and busy time when it parks, and every few dozen polls).
    fn blocked_worker(handle: &Handle) -> Option<usize> {
        if handle.runtime_flavor() != tokio::runtime::RuntimeFlavor::MultiThread {
            return None;
        }
        let metrics = handle.metrics();
        let sample = || -> Vec<(u64, Duration)> {
            (0..metrics.num_workers())
                .map(|worker| {
                    (
                        metrics.worker_park_unpark_count(worker),
                        metrics.worker_total_busy_duration(worker),
                    )
                })
                .collect()
        };
        let before = sample();
        thread::sleep(BLOCKED);
        let after = sample();
        before
            .iter()
            .zip(&after)
            .position(|(before, after)| before == after && before.0 % 2 == 0)
    }

    /// Polls `future` on this thread until it is ready or `deadline` passes.
    fn wait<F: Future>(future: F, deadline: Instant) -> Option<F::Output> {
        struct Unpark(Thread);
        impl Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(Unpark(thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return Some(output);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            thread::park_timeout(left);
        }
    }

    fn describe(body: &Trace, tasks: Result<Dump, NoTasks>) -> String {
        let mut text = String::from("\nwhere each was waiting (a task dump):\nthe body:");
        text.push_str(&chains(body));
        let dump = match tasks {
            Ok(dump) => dump,
            Err(NoTasks::Shared) => return text,
            Err(NoTasks::Blocked(worker)) => {
                text.push_str(&format!(
                    "\n(the tasks were not dumped: worker {worker} has run one task without a \
                     break for {BLOCKED:?} or more, which blocks it, and a dump waits for every \
                     worker)"
                ));
                return text;
            }
            Err(NoTasks::TooSlow) => {
                text.push_str(
                    "\n(the tasks could not be dumped within a second of the limit: a worker did \
                     not pause for the dump)",
                );
                return text;
            }
        };
        // Tasks waiting at the same place are shown once.
        let mut places: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for task in dump.tasks().iter() {
            places
                .entry(chains(task.trace()))
                .or_default()
                .push(format!("{}", task.id()));
        }
        let shown = places.len().min(MAX_PLACES);
        for (chain, ids) in places.iter().take(shown) {
            let who = match ids.as_slice() {
                [id] => format!("task {id}"),
                [first, rest @ ..] => format!("task {first} (and {} more here)", rest.len()),
                [] => continue,
            };
            text.push_str(&format!("\n{who}:{chain}"));
        }
        if places.len() > shown {
            text.push_str(&format!(
                "\n(and tasks waiting at {} more places)",
                places.len() - shown
            ));
        }
        text
    }

    /// Each point a trace waits at (one for a plain `.await`, one per branch of a `join!`), as
    /// the user's frames from the outermost in, then what the innermost one awaits.
    fn chains(trace: &Trace) -> String {
        let mut text = String::new();
        for backtrace in trace.resolve_backtraces() {
            // Innermost first, as the backtrace has them.
            let symbols: Vec<&BacktraceSymbol> = backtrace
                .frames()
                .flat_map(|frame| frame.symbols())
                .collect();
            text.push_str(&chain(&symbols));
        }
        if text.is_empty() {
            text.push_str("\n  (nothing it waits on was traced)");
        }
        text
    }

    fn chain(symbols: &[&BacktraceSymbol]) -> String {
        let names: Vec<String> = symbols
            .iter()
            .map(|symbol| symbol.name_demangled().map_or_else(String::new, clean))
            .collect();
        let users: Vec<usize> = (0..symbols.len())
            .filter(|&i| !names[i].is_empty() && !internal(&names[i]))
            .collect();
        let Some(&innermost) = users.first() else {
            // Nothing of the user's: the outermost future below tokio's runtime.
            let outermost = names.iter().rev().find(|name| !runtime_frame(name));
            return indent(
                &outermost
                    .map(|name| format!("in {name}"))
                    .into_iter()
                    .collect::<Vec<_>>(),
            );
        };
        let mut lines: Vec<String> = users
            .iter()
            .rev()
            .map(|&i| format!("{}{}", names[i], place(symbols[i])))
            .collect();
        lines.dedup();
        if lines.len() > MAX_FRAMES {
            let left_out = lines.len() - MAX_FRAMES;
            lines.drain(..left_out);
            lines.insert(0, format!("({left_out} outer frames left out)"));
        }
        if let Some(awaited) = innermost.checked_sub(1).map(|i| &names[i]) {
            lines.push(format!("awaiting {awaited}"));
        }
        indent(&lines)
    }

    /// Lines of a chain, each nested one step deeper than the one before.
    fn indent(lines: &[String]) -> String {
        let mut text = String::new();
        for (depth, line) in lines.iter().enumerate() {
            let branch = if depth == 0 { "" } else { "└ " };
            text.push_str(&format!(
                "\n  {}{branch}{line}",
                "  ".repeat(depth.saturating_sub(1))
            ));
        }
        text
    }

    /// ` at file:line`, the file relative to the current directory when it is below it.
    fn place(symbol: &BacktraceSymbol) -> String {
        let (Some(file), Some(line)) = (symbol.filename(), symbol.lineno()) else {
            return String::new();
        };
        let relative = std::env::current_dir()
            .ok()
            .and_then(|dir| file.strip_prefix(dir).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| file.to_path_buf());
        format!(" at {}:{line}", relative.display())
    }

    /// A demangled name without its hash, its closures (an `async fn`'s body is one) and the
    /// `as Future>::poll` of a future's type: `crate::wait_for_reply`,
    /// `tokio::sync::oneshot::Receiver<T>`.
    fn clean(name: &str) -> String {
        let mut name = name;
        if let Some((before, hash)) = name.rsplit_once("::h") {
            if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                name = before;
            }
        }
        while let Some(before) = name.strip_suffix("::{{closure}}") {
            name = before;
        }
        if let Some(future) = name
            .strip_suffix(" as core::future::future::Future>::poll")
            .and_then(|rest| rest.strip_prefix('<'))
        {
            return future.to_owned();
        }
        name.to_owned()
    }

    /// The runtime and the standard library: not the user's frames.
    fn internal(name: &str) -> bool {
        let name = name.trim_start_matches('<');
        [
            "tokio::",
            "core::",
            "std::",
            "alloc::",
            "mainspring::",
            "backtrace::",
            "test::",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
    }

    /// The frames of tokio's scheduler and of the standard library, above a task's future.
    fn runtime_frame(name: &str) -> bool {
        let name = name.trim_start_matches('<');
        ["tokio::runtime::", "core::", "std::", "alloc::"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
    }
}

/// Without a task dump: how to get one.
#[cfg(not(all(
    tokio_unstable,
    feature = "taskdump",
    target_os = "linux",
    any(
        target_arch = "aarch64",
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "s390x"
    )
)))]
mod dump {
    use super::{Report, Scope};
    use std::future::Future;
    use std::pin::Pin;
    use std::task::Context;
    use std::time::Instant;

    pub(super) fn waiting<F: Future>(
        _: Pin<&mut F>,
        _: &mut Context<'_>,
        _: Instant,
        _: Scope,
    ) -> Report<F::Output> {
        Report::StillRunning(
            "\n(to see where the body and each task were waiting, build with \
            `RUSTFLAGS=\"--cfg tokio_unstable\"` and mainspring's `taskdump` feature, on Linux on \
             x86, x86_64, aarch64 or s390x: elsewhere tokio has no task dump)"
                .to_owned(),
        )
    }
}
