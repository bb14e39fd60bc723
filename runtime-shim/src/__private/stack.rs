//! `stack_size = "64MiB"`: the runtime and the body on a thread of their own, with that stack.

use std::cell::Cell;
use std::panic;
use std::thread;

thread_local! {
    /// The stack of this thread, where `with_stack_size` started it (0: not known).
    static SIZE: Cell<usize> = const { Cell::new(0) };
}

/// The stack this thread was given by `stack_size`, or 0.
pub(super) fn size_here() -> usize {
    SIZE.get()
}

/// Runs `body` on a new thread with a stack of `bytes`, and carries its return value, or its
/// panic, back unchanged. The thread takes the caller's name, so a panic message still says
/// `thread 'main'` or the test's name.
pub fn with_stack_size<R: Send>(bytes: usize, body: impl FnOnce() -> R + Send) -> R {
    let mut builder = thread::Builder::new().stack_size(bytes);
    if let Some(name) = thread::current().name() {
        builder = builder.name(name.to_owned());
    }
    thread::scope(|scope| {
        let spawned = builder.spawn_scoped(scope, move || {
            SIZE.set(bytes);
            body()
        });
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
