//! The error gallery users read on docs.rs (`mainspring::_errors`, the page
//! `runtime-shim/docs/errors.md`), made from the compile-fail cases of `ui-tests/tests/ui/fail/`
//! and `ui-tests/features/tests/ui/fail/` (built without mainspring's default features): for
//! each case, a heading that is the error a user holds, the code as a user would write it (the
//! suite's comments and a program's boilerplate left out) and the exact error rustc prints,
//! grouped by what went wrong; the errors that are rustc's own, not mainspring's, in an appendix.

use std::collections::BTreeMap;
use std::fs;

/// A directory of compile-fail cases, from the workspace root, and how its cases are built when
/// that differs from a user's usual `Cargo.toml` (said under each case's heading).
struct Source {
    dir: &'static str,
    built: Option<&'static str>,
}

const SOURCES: &[Source] = &[
    Source {
        dir: "ui-tests/tests/ui/fail",
        built: None,
    },
    Source {
        dir: "ui-tests/features/tests/ui/fail",
        built: Some("built with `mainspring = { version = \"..\", default-features = false }`"),
    },
];

/// A group of the page: its title, a sentence, and which cases belong.
type Group = (&'static str, &'static str, fn(&str) -> bool);

/// The groups of mainspring's own errors, in the page's order. A case goes to the first group
/// of `APPENDIX`, then of `GROUPS`, whose rule takes it; a case no rule takes fails the test, and
/// so does a case here whose first error is rustc's (it belongs in the appendix).
const GROUPS: &[Group] = &[
    (
        "`shared` misused",
        "A shared runtime is configured where it is declared, and is never shut down; options \
         that configure a runtime or need one of the test's own are errors next to it.",
        |case| case.starts_with("shared-") && !case.ends_with("-without-rt-multi-thread"),
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
        "Options that need a feature of mainspring",
        "The `multi_thread` flavor (the default of `#[mainspring::main]`, and of the runtime \
         bare `shared` runs on) needs mainspring's `rt-multi-thread` feature, which is on by \
         default; `start_paused` needs its `test-util` feature, which is not. These cases are \
         built without mainspring's default features. (The task dump, its `taskdump` feature, \
         has no compile error: without `--cfg tokio_unstable` it does nothing, and a timed-out \
         fn's report says how to get one.)",
        |case| case.ends_with("-without-rt-multi-thread") || case.ends_with("-without-test-util"),
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
        |case| {
            case.contains("-with-")
                && !case.ends_with("-with-suffix")
                && !case.starts_with("flavor-list-with-")
                && !case.starts_with("main-with-arguments")
        },
    ),
    (
        "Bad values",
        "A literal is checked where it is written: counts, sizes, durations, words from a fixed \
         set, paths. (An expression is checked by its type, by rustc: see the appendix.)",
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
            ]
            .iter()
            .any(|prefix| case.starts_with(prefix))
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
            ]
            .contains(&case)
                || case.starts_with("main-with-arguments")
        },
    ),
];

/// The appendix: errors that are not mainspring's own (rustc's wording, lints), and the cases
/// that check what the attribute must not change. Its rules come before those of `GROUPS`.
const APPENDIX: &[Group] = &[
    (
        "Type errors in an option, in rustc's words",
        "An option given as an expression or a path is type-checked by rustc where it is \
         written; `stack_size` runs the fn on a thread of its own, so what it returns must be \
         `Send`.",
        |case| {
            [
                "builder-returns-the-wrong-type",
                "option-expression-of-wrong-type",
                "crate-that-does-not-exist",
                "stack-size-non-send-return",
            ]
            .contains(&case)
        },
    ),
    (
        "Errors in your own code, where you wrote them",
        "The body runs in a block whose output is the declared return type, so rustc reports a \
         type error on your line, as in the fn; an error in the options does not hide one in the \
         body.",
        |case| {
            (case.starts_with("type-") && case != "type-return-then-semicolon")
                || case == "error-in-body-only"
        },
    ),
    (
        "Lints see the fn as yours",
        "A lint you deny reports the fn the attribute is on as it would report the fn without it, \
         at your code.",
        |case| {
            [
                "dead-code-still-fires",
                "missing-docs-points-at-the-fn",
                "unreachable-pub-still-fires",
                "type-return-then-semicolon",
            ]
            .contains(&case)
        },
    ),
    (
        "Your names in scope",
        "The expansion names what it uses by full path: a macro of yours named like one of \
         those is not the one expanded, and adds no error.",
        |case| case == "main-with-arguments-user-unreachable",
    ),
    (
        "Without the attribute",
        "What rustc says of `async fn main` without `#[mainspring::main]`: the reason the \
         attribute exists.",
        |case| case == "without-the-attribute",
    ),
];

