//! The catalogue: every misuse has a case in `tests/ui/fail/` with its reviewed `.stderr`, and
//! `tests/ui/pass/` holds programs that must compile and run. Regenerate with
//! `TRYBUILD=overwrite cargo test -p mainspring-ui-tests`, then read every changed `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// `README.md` in this crate is the catalogue users read: it must list every case, and only
/// cases that exist.
#[test]
fn catalogue_lists_every_case() {
    let readme = std::fs::read_to_string("README.md").expect("ui-tests/README.md");
    let mut listed: Vec<&str> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .collect();
    let mut cases: Vec<String> = ["tests/ui/fail", "tests/ui/pass"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("case directory"))
        .filter_map(|entry| {
            let name = entry
                .expect("directory entry")
                .file_name()
                .into_string()
                .ok()?;
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    listed.sort_unstable();
    cases.sort_unstable();
    assert_eq!(listed, cases, "ui-tests/README.md and tests/ui/ disagree");
}
