//! The process-wide panic hook through which `fail_on_task_panic` and `fail_on_leaked_tasks` see
//! panics inside tasks, which tokio catches and keeps from everyone but a `JoinHandle`.
//!
//! The hook is put in front of whatever hook is current each time a runtime is watched, and
//! calls that hook after recording, so a user's hook still runs and one set later (by a test,
//! or by an error-reporting crate) does not switch the watch off for the rest of the process.
//! See the module docs of `__private` for all the state the shim keeps per process.

use super::runtime::lock;
use std::any::Any;
use std::cell::Cell;
use std::panic::{self, PanicHookInfo};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, RwLock};
use std::thread::{self, ThreadId};
use tokio::runtime::{self, Handle};

/// A panic inside a task of a watched runtime.
pub(super) struct Panicked {
    /// The thread it happened on: the thread of a `current_thread` runtime's tasks, or a worker
    /// or a blocking-pool thread.
    pub(super) thread: ThreadId,
    /// Read by the leak check under `--cfg tokio_unstable`, which knows which tasks were
    /// spawned as tasks (not `spawn_blocking` work).
    #[cfg_attr(not(tokio_unstable), allow(dead_code))]
    pub(super) task: tokio::task::Id,
}

/// The messages of the panics one watch kept, and which panics it keeps.
struct Recorder {
    messages: Mutex<Vec<String>>,
    /// Decided as the panic happens, while what it depends on (the task being alive) holds.
    counts: Box<dyn Fn(&Panicked) -> bool + Send + Sync>,
}

/// The runtimes being watched, by id; a few at a time (one per running test), so a list.
fn watched() -> MutexGuard<'static, Vec<(runtime::Id, Arc<Recorder>)>> {
    static WATCHED: Mutex<Vec<(runtime::Id, Arc<Recorder>)>> = Mutex::new(Vec::new());
    lock(&WATCHED)
}

/// The panics in tasks of one runtime while this is alive, those that `counts`; several may
/// watch one runtime (`fail_on_task_panic` and `fail_on_leaked_tasks` together), each sees
/// every panic.
pub(super) struct TaskPanics {
    recorder: Arc<Recorder>,
    /// [`REPLACED`] when the watch began.
    replaced: usize,
}

impl TaskPanics {
    pub(super) fn watch(
        id: runtime::Id,
        counts: impl Fn(&Panicked) -> bool + Send + Sync + 'static,
    ) -> TaskPanics {
        // Read before ours is put back: a replacement from now on is seen as one.
        let replaced = REPLACED.load(Ordering::Acquire);
        put_hook_in_front();
        let recorder = Arc::new(Recorder {
            messages: Mutex::default(),
            counts: Box::new(counts),
        });
        watched().push((id, Arc::clone(&recorder)));
        TaskPanics { recorder, replaced }
    }

    /// Whether something replaced our hook while this watch was on (a task's panic in that
    /// time may have gone unseen); puts ours back in front if so.
    pub(super) fn hook_replaced_meanwhile(&self) -> bool {
        let replaced = REPLACED.load(Ordering::Acquire) != self.replaced;
        if replaced {
            put_hook_in_front();
        }
        replaced
    }

    /// The message of the first panic kept.
    pub(super) fn first(&self) -> Option<String> {
        lock(&self.recorder.messages).first().cloned()
    }
}

impl Drop for TaskPanics {
    fn drop(&mut self) {
        watched().retain(|(_, recorder)| !Arc::ptr_eq(recorder, &self.recorder));
    }
}

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Send + Sync + 'static>;

/// The hooks that were current each time ours was put in front, oldest first: ours calls the
/// last one. A hook set over ours that calls the one it replaced (as a well-behaved hook does)
/// calls ours again, one level down, which then calls the hook before it: level `n` of ours
/// calls `LAYERS[len - 1 - n]`. Kept for the life of the process: one per time ours had to be
/// put back, which only a user's `set_hook` causes.
static LAYERS: RwLock<Vec<Hook>> = RwLock::new(Vec::new());

/// Which of ours is the process's hook (its place in `LAYERS`, from 1), or 0 while none is:
/// std drops a hook it replaces, and ours says so as it is dropped. A hook that took ours
/// with `take_hook` to call it keeps it alive, and ours is still called (one that takes it and
/// never calls it silences it unseen: that is a choice of the code that does it).
static INSTALLED: AtomicUsize = AtomicUsize::new(0);

