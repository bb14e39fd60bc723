//! Everything the expansion names, under `::mainspring::__private`, and nothing else (the macro
//! crate's test `the_shim_exports_exactly_what_the_expansion_names` keeps the two in step).

pub use tokio::runtime::Builder;
#[cfg(tokio_unstable)]
pub use tokio::runtime::UnhandledPanic;

pub mod check;
mod leaks;
pub mod options;
mod report;
mod run;
mod timeout;

pub use leaks::fail_on_leaked_tasks;
#[cfg(tokio_unstable)]
pub use leaks::track_spawns;
pub use run::{
    block_on, block_on_shared, fail_on_task_panic, output, shutdown_timeout, with_stack_size,
    with_stack_size_report,
};
pub use timeout::timeout;

/// `rng_seed = 42`: the seed as tokio takes it, from the integer's little-endian bytes.
#[cfg(tokio_unstable)]
pub fn rng_seed(seed: u64) -> tokio::runtime::RngSeed {
    tokio::runtime::RngSeed::from_bytes(&seed.to_le_bytes())
}

/// The runtime of `#[mainspring::test(shared)]`.
#[cfg(feature = "rt-multi-thread")]
pub use crate::shared::DEFAULT as SHARED;
