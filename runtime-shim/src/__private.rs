//! Everything the expansion names, under `::mainspring::__private`.

pub use tokio::runtime::Builder;
#[cfg(tokio_unstable)]
pub use tokio::runtime::UnhandledPanic;

pub mod check;
mod run;

pub use run::{
    BoxedFuture, Built, Runtime, block_on, fail_on_task_panic, output, timeout, with_stack_size,
    with_stack_size_report,
};
