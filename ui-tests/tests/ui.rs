//! Every misuse has a case in `tests/ui/fail/` with its reviewed `.stderr`, and `tests/ui/pass/`
//! holds programs that must compile and run. Regenerate with `TRYBUILD=overwrite cargo test -p
//! mainspring-ui-tests`, then read every changed `.stderr`; the catalogue (`README.md`) and the
//! error gallery are made from the cases by `UPDATE_EXPECT=1 cargo test -p mainspring-macros
//! generated`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
