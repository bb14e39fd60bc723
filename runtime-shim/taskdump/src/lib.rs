//! Nothing to use: this crate exists so that mainspring's `taskdump` feature turns on tokio's
//! `taskdump` feature on the targets tokio supports it on, and nowhere else. See mainspring's
//! `Cargo.toml`.
#![no_std]