/// What a heading adds to a message that several cases share, so that each heading (and its
/// anchor) is the page's only one; a heading given twice fails the test.
fn qualifier(case: &str) -> Option<&'static str> {
    Some(match case {
        "builder-returns-the-wrong-type" => "a `builder` fn that returns another type",
        "error-in-body-only" => "and an error in the body, each where it is",
        "every-error-at-once" => "and three more errors, reported together",
        "flavor-list-with-typo" | "flavor-list-without-rt-multi-thread" => "in a list of flavors",
        "main-with-arguments-user-unreachable" => "with a macro `unreachable!` of yours in scope",
        "option-expression-of-wrong-type" => "an option's expression of another type",
        "shared-with-flavor-list" => "a list of flavors",
        "type-body-mismatch" => "a body of another type than the fn returns",
        "type-extra-semicolon" => "a `;` after the value the fn returns",
        "type-missing-return-type" => "a value from a fn that declares none",
        "worker-threads-on-a-list-without-multi-thread" => "on a list of flavors",
        _ => return None,
    })
}

/// A message longer than this is cut after its first clause in the heading.
const LONG: usize = 110;

/// A case: its name, its source, the code and its `.stderr`.
struct Case {
    name: String,
    source: &'static Source,
    code: String,
    stderr: String,
}

impl Case {
    /// The first error rustc prints: its code, if it has one (`E0308`), and its message.
    fn first_error(&self) -> (Option<&str>, &str) {
        let line = self
            .stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or_else(|| panic!("`{}.stderr` has no error", self.name));
        let (head, message) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("`{}.stderr`: an error without `: `", self.name));
        let code = head
            .strip_prefix("error[")
            .and_then(|code| code.strip_suffix(']'));
        (code, message)
    }

    /// Whether its first error is rustc's rather than mainspring's: a coded error, or a lint.
    fn is_rustcs(&self) -> bool {
        self.first_error().0.is_some() || self.stderr.contains("note: the lint level is defined")
    }

    /// Its heading, in Markdown: the message (cut when long), then its code and qualifier.
    fn heading(&self) -> String {
        let (code, message) = self.first_error();
        let mut heading = escape(&shorten(message));
        match (code, qualifier(&self.name)) {
            (Some(code), Some(qualifier)) => heading.push_str(&format!(" ({code}, {qualifier})")),
            (Some(code), None) => heading.push_str(&format!(" ({code})")),
            (None, Some(qualifier)) => heading.push_str(&format!(" ({qualifier})")),
            (None, None) => {}
        }
        heading
    }

    /// Its section of the page.
    fn render(&self, level: &str) -> String {
        let note = match self.source.built {
            Some(built) => format!("<sub>`{}/{}.rs`, {built}</sub>", self.source.dir, self.name),
            None => format!("<sub>`{}/{}.rs`</sub>", self.source.dir, self.name),
        };
        format!(
            "\n{level} {}\n\n{note}\n\n```rust,ignore\n{}\n```\n\n```text\n{}\n```\n",
            self.heading(),
            shown(&self.code),
            tidy(&self.stderr, &self.name)
        )
    }
}

