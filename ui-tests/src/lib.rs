//! Compile-pass and compile-fail cases live in `tests/ui/`; see `README.md` in this crate.