/// How many times something has replaced our hook: a watch that sees it change while it is on
/// knows that a panic in that time may have gone unseen.
static REPLACED: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// How deep in our own hook this thread is: 0 outside, 1 in the first call of a panic.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Told as a panic's first call of our hook begins and as it ends, on the panicking thread: the
/// blocking check does not count the hooks' time (writing a panic's message and backtrace) as a
/// poll's.
static OBSERVER: OnceLock<fn()> = OnceLock::new();

/// Has `observer` told of each panic's hook calls from now on (one observer per process: the
/// first one given), and puts our hook in front.
pub(super) fn observe_hook_calls(observer: fn()) {
    let _ = OBSERVER.set(observer);
    put_hook_in_front();
}

/// Held by our hook: when std drops the hook (another replaced it), ours is no longer the
/// process's hook.
struct Installed(usize);

impl Drop for Installed {
    fn drop(&mut self) {
        let current = INSTALLED.compare_exchange(self.0, 0, Ordering::AcqRel, Ordering::Acquire);
        if current.is_ok() {
            REPLACED.fetch_add(1, Ordering::AcqRel);
        }
    }
}

/// Our hook, the `generation`th put in front.
fn ours(generation: usize) -> Hook {
    let installed = Installed(generation);
    Box::new(move |info| {
        let _installed = &installed;
        let depth = DEPTH.get();
        DEPTH.set(depth + 1);
        let observer = OBSERVER.get().filter(|_| depth == 0);
        if let Some(observer) = observer {
            observer();
        }
        if depth == 0 {
            record(info);
        }
        {
            let layers = LAYERS.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(next) = layers.len().checked_sub(depth + 1).map(|i| &layers[i]) {
                next(info);
            }
        }
        if let Some(observer) = observer {
            observer();
        }
        DEPTH.set(depth);
    })
}

/// Puts our hook in front of the current one unless it is the process's hook already.
///
/// While ours is in place this only reads an atomic. When it has to be put back, it takes the
/// current hook and sets ours, two steps: a panic on another thread in between (a few
/// instructions) goes to the standard hook, unrecorded; std has no way to swap a hook in one
/// step on stable Rust. No lock of ours is held across either step that a panicking thread,
/// which holds std's lock on the hook while it runs it, could be waiting for.
fn put_hook_in_front() {
    static PUTTING: Mutex<()> = Mutex::new(());
    if INSTALLED.load(Ordering::Acquire) != 0 {
        return;
    }
    // std refuses to change the hook from a panicking thread.
    if thread::panicking() {
        return;
    }
    let _one_at_a_time = lock(&PUTTING);
    if INSTALLED.load(Ordering::Acquire) != 0 {
        return;
    }
    let current = panic::take_hook();
    let generation = {
        let mut layers = LAYERS.write().unwrap_or_else(PoisonError::into_inner);
        layers.push(current);
        layers.len()
    };
    INSTALLED.store(generation, Ordering::Release);
    panic::set_hook(ours(generation));
}

fn record(info: &PanicHookInfo<'_>) {
    let Some(task) = tokio::task::try_id() else {
        return;
    };
    let Ok(handle) = Handle::try_current() else {
        return;
    };
    let id = handle.id();
    let recorders: Vec<Arc<Recorder>> = watched()
        .iter()
        .filter(|(watched, _)| *watched == id)
        .map(|(_, recorder)| Arc::clone(recorder))
        .collect();
    if recorders.is_empty() {
        return;
    }
    let panicked = Panicked {
        thread: thread::current().id(),
        task,
    };
    for recorder in recorders {
        if (recorder.counts)(&panicked) {
            lock(&recorder.messages).push(message(info.payload()));
        }
    }
}

/// A panic's message, as its payload holds it.
pub(super) fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic whose payload is not a string)".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list of watches is walked by every panic of the process: a watch that ended must
    /// leave it (a process runs thousands of watched tests).
    #[test]
    fn a_watch_leaves_the_list_as_it_ends() {
        let runtime = runtime::Builder::new_current_thread().build().unwrap();
        let id = runtime.handle().id();
        let watching = || {
            watched()
                .iter()
                .filter(|(watched, _)| *watched == id)
                .count()
        };
        let first = TaskPanics::watch(id, |_| true);
        let second = TaskPanics::watch(id, |_| true);
        assert_eq!(watching(), 2);
        drop(first);
        assert_eq!(watching(), 1);
        drop(second);
        assert_eq!(watching(), 0);
    }
}
