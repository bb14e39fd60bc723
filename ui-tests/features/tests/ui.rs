//! The cases of a crate that builds mainspring without its default features (`Cargo.toml`).
//! Regenerate with `TRYBUILD=overwrite cargo test -p mainspring-ui-tests-features`, then read
//! every changed `.stderr`; the catalogue and the error gallery are made from the cases by
//! `UPDATE_EXPECT=1 cargo test -p mainspring-macros generated`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
