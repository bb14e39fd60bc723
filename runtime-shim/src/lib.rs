#![doc = include_str!("../docs/crate.md")]
// The docs show what `async fn main` expands to, which is a `fn main`.
#![allow(clippy::needless_doctest_main)]
// The pages in `docs/` are also the README's sections; `macro/src/docs_tests.rs` keeps the two
// in step.

#[doc = include_str!("../docs/main.md")]
pub use mainspring_macros::main;

#[doc = include_str!("../docs/test.md")]
pub use mainspring_macros::test;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// Recipes, each run as a test: switching a project, paused time, shared pools, the checks,
/// teardown, finding what blocks a runtime, `tokio_unstable`, a test-support crate, and more.
#[doc = include_str!("../docs/cookbook.md")]
pub mod _cookbook {}

/// The compile errors the attributes report, word for word, grouped by what went wrong.
#[doc = include_str!("../docs/errors.md")]
pub mod _errors {}

mod cleanup;
mod shared;
pub use cleanup::{cleanup, try_cleanup};
pub use shared::SharedRuntime;

/// What the expansion names. Not public API: it changes with every release of the macros,
/// which is why `mainspring-macros` is pinned with `=`.
#[doc(hidden)]
pub mod __private;