/// The cases of every source, by name.
fn cases() -> Vec<Case> {
    let mut cases: BTreeMap<String, Case> = BTreeMap::new();
    for source in SOURCES {
        let dir = super::root().join(source.dir);
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let file = entry.expect("an entry").file_name();
            let Some(name) = file.to_str().and_then(|file| file.strip_suffix(".rs")) else {
                continue;
            };
            let read = |ext: &str| {
                let path = dir.join(format!("{name}.{ext}"));
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            };
            let case = Case {
                name: name.to_owned(),
                source,
                code: read("rs"),
                stderr: read("stderr"),
            };
            if let Some(twice) = cases.insert(name.to_owned(), case) {
                panic!("`{}` is a case of two sources: rename one", twice.name);
            }
        }
    }
    cases.into_values().collect()
}

/// The code of a case as a user would write it: without the suite's comments (`//` lines;
/// doc comments stay) and without a trailing `fn main` that only makes the case a program. Line
/// numbers in the errors still count the lines left out.
fn shown(code: &str) -> String {
    let mut lines: Vec<&str> = code
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            !line.starts_with("//") || line.starts_with("///") || line.starts_with("//!")
        })
        .collect();
    // A trailing non-async `fn main`, not under an attribute, in a case whose attribute is on
    // another fn.
    if let Some(start) = lines.iter().rposition(|line| line.starts_with("fn main()")) {
        let under_attribute = start > 0 && lines[start - 1].starts_with("#[");
        let closes_the_file = lines[start..]
            .iter()
            .rev()
            .find(|line| !line.trim().is_empty())
            .is_some_and(|last| *last == "}" || last.starts_with("fn main() {}"));
        if !under_attribute && closes_the_file {
            lines.truncate(start);
        }
    }
    // No blank lines at either end, nor two in a row where a comment was.
    let mut shown: Vec<&str> = Vec::new();
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && shown.last().is_none_or(|last| last.trim().is_empty()) {
            continue;
        }
        shown.push(line);
    }
    while shown.last().is_some_and(|line| line.trim().is_empty()) {
        let _ = shown.pop();
    }
    shown.join("\n")
}

/// A message cut after its first clause (at `; ` or `: ` outside code) when it is long.
fn shorten(message: &str) -> String {
    if message.chars().count() <= LONG {
        return message.to_owned();
    }
    let mut in_code = false;
    for (at, c) in message.char_indices() {
        match c {
            '`' => in_code = !in_code,
            ';' | ':' if !in_code && message[at + 1..].starts_with(' ') => {
                return format!("{}…", &message[..at]);
            }
            _ => {}
        }
    }
    message.to_owned()
}

/// Text for a heading: the characters Markdown would read as markup escaped, outside code.
fn escape(text: &str) -> String {
    let mut escaped = String::new();
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && "\\*_<>[]&#".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// An error as shown on the page: paths shortened to what a reader needs.
fn tidy(stderr: &str, case: &str) -> String {
    stderr
        .replace(&format!("tests/ui/fail/{case}.rs"), &format!("{case}.rs"))
        .replace("$WORKSPACE/runtime-shim/", "mainspring/")
        .trim_end()
        .to_owned()
}

/// Each group of `groups`, with the cases its rule takes (taken from `cases`).
fn take<'a>(groups: &[Group], cases: &mut Vec<&'a Case>) -> Vec<Vec<&'a Case>> {
    groups
        .iter()
        .map(|(_, _, takes)| {
            let (taken, rest): (Vec<&Case>, Vec<&Case>) =
                cases.drain(..).partition(|case| takes(&case.name));
            *cases = rest;
            taken
        })
        .collect()
}

