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

#![no_std]
// The docs show what `async fn main` expands to, which is a `fn main`.
#![allow(clippy::needless_doctest_main)]

/// Runs an `async fn` to completion on a tokio runtime built from the options.
///
/// Default flavor `multi_thread` (one worker per core); options: `flavor`, `worker_threads`,
/// `start_paused`, `crate`, `unhandled_panic`, `name`, as in `#[tokio::main]`.
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
///     async fn main() {
///         let workers = tokio::runtime::Handle::current().metrics().num_workers();
///         assert_eq!(workers, 2);
///     }
///     ::mainspring::__private::Builder::new_multi_thread()
///         .worker_threads(2)
///         .enable_all()
///         .build()
///         .expect("failed to build the tokio runtime")
///         .block_on(main())
/// }
/// ```
extern crate alloc;

pub use mainspring_macros::main;

/// Runs an `async fn` test on a tokio runtime built from the options.
///
/// Default flavor `current_thread`; the same options as [`macro@main`]. The standard `#[test]`
/// attribute is added after your other attributes, so `#[should_panic]` and `#[ignore]` compose.
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

/// What the expansion names. Not public API: it changes with every release of the macros,
/// which is why `mainspring-macros` is pinned with `=`.
/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

#[doc(hidden)]
pub mod __private {
    pub use tokio::runtime::Builder;
    #[cfg(tokio_unstable)]
    pub use tokio::runtime::UnhandledPanic;

    /// Run-time checks of option values given as expressions (literals are checked by the
    /// macro). Each panics with a message naming the option, before the runtime is built.
    pub mod check {
        use alloc::string::String;
        use tokio::runtime::Builder;

        /// `builder = my_builder`: calls the user's fn; its type is the check.
        pub fn builder(make: fn() -> Builder) -> Builder {
            make()
        }

        #[track_caller]
        pub fn count_usize(option: &str, value: usize) -> usize {
            assert!(
                value != 0,
                "mainspring: option `{option}` evaluated to 0; it must be at least 1"
            );
            value
        }

        #[track_caller]
        pub fn count_u32(option: &str, value: u32) -> u32 {
            assert!(
                value != 0,
                "mainspring: option `{option}` evaluated to 0; it must be at least 1"
            );
            value
        }

        #[track_caller]
        pub fn name(option: &str, value: impl Into<String>) -> String {
            let value = value.into();
            assert!(
                !value.trim().is_empty(),
                "mainspring: option `{option}` evaluated to an empty string"
            );
            value
        }
    }
}
