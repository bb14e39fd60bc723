//! A crate whose public items must be documented.
#![deny(missing_docs)]

/// Jobs.
pub mod jobs {
    // No doc comment: `missing_docs` must point at this fn, not at the attribute above it.
    #[mainspring::main(flavor = "current_thread")]
    pub async fn run() {}
}

fn main() {
    jobs::run();
}