const INTRO: &str = "\
The compile errors `#[mainspring::main]` and `#[mainspring::test]` report, each under the
message you would meet, with what was written and what rustc prints, word for word. Each is a
case of the repository's `ui-tests/`, which CI compiles on every change and checks against the
text below; this page is made from those cases, so it cannot drift from what the attributes
say. The code leaves out the test suite's comments and a `fn main() {}` that only makes a case a
program, so a line number in an error may count lines not shown. A message too long for a
heading is cut after its first clause (`…`); the error below it is whole.

Errors that are rustc's own, not mainspring's (a type error in an option or in your code, a lint
you deny), are in the [appendix](#{appendix}).
";

const APPENDIX_TITLE: &str = "Appendix: rustc's errors and lints, next to the attribute";

const APPENDIX_ABOUT: &str = "\
Not mainspring's errors, and not in its words: what rustc and its lints say about code that
uses the attributes. The attribute keeps them where they would be without it, at your code.
";

/// The page `runtime-shim/docs/errors.md`.
pub(crate) fn render() -> String {
    let all = cases();
    let mut rest: Vec<&Case> = all.iter().collect();
    let appendix = take(APPENDIX, &mut rest);
    let groups = take(GROUPS, &mut rest);
    if let Some(case) = rest.first() {
        panic!("no group takes `{}`: add it to a rule in GROUPS", case.name);
    }
    for case in groups.iter().flatten() {
        assert!(
            !case.is_rustcs(),
            "the first error of `{}` is rustc's, not mainspring's: put it in the APPENDIX",
            case.name
        );
    }
    let mut anchors: BTreeMap<String, String> = BTreeMap::new();
    let mut unique = |heading: &str| {
        let id = anchor(heading);
        if let Some(before) = anchors.insert(id.clone(), heading.to_owned()) {
            panic!(
                "two headings have the anchor `{id}`: `{before}` and `{heading}`; add to `qualifier`"
            );
        }
        id
    };
    let _ = unique("Index");
    let mut index = String::new();
    let mut body = String::new();
    let sections = [
        (GROUPS, &groups, "##", "###"),
        (APPENDIX, &appendix, "###", "####"),
    ];
    for (n, (titles, groups, group_level, case_level)) in sections.into_iter().enumerate() {
        if n == 1 {
            let id = unique(APPENDIX_TITLE);
            index.push_str(&format!("- [{APPENDIX_TITLE}](#{id})\n"));
            body.push_str(&format!("\n## {APPENDIX_TITLE}\n\n{APPENDIX_ABOUT}"));
        }
        let indent = "  ".repeat(n);
        for ((title, about, _), cases) in titles.iter().zip(groups) {
            let id = unique(title);
            index.push_str(&format!("{indent}- [{title}](#{id}) ({})\n", cases.len()));
            body.push_str(&format!("\n{group_level} {title}\n\n{about}\n"));
            for case in cases {
                let heading = case.heading();
                let id = unique(&heading);
                index.push_str(&format!("{indent}  - [{heading}](#{id})\n"));
                body.push_str(&case.render(case_level));
            }
        }
    }
    let mut page = super::header_md("ui-tests/{tests,features/tests}/ui/fail/");
    page.push_str(&INTRO.replace("{appendix}", &anchor(APPENDIX_TITLE)));
    page.push_str("\n## Index\n\n");
    page.push_str(&index);
    page.push_str(&body);
    page
}

/// The id rustdoc gives a heading (`librustdoc/html/markdown.rs`, `slugify`): of its text (code
/// included, Markdown's escapes read), letters, digits, `-` and `_` kept, ASCII ones lowercased;
/// each ASCII space a `-`; every other character dropped. Spaces are not merged.
fn anchor(heading: &str) -> String {
    let mut id = String::new();
    let mut escaped = false;
    for c in heading.chars() {
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        let markup = c == '`' && !escaped;
        escaped = false;
        if markup {
            continue;
        }
        if c.is_alphanumeric() || c == '-' || c == '_' {
            id.push(if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c
            });
        } else if c.is_ascii_whitespace() {
            id.push('-');
        }
    }
    id
}
