//! Tests only: see `tests/renamed_crate.rs`.
