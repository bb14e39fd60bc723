//! `#[mainspring::main]` and `#[mainspring::test]`: tokio's attributes, as a drop-in.
//!
//! Replace `#[tokio::main]` with `#[mainspring::main]` and `#[tokio::test]` with
//! `#[mainspring::test]`; the options tokio takes work the same way.
//!
//! ```
//! #[mainspring::main(flavor = "current_thread")]
//! async fn main() {
//!     let answer = tokio::spawn(async { 6 * 7 }).await.unwrap();
//!     assert_eq!(answer, 42);
//! }
//! ```
//!
//! See the README for every option, what each expands to, and the errors they give.

// The docs show what `async fn main` expands to, which is a `fn main`.
#![allow(clippy::needless_doctest_main)]

/// Runs an `async fn` to completion on a tokio runtime built from the options.
///
/// Default flavor `multi_thread` (one worker per core). Takes tokio's options (`flavor`,
/// `worker_threads`, `start_paused`, `crate`, `unhandled_panic`, `name`) and every other runtime
/// knob: `thread_name`, `thread_name_fn`, `thread_stack_size`, `max_blocking_threads`,
/// `thread_keep_alive`, `global_queue_interval`, `event_interval`, `max_io_events_per_tick`,
/// `enable`, `on_thread_start`, `on_thread_stop`, `on_thread_park`, `on_thread_unpark`,
/// `builder`, plus `stack_size` and `timeout`. Values may be expressions. The README's options
/// table says what each becomes.
///
/// ```
/// #[mainspring::main(worker_threads = 2)]
/// async fn main() {
///     let workers = tokio::runtime::Handle::current().metrics().num_workers();
///     assert_eq!(workers, 2);
/// }
/// ```
///
/// The function above expands to (what `cargo expand` shows):
///
/// ```
/// fn main() {
///     ::mainspring::__private::block_on(
///         ::mainspring::__private::Builder::new_multi_thread()
///             .worker_threads(2)
///             .enable_all()
///             .build(),
///         async move {
///             if false {
///                 return;
///             }
///             {
///                 let workers = tokio::runtime::Handle::current().metrics().num_workers();
///                 assert_eq!(workers, 2);
///             }
///         },
///     )
/// }
/// ```
pub use mainspring_macros::main;

/// Runs an `async fn` test on a tokio runtime built from the options.
///
/// Default flavor `current_thread`; the same options as [`macro@main`], and for tests
/// `flavor = ["current_thread", "multi_thread"]` (one test per flavor) and
/// `fail_on_task_panic = true`. The standard `#[test]` attribute is added after your other
/// attributes, so `#[should_panic]` and `#[ignore]` compose.
///
/// ```
/// #[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
/// async fn runs_on_two_workers() {
///     let workers = tokio::runtime::Handle::current().metrics().num_workers();
///     assert_eq!(workers, 2);
/// }
/// # fn main() {}
/// ```
pub use mainspring_macros::test;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

mod shared;
pub use shared::SharedRuntime;

/// What the expansion names. Not public API: it changes with every release of the macros,
/// which is why `mainspring-macros` is pinned with `=`.
#[doc(hidden)]
pub mod __private;
