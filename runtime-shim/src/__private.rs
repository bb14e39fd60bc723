//! Everything the expansion names, under `::mainspring::__private`, and nothing else (the macro
//! crate's test `the_shim_exports_exactly_what_the_expansion_names` keeps the two in step).
//!
//! What the shim keeps per process, all of it:
//! - the panic hook of `fail_on_task_panic`, `fail_on_leaked_tasks` and the blocking check
//!   (`panics.rs`): put in front of the current hook each time a runtime is watched, calling
//!   that hook after it; the hooks it has been put in front of, kept for the life of the
//!   process (one per `set_hook` of someone else's); the list of runtimes being watched, one
//!   entry per running test that asks for either check, removed when the test ends; and the
//!   blocking check's function it tells as each panic's hooks begin and end;
//! - the bodies running now, each with the cleanups registered for it (`cleanups.rs`): one
//!   entry per running annotated fn, removed when it ends;
//! - the runtimes of `shared` tests (`shared.rs`), each built once on first use and never shut
//!   down.
//!
//! Everything else lives as long as one run of one annotated fn: the threads `timeout` and
//! `stack_size` start end with it, except a watchdog's line on stderr and the thread that
//! names a timeout report's frames, which ends when it has read the debug info.

pub use tokio::runtime::Builder;
#[cfg(tokio_unstable)]
pub use tokio::runtime::UnhandledPanic;

mod blocking;
pub mod check;
pub(crate) mod cleanups;
mod leaks;
pub mod options;
mod panics;
mod report;
mod runtime;
mod shutdown;
mod stack;
mod threads;
mod timeout;
mod watch;

pub use cleanups::cleanup_timeout;
pub use runtime::{
    block_on, block_on_report, block_on_shared, block_on_shared_report, block_on_shared_value,
    block_on_value, output,
};
pub use shutdown::{Threads, count_threads, shutdown_timeout};
pub use stack::with_stack_size;
pub use timeout::{timeout, timeout_on_shared};
pub use watch::{Judge, Watch, never_failed};

/// `rng_seed = 42`: the seed as tokio takes it, from the integer's little-endian bytes.
#[cfg(tokio_unstable)]
pub fn rng_seed(seed: u64) -> tokio::runtime::RngSeed {
    tokio::runtime::RngSeed::from_bytes(&seed.to_le_bytes())
}

/// The runtime of `#[mainspring::test(shared)]`.
#[cfg(feature = "rt-multi-thread")]
pub use crate::shared::DEFAULT as SHARED;
