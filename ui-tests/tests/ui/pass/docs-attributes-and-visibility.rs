//! Doc comments, other attributes, inner attributes and `pub(crate)` are kept.
#![deny(missing_docs, dead_code)]

mod jobs {
    /// Runs a job on its own runtime.
    #[inline]
    #[mainspring::main(flavor = "current_thread")]
    pub(crate) async fn run(id: u32) -> u32 {
        #![allow(clippy::let_and_return)]
        let doubled = id * 2;
        doubled
    }
}

/// The entry point.
fn main() {
    assert_eq!(jobs::run(21), 42);
}
