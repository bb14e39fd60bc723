//! `fail_on_task_panic` and `fail_on_leaked_tasks`: what they watch while the body runs, and how
//! the fn ends once the runtime is shut down. The body's own outcome comes first: a panic goes
//! on unchanged (nothing is checked), an `Err` is what the fn returns or reports, with what the
//! checks found written after it on stderr; only a body that succeeded fails with a finding.

use super::blocking::{self, Blocking, Limit};
use super::cleanups::{self, Ended};
use super::leaks::{self, Leaks};
use super::panics::TaskPanics;
use super::runtime::{Runtime, block_on_ended, lock};
use super::threads::RuntimeThreads;
use std::future::Future;
use std::io::{self, Write};
use std::marker::PhantomData;
use std::ops::Deref;
use std::process::{ExitCode, Termination};
use std::sync::Mutex;
use std::time::Duration;
use tokio::runtime::Handle;

/// The checks of one run: `let watch = Watch::new().task_panics().leaks();` before the
/// runtime is built, `watch.body(future)` as what `block_on` runs, and
/// `watch.conclude(block_on(..), failed)` once it has returned.
#[derive(Default)]
pub struct Watch {
    task_panics: bool,
    leaks: Option<Leaks>,
    /// While the body runs: panics in the runtime's tasks (`fail_on_task_panic`).
    panics: Mutex<Option<TaskPanics>>,
    /// What the body's cleanups, run when it returned, and then the leak check, found.
    found: Mutex<Vec<String>>,
    /// The task hooks' record of spawned tasks, for `located_leaks`.
    #[cfg(tokio_unstable)]
    spawns: leaks::located::Spawns,
    /// The runtime's threads, recorded by its start hook, for the leak check on `multi_thread`.
    threads: RuntimeThreads,
    /// `fail_on_blocking`, `warn_on_blocking`.
    blocking: Option<Blocking>,
}

impl Watch {
    pub fn new() -> Watch {
        Watch::default()
    }

    /// `fail_on_task_panic = true`.
    #[must_use]
    pub fn task_panics(self) -> Watch {
        Watch {
            task_panics: true,
            ..self
        }
    }

    /// `fail_on_leaked_tasks = true`, counted by tokio's metrics.
    #[must_use]
    pub fn leaks(self) -> Watch {
        Watch {
            leaks: Some(Leaks::Counted),
            ..self
        }
    }

    /// `fail_on_leaked_tasks = true` under `--cfg tokio_unstable`, counted by the record the
    /// task hooks fill (`spawn_hook`, `on_spawn`, ..), which also says where each was spawned.
    #[cfg(tokio_unstable)]
    #[must_use]
    pub fn located_leaks(self) -> Watch {
        Watch {
            leaks: Some(Leaks::Located(self.spawns.clone())),
            ..self
        }
    }

    /// `fail_on_blocking = "100ms"`: a poll that keeps a thread of the runtime from its
    /// scheduler that long fails the fn.
    #[must_use]
    pub fn fail_on_blocking(self, limit: Duration, written: &'static str) -> Watch {
        let (_, warn) = self
            .blocking
            .as_ref()
            .map_or((None, None), Blocking::limits);
        Watch {
            blocking: Some(Blocking::new(Some(Limit { limit, written }), warn)),
            ..self
        }
    }

    /// `warn_on_blocking = "50ms"`: such a poll is a line on stderr.
    #[must_use]
    pub fn warn_on_blocking(self, limit: Duration, written: &'static str) -> Watch {
        let (fail, _) = self
            .blocking
            .as_ref()
            .map_or((None, None), Blocking::limits);
        Watch {
            blocking: Some(Blocking::new(fail, Some(Limit { limit, written }))),
            ..self
        }
    }

    /// The blocking check, which a hook of its is only asked for when it is on.
    fn blocking(&self) -> &Blocking {
        self.blocking
            .as_ref()
            .expect("the expansion sets the blocking hooks with the blocking check")
    }

