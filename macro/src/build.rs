//! What an expansion is made for: what the build of the facade crate makes available (its
//! features, mirrored into the macro crate's, and `--cfg tokio_unstable`), and who reads the
//! expansion.

/// The facade's features and cfgs that decide which options validate.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::struct_excessive_bools)] // Independent switches, named at every use.
pub struct Features {
    pub rt_multi_thread: bool,
    pub test_util: bool,
    pub tokio_unstable: bool,
}

impl Features {
    pub(crate) fn has(self, feature: Feature) -> bool {
        match feature {
            Feature::TestUtil => self.test_util,
            Feature::TokioUnstable => self.tokio_unstable,
        }
    }
}

/// A build setting an option needs beyond the default features.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Feature {
    /// mainspring's (and tokio's) `test-util` feature.
    TestUtil,
    /// `RUSTFLAGS="--cfg tokio_unstable"`.
    TokioUnstable,
}

/// Who reads the expansion: rustc, or an editor (rust-analyzer), which gets the option keys
/// named (`ide.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reader {
    Rustc,
    Editor,
}

/// What an expansion is made for.
#[derive(Clone, Copy, Debug)]
pub struct Build {
    pub features: Features,
    pub reader: Reader,
}
