//! Compile-fail and compile-pass cases in `tests/ui/`, built with
//! `mainspring = { default-features = false }`: the errors for an option whose feature of
//! mainspring (`rt-multi-thread`, `test-util`) is off, and the fixes they name, compiled. The
//! cases of `ui-tests/` build mainspring with every feature, so these cannot be among them.
//! The error gallery and the UI catalogue (`ui-tests/README.md`) list them with the others.