    /// The `on_thread_park` hook of the blocking check: calls the user's `hook`, then notes the
    /// thread idle.
    pub fn on_thread_park<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        self.blocking().on_park(hook)
    }

    /// `on_thread_park` when the user gave no `on_thread_park`.
    pub fn park_hook(&self) -> impl Fn() + Send + Sync + 'static {
        self.on_thread_park(|| {})
    }

    /// The `on_thread_unpark` hook of the blocking check: notes the thread busy, then calls the
    /// user's `hook`.
    pub fn on_thread_unpark<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        self.blocking().on_unpark(hook)
    }

    /// `on_thread_unpark` when the user gave no `on_thread_unpark`.
    pub fn unpark_hook(&self) -> impl Fn() + Send + Sync + 'static {
        self.on_thread_unpark(|| {})
    }

    /// The `on_before_task_poll` hook of the blocking check: notes the task polled, then calls
    /// the user's `hook`.
    #[cfg(tokio_unstable)]
    pub fn on_poll_start<H>(
        &self,
        hook: H,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static
    where
        H: Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static,
    {
        self.blocking().on_poll_start(hook)
    }

    /// `on_poll_start` when the user gave no `on_before_task_poll`.
    #[cfg(tokio_unstable)]
    pub fn poll_start_hook(
        &self,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static {
        self.on_poll_start(|_: &tokio::runtime::TaskMeta<'_>| {})
    }

    /// The `on_after_task_poll` hook of the blocking check: calls the user's `hook`, then notes
    /// the poll ended.
    #[cfg(tokio_unstable)]
    pub fn on_poll_stop<H>(
        &self,
        hook: H,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static
    where
        H: Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static,
    {
        self.blocking().on_poll_stop(hook)
    }

    /// `on_poll_stop` when the user gave no `on_after_task_poll`.
    #[cfg(tokio_unstable)]
    pub fn poll_stop_hook(&self) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static {
        self.on_poll_stop(|_: &tokio::runtime::TaskMeta<'_>| {})
    }

    /// The `on_task_spawn` hook: records the task, then calls the user's `hook`.
    #[cfg(tokio_unstable)]
    pub fn on_spawn<H>(
        &self,
        hook: H,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static
    where
        H: Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static,
    {
        self.spawns.on_spawn(hook)
    }

    /// The `on_task_terminate` hook: forgets the task, then calls the user's `hook`.
    #[cfg(tokio_unstable)]
    pub fn on_terminate<H>(
        &self,
        hook: H,
    ) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static
    where
        H: Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static,
    {
        self.spawns.on_terminate(hook)
    }

    /// `on_spawn` when the user gave no `on_task_spawn`.
    #[cfg(tokio_unstable)]
    pub fn spawn_hook(&self) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static {
        self.on_spawn(|_: &tokio::runtime::TaskMeta<'_>| {})
    }

    /// `on_terminate` when the user gave no `on_task_terminate`.
    #[cfg(tokio_unstable)]
    pub fn terminate_hook(&self) -> impl Fn(&tokio::runtime::TaskMeta<'_>) + Send + Sync + 'static {
        self.on_terminate(|_: &tokio::runtime::TaskMeta<'_>| {})
    }

    /// The `on_thread_start` hook: records the thread, then calls the user's `hook`.
    pub fn on_thread_start<H>(&self, hook: H) -> impl Fn() + Send + Sync + 'static
    where
        H: Fn() + Send + Sync + 'static,
    {
        let threads = self.threads.clone();
        let blocking = self.blocking.as_ref().map(Blocking::on_start);
        move || {
            threads.record_this_thread();
            if let Some(blocking) = &blocking {
                blocking();
            }
            hook();
        }
    }

    /// `on_thread_start` when the user gave no `on_thread_start`.
    pub fn thread_start_hook(&self) -> impl Fn() + Send + Sync + 'static {
        self.on_thread_start(|| {})
    }

    /// `block_on` of the body, watched: what `block_on_ended` does with [`Watch::body`]. One
    /// generic call at each fn, where two cost rustc more (`bench/`).
    #[inline(always)]
    #[allow(clippy::inline_always)] // As for `block_on`.
    pub fn run<R: Runtime, F: Future>(&self, built: io::Result<R>, future: F) -> Ended<F::Output> {
        block_on_ended(built, self.body(future))
    }

    /// The body, watched: task panics and blocking from its first poll on, and when it has
    /// returned (not when it panics), the leak check. The body is boxed at once, so that a big
    /// future is not copied again on the stack.
    fn body<'a, F: Future + 'a>(&'a self, future: F) -> impl Future<Output = F::Output> + 'a {
        let future = Box::pin(future);
        let body = async move {
            if self.task_panics {
                let id = Handle::current().id();
                *lock(&self.panics) = Some(TaskPanics::watch(id, |_| true));
            }
            let output = match &self.blocking {
                Some(blocking) => blocking.raising(future, || self.task_panic()).await,
                None => future.await,
            };
            // The cleanups first: what they stop is no leak.
            let mut found = cleanups::run_now().await;
            if let Some(leaks) = &self.leaks {
                found.extend(leaks::finding(leaks, &self.threads, !self.task_panics).await);
            }
            *lock(&self.found) = found;
            output
        };
        blocking::watched(self.blocking.as_ref(), body)
    }

    /// How the fn ends, once `block_on_ended` has returned the body's value (and what its last
    /// cleanups found) and the runtime is shut down: the value itself when nothing was found or
    /// when `failed(&value)` (the findings written to stderr after it), else a panic with the
    /// findings.
    pub fn conclude<T>(&self, ended: Ended<T>, failed: fn(&T) -> bool) -> T {
        let (output, late) = ended.split();
        let findings = self.findings(late);
        if findings.is_empty() {
            return output;
        }
        if failed(&output) {
            eprintln!(
                "mainspring: the fn returns the `Err` of its body; besides, {}",
                findings.join("\n")
            );
            return output;
        }
        panic!("{}", findings.join("\n"));
    }

    /// `conclude` for `main` and tests that return a value: the value is reported as returning
    /// it from `main` or a test would (`Error: ..` on stderr for an `Err`), then the findings
    /// are written after it.
    pub fn conclude_report<T: Termination>(&self, ended: Ended<T>) -> ExitCode {
        let (output, late) = ended.split();
        let findings = self.findings(late);
        let code = output.report();
        if findings.is_empty() {
            return code;
        }
        if code != ExitCode::SUCCESS {
            eprintln!(
                "mainspring: besides the error above, {}",
                findings.join("\n")
            );
            return code;
        }
        panic!("{}", findings.join("\n"));
    }

    /// The first panic of a task, as a finding, while the run goes on.
    fn task_panic(&self) -> Option<String> {
        let panics = lock(&self.panics);
        Some(task_panicked(&panics.as_ref()?.first()?))
    }

    /// What the checks found: a panic in a task first, then blocking, then a cleanup that
    /// failed, then the tasks left running, then a cleanup registered after the leak check
    /// (`late`) that failed. The blocking check ends here: the runtime has shut down.
    fn findings(&self, late: Vec<String>) -> Vec<String> {
        let mut findings = Vec::new();
        if let Some(blocking) = &self.blocking {
            blocking.stop();
        }
        let blocking = self.blocking.as_ref().and_then(Blocking::finding);
        if let Some(panics) = lock(&self.panics).take() {
            if let Some(message) = panics.first() {
                findings.push(task_panicked(&message));
            }
            if panics.hook_replaced_meanwhile() {
                // Past libtest's capture, which would show it only if the test failed.
                let who = match std::thread::current().name() {
                    Some(name) => format!("`{name}`"),
                    None => "the body".to_owned(),
                };
                let line = format!(
                    "mainspring: a panic hook was set (`std::panic::set_hook`) while {who} ran, \
                     replacing mainspring's for a time, so a panic in one of its tasks may have \
                     gone unseen (`fail_on_task_panic = true`); set such a hook before the body \
                     runs\n"
                );
                let _ = io::stderr().write_all(line.as_bytes());
            }
        }
        findings.extend(blocking);
        findings.append(&mut lock(&self.found));
        findings.extend(late);
        findings
    }
}

/// The finding of a task's panic.
fn task_panicked(message: &str) -> String {
    format!("a task spawned on this runtime panicked (`fail_on_task_panic = true`): {message}")
}

/// `Judge::<R>::of().failed()`: whether a value of the fn's return type `R` is a failure, for
/// [`Watch::conclude`]: an `Err` for a `Result`, an exit code other than success for an
/// `ExitCode`, nothing for any other type. Resolved where `R`
/// is known, by which `failed` method applies: `Judge`'s own for a `Result`, else the one
/// `Judge` dereferences to.
pub struct Judge<T>(Fallback<T>);

/// What [`Judge`] dereferences to: the judge of a type that is never a failure.
pub struct Fallback<T>(PhantomData<fn(&T)>);

impl<T> Judge<T> {
    pub const fn of() -> Judge<T> {
        Judge(Fallback(PhantomData))
    }
}

impl<T> Deref for Judge<T> {
    type Target = Fallback<T>;

    fn deref(&self) -> &Fallback<T> {
        &self.0
    }
}

impl<T, E> Judge<Result<T, E>> {
    pub fn failed(&self) -> fn(&Result<T, E>) -> bool {
        Result::is_err
    }
}

impl Judge<ExitCode> {
    pub fn failed(&self) -> fn(&ExitCode) -> bool {
        |code| *code != ExitCode::SUCCESS
    }
}

impl<T> Fallback<T> {
    pub fn failed(&self) -> fn(&T) -> bool {
        never_failed
    }
}

/// The judge of a return type that cannot be named (`impl Trait`).
pub fn never_failed<T>(_: &T) -> bool {
    false
}
