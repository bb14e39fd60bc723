//! `mainspring::cleanup`: async teardown that runs however the body ends.

use crate::__private::cleanups::{NotInABody, register, register_boxed};
use std::future::Future;
use std::panic::Location;

/// Runs `future` when the body of the `#[mainspring::test]` (or `#[mainspring::main]`) fn it is
/// called from has ended, however it ended: a return, an `Err`, a panic (a failed assertion), a
/// `timeout`. Rust has no async `Drop`; this is the place for what a test must undo whatever
/// happens: stop a server, close a pool, drop a schema.
///
/// ```rust,test_harness
/// use tokio::net::TcpListener;
/// use tokio::sync::oneshot;
///
/// #[mainspring::test(timeout = "10s")]
/// async fn serves_one_connection() {
///     let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
///     let address = listener.local_addr().unwrap();
///     let (stop, stopped) = oneshot::channel::<()>();
///     let server = tokio::spawn(async move {
///         tokio::select! {
///             _ = stopped => {}
///             accepted = listener.accept() => drop(accepted),
///         }
///     });
///     // Runs after the assertions below, passed or failed.
///     mainspring::cleanup(async move {
///         let _ = stop.send(());
///         server.await.unwrap();
///     });
///     tokio::net::TcpStream::connect(address).await.unwrap();
/// }
/// ```
///
/// - **Order and place.** The cleanups run last registered first, one after the other, on the
///   body's runtime, from the body's thread (a paused clock is still paused; the body's handles,
///   clients and pools still work), after the body's locals are dropped, before the leak check of
///   `fail_on_leaked_tasks` (a server stopped by its cleanup is not a leak) and before the
///   runtime shuts down. A cleanup may register more.
/// - **Where from.** The body and whatever it awaits; a task the body spawned on the fn's own
///   runtime, or `spawn_blocking` work on it. On a `shared` runtime only the body: a task
///   there cannot be told to be one test's.
/// - **Bounded.** Each cleanup gets `cleanup_timeout` (10 s unless the attribute says
///   otherwise), in real time; one that runs longer is dropped, one that panics is stopped
///   there, and the next runs. One that blocks its thread (or awaits a task that blocks the
///   same thread) cannot be dropped until the thread is free: a second past its limit that is
///   said on stderr, and it fails the fn when it ends.
/// - **The fn ends as the body did.** The same value, `Err` or panic payload (so
///   `#[should_panic(expected = ..)]` still matches, and `main` exits as it would, with its
///   `ExitCode` too). A cleanup that failed (panicked, or ran out of time) fails a body that
///   succeeded, with where it was registered; after a body's own failure it is written to
///   stderr after that failure (in a test that returned `Err`, with the test's output, after
///   its `Error: ..`), the failure still the body's.
/// - **Costs nothing unused.** A body that registers none starts no task or thread for it,
///   and allocates nothing once the process has run as many bodies at once before (the list of
///   running bodies keeps its room).
/// - **When it cannot run.** With tokio's `unhandled_panic = "shutdown_runtime"`, a task's
///   panic stops the runtime under the body, and no cleanup can run on it: which ones did not
///   is written to stderr. A cleanup is `Send` (it may be registered from any task), so on
///   `flavor = "local"` it cannot hold an `Rc`.
///
/// # Panics
///
/// Outside such a body (a plain `#[tokio::test]`, a hand-written runtime, a thread of your
/// own), with a message saying what to use; [`try_cleanup`] gives the future back instead.
#[track_caller]
pub fn cleanup<F>(future: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let at = Location::caller();
    // Boxed at once, as `tokio::spawn` boxes a large future: it is not moved again.
    if let Err(why) = register_boxed(Box::pin(future), at) {
        match why {
            NotInABody::Outside => panic!(
                "mainspring::cleanup was called outside the body of a `#[mainspring::test]` or \
                 `#[mainspring::main]` fn (and of the tasks on its runtime), or after the body's \
                 cleanups had all run, where nothing would run it; use the attribute, or \
                 `mainspring::try_cleanup` to know"
            ),
            NotInABody::TaskOnASharedRuntime => panic!(
                "mainspring::cleanup was called from a task on a runtime that tests share, which \
                 cannot be told to be one test's; call it from the test's body, or give the test \
                 a runtime of its own"
            ),
        }
    }
}

/// [`cleanup`], which gives `future` back where nothing would run it: a library's test helper
/// can register its teardown when its caller runs under `#[mainspring::test]`, and do something
/// else otherwise.
///
/// ```
/// // Outside an annotated fn: nothing would run it.
/// assert!(mainspring::try_cleanup(async {}).is_err());
/// ```
#[track_caller]
pub fn try_cleanup<F>(future: F) -> Result<(), F>
where
    F: Future<Output = ()> + Send + 'static,
{
    register(future, Location::caller()).map_err(|(future, _)| future)
}
