//! The UI catalogue, `ui-tests/README.md`: every compile-fail case of `ui-tests/tests/ui/fail/`
//! with the first line of what rustc tells the user, and every compile-pass case of
//! `tests/ui/pass/` with the first line of its doc comment; then the same of `ui-tests/features/`,
//! the cases built without mainspring's default features.

use std::fs;
use std::path::Path;

const HEAD: &str = "\
# The UI catalogue

Each file in `tests/ui/fail/` is one misuse, named for it; its `.stderr` is the exact output
rustc prints, reviewed before it was accepted. Files in `tests/ui/pass/` must compile and run.
`src/lib.rs` and `src/bin/lint_wall.rs` are a lint wall: CI builds them with clippy under
`-D warnings` and `deny(clippy::all, clippy::pedantic, clippy::nursery, ...)`.

Run with `cargo test -p mainspring-ui-tests`; after a deliberate change of wording, regenerate
with `TRYBUILD=overwrite cargo test -p mainspring-ui-tests` and read every changed `.stderr`,
then this page with `UPDATE_EXPECT=1 cargo test -p mainspring-macros generated`.

## Compile-fail cases
";

const PASS_HEAD: &str = "
## Compile-pass cases (each is also run)
";

const FEATURES_HEAD: &str = "
## Built without mainspring's default features: `features/`

The cases above build mainspring with every feature. `features/` (package
`mainspring-ui-tests-features`) builds it with `default-features = false`, so that an option
whose feature is off (`rt-multi-thread`, `test-util`) can be a case; its pass cases compile the
fixes those errors name. Run with `cargo test -p mainspring-ui-tests-features`, regenerate with
`TRYBUILD=overwrite cargo test -p mainspring-ui-tests-features`.

### Compile-fail cases
";

const FEATURES_PASS_HEAD: &str = "
### Compile-pass cases (each is also run)
";

const FAIL_TABLE: &str = "
| case | what the user is told |
|---|---|
";

const PASS_TABLE: &str = "
| case | what it shows |
|---|---|
";

/// The cases of a directory, by name, in order.
fn cases(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.expect("an entry").file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// What a case's `.stderr` tells the user: its errors' first lines, without `error[E..]: `;
/// the first and a count when there are more than two.
fn told(stderr: &str) -> String {
    let messages: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error"))
        .map(|line| match line.split_once(": ") {
            Some((head, rest)) if head == "error" || head.starts_with("error[E") => rest,
            _ => line,
        })
        .collect();
    let told = match messages.len() {
        0..=2 => messages.join(" / "),
        more => format!("{} (+{} more, one per bad option)", messages[0], more - 1),
    };
    told.replace('|', "\\|")
}

/// The rows of a directory's compile-fail cases (`fail/`) and of its compile-pass cases (`pass/`).
fn tables(ui: &Path) -> (String, String) {
    let mut fail = FAIL_TABLE.to_owned();
    for case in cases(&ui.join("fail")) {
        let stderr = fs::read_to_string(ui.join("fail").join(format!("{case}.stderr")))
            .unwrap_or_else(|e| panic!("{case}.stderr: {e}"));
        fail.push_str(&format!("| `{case}` | {} |\n", told(&stderr)));
    }
    let mut pass = PASS_TABLE.to_owned();
    for case in cases(&ui.join("pass")) {
        let source = fs::read_to_string(ui.join("pass").join(format!("{case}.rs")))
            .unwrap_or_else(|e| panic!("{case}.rs: {e}"));
        let first = source.lines().next().unwrap_or_default();
        let doc = first.trim().trim_start_matches(['/', '!']).trim();
        pass.push_str(&format!("| `{case}` | {} |\n", doc.replace('|', "\\|")));
    }
    (fail, pass)
}

/// The page `ui-tests/README.md`.
pub(crate) fn render() -> String {
    let root = super::root();
    let mut page = super::header_md("ui-tests/{tests,features/tests}/ui/");
    for (head, pass_head, ui) in [
        (HEAD, PASS_HEAD, "ui-tests/tests/ui"),
        (
            FEATURES_HEAD,
            FEATURES_PASS_HEAD,
            "ui-tests/features/tests/ui",
        ),
    ] {
        let (fail, pass) = tables(&root.join(ui));
        page.push_str(head);
        page.push_str(&fail);
        page.push_str(pass_head);
        page.push_str(&pass);
    }
    page
}
