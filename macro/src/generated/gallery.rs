//! The error gallery users read on docs.rs (`mainspring::_errors`, the page
//! `runtime-shim/docs/errors.md`), made from the compile-fail cases of `ui-tests/tests/ui/fail/`:
//! each case as written and the exact error rustc prints for it, grouped by what went wrong.

use std::fs;

/// The cases, from the workspace root.
const CASES: &str = "ui-tests/tests/ui/fail";

/// A group of the page: its title, a sentence, and which cases belong.
type Group = (&'static str, &'static str, fn(&str) -> bool);

/// The groups, in the page's order (the first group whose rule takes a case gets it; a case no
/// rule takes fails the test).
const GROUPS: &[Group] = &[
    (
        "`shared` misused",
        "A shared runtime is configured where it is declared, and is never shut down; options \
         that configure a runtime or need one of the test's own are errors next to it.",
        |case| case.starts_with("shared-"),
    ),
    (
        "Unknown options, and options written the wrong way",
        "A name that is no option gets the closest one, or the list; names from tokio 0.2 get \
         their new names.",
        |case| {
            case.starts_with("unknown-option")
                || [
                    "option-is-a-path",
                    "core-threads-renamed",
                    "flavor-as-bare-word",
                    "missing-comma",
                    "option-given-twice",
                    "every-error-at-once",
                ]
                .contains(&case)
                || case.ends_with("-without-value")
        },
    ),
    (
        "Options that need an unstable tokio",
        "tokio's unstable `Builder` methods exist only under `--cfg tokio_unstable`; each option \
         that becomes one says how to turn it on.",
        |case| case.ends_with("-without-tokio-unstable"),
    ),
    (
        "An option on a flavor it does not apply to",
        "Each error names the flavor the option needs.",
        |case| {
            case.contains("-on-current-thread")
                || case.contains("-on-multi-thread")
                || case.contains("-on-test-default")
                || case.contains("-on-a-list-without-")
                || case == "flavor-list-on-main"
        },
    ),
    (
        "Options that do not go together",
        "Reported at the option that has to go, with why.",
        |case| case.contains("-with-") && !case.ends_with("-with-suffix"),
    ),
    (
        "Bad values",
        "A literal is checked where it is written: counts, sizes, durations, words from a fixed \
         set, paths. An expression is checked by its type, where it is written.",
        |case| {
            [
                "flavor-",
                "worker-threads-",
                "max-",
                "thread-",
                "timeout-",
                "shutdown-timeout-",
                "cleanup-timeout-",
                "stack-size-",
                "rng-seed-",
                "enable-",
                "crate-",
                "builder-",
                "name-",
                "start-",
                "event-",
                "global-",
                "unhandled-panic-",
                "disable-",
                "fail-on-",
                "warn-on-",
                "hook-",
                "option-expression-",
            ]
            .iter()
            .any(|prefix| case.starts_with(prefix))
                && case != "stack-size-non-send-return"
        },
    ),
    (
        "Test macros in the wrong order",
        "`#[mainspring::test]` adds `#[test]`; a second test attribute, or another crate's \
         attribute above ours that has already made the fn a test, is reported with the order \
         that works.",
        |case| case.starts_with("second-test-attribute") || case.starts_with("stacked-"),
    ),
    (
        "The function itself",
        "What the attribute needs of the fn it is on.",
        |case| {
            [
                "missing-async",
                "test-missing-async",
                "not-a-function",
                "nested-too-deep",
                "stack-size-non-send-return",
                "without-the-attribute",
            ]
            .contains(&case)
                || case.starts_with("main-with-arguments")
        },
    ),
    (
        "Errors in your own code, where you wrote them",
        "The body runs in a block whose output is the declared return type, so rustc reports a \
         type error on your line, as in the fn; and lints see the fn as yours.",
        |case| {
            case.starts_with("type-")
                || [
                    "error-in-body-only",
                    "dead-code-still-fires",
                    "missing-docs-points-at-the-fn",
                    "unreachable-pub-still-fires",
                ]
                .contains(&case)
        },
    ),
];

/// An error as shown on the page: paths shortened to what a reader needs.
fn tidy(stderr: &str, case: &str) -> String {
    stderr
        .replace(&format!("tests/ui/fail/{case}.rs"), &format!("{case}.rs"))
        .replace("$WORKSPACE/runtime-shim/", "mainspring/")
        .trim_end()
        .to_owned()
}

/// The page `runtime-shim/docs/errors.md`.
pub(crate) fn render() -> String {
    let cases_dir = super::root().join(CASES);
    let mut cases: Vec<String> = fs::read_dir(&cases_dir)
        .expect("the cases")
        .filter_map(|entry| {
            let name = entry.expect("an entry").file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    cases.sort();
    let mut groups: Vec<Vec<&str>> = vec![Vec::new(); GROUPS.len()];
    for case in &cases {
        let group = GROUPS
            .iter()
            .position(|(_, _, takes)| takes(case))
            .unwrap_or_else(|| panic!("no group takes `{case}`: add it to a rule in GROUPS"));
        groups[group].push(case);
    }
    let mut page = super::header_md("ui-tests/tests/ui/fail/");
    page.push_str(
        "Every compile error `#[mainspring::main]` and `#[mainspring::test]` report, as you \
         would meet it:\nwhat was written, and what rustc prints, word for word. Each is a \
         case of the repository's\n`ui-tests/`, which CI compiles on every change and checks \
         against the text below; this page is\nmade from those cases, so it cannot drift from \
         what the attributes say.\n\n",
    );
    for ((title, _, _), cases) in GROUPS.iter().zip(&groups) {
        page.push_str(&format!(
            "- [{title}](#{}) ({})\n",
            anchor(title),
            cases.len()
        ));
    }
    for ((title, about, _), cases) in GROUPS.iter().zip(&groups) {
        page.push_str(&format!("\n## {title}\n\n{about}\n"));
        for case in cases {
            let source =
                fs::read_to_string(cases_dir.join(format!("{case}.rs"))).expect("the case");
            let stderr =
                fs::read_to_string(cases_dir.join(format!("{case}.stderr"))).expect("its .stderr");
            page.push_str(&format!(
                "\n### `{case}`\n\n```rust,ignore\n{}\n```\n\n```text\n{}\n```\n",
                source.trim_end(),
                tidy(&stderr, case)
            ));
        }
    }
    page
}

/// The id rustdoc gives a heading: lowercase, words joined by `-`, other characters dropped.
fn anchor(title: &str) -> String {
    let mut id = String::new();
    for word in title.split_whitespace() {
        let word: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .flat_map(char::to_lowercase)
            .collect();
        if word.is_empty() {
            continue;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word);
    }
    id
}
