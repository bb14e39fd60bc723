//! Runtimes that tests share: built on first use, once per process, never shut down.

use std::sync::OnceLock;
use tokio::runtime::{Builder, Handle, Runtime};

/// A tokio runtime that every `#[mainspring::test(shared = NAME)]` test runs on: built by its
/// builder fn the first time a test needs it (once per process, however many tests start at the
/// same moment), and never shut down while the process lives, so a client, a pool or a channel
/// whose background task lives on it keeps working from one test to the next.
///
/// ```
/// use mainspring::SharedRuntime;
///
/// /// Two workers named `db-test`, with every driver.
/// fn db_runtime() -> tokio::runtime::Builder {
///     let mut builder = tokio::runtime::Builder::new_multi_thread();
///     builder.worker_threads(2).thread_name("db-test").enable_all();
///     builder
/// }
///
/// static DB_RUNTIME: SharedRuntime = SharedRuntime::new(db_runtime);
///
/// #[mainspring::test(shared = DB_RUNTIME)]
/// async fn runs_on_the_shared_runtime() {
///     let workers = tokio::runtime::Handle::current().metrics().num_workers();
///     assert_eq!(workers, 2);
/// }
/// # fn main() {}
/// ```
///
/// The builder fn may also be a closure that captures nothing:
/// `SharedRuntime::new(|| tokio::runtime::Builder::new_current_thread())` (the drivers are
/// the builder's: call `enable_all()` for timers and I/O).
pub struct SharedRuntime {
    builder: fn() -> Builder,
    runtime: OnceLock<Runtime>,
}

impl SharedRuntime {
    /// A runtime to be built by `builder` when a test first needs it.
    pub const fn new(builder: fn() -> Builder) -> SharedRuntime {
        SharedRuntime {
            builder,
            runtime: OnceLock::new(),
        }
    }

    /// The runtime, built now if no test has used it yet.
    ///
    /// # Panics
    /// When the builder fails to build it, as `#[tokio::test]` does.
    pub fn runtime(&self) -> &Runtime {
        self.runtime.get_or_init(|| {
            let mut builder = (self.builder)();
            builder
                .build()
                .expect("failed to build the shared tokio runtime")
        })
    }

    /// A handle to the runtime, built now if no test has used it yet.
    pub fn handle(&self) -> &Handle {
        self.runtime().handle()
    }
}

impl std::fmt::Debug for SharedRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedRuntime")
            .field("built", &self.runtime.get().is_some())
            .finish_non_exhaustive()
    }
}

/// The runtime `#[mainspring::test(shared)]` runs on: `multi_thread`, one worker per core (or
/// `TOKIO_WORKER_THREADS`), every driver.
#[cfg(feature = "rt-multi-thread")]
pub static DEFAULT: SharedRuntime = SharedRuntime::new(|| {
    let mut builder = Builder::new_multi_thread();
    builder.enable_all();
    builder
});
