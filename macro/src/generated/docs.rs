//! The docs that are rendered from the table of options (`table.rs`) and from the rustdoc
//! pages: the tables in the pages and the README, the README's copies of the pages' sections,
//! the shim's `__private/options.rs` and `ui-tests/src/table_examples.rs`.
//!
//! - A table's copies sit between a marker line `<!-- options: runtime -->` (or `run`) and
//!   `<!-- end -->`.
//! - The rustdoc pages (`runtime-shim/docs/*.md`, the crate's, `main`'s and `test`'s) are the
//!   source of the README's shared sections (and `test`'s page shares one of the crate page's):
//!   each copy sits between `<!-- from <page>.md: <heading> -->` and `<!-- end of section -->`,
//!   and is that page's `## <heading>` section as written.

use crate::build::Feature;
use crate::ide;
use crate::model::Macro;
use crate::table::{Attrs, Flavors, OPTIONS, OptionSpec, Section, Since};

/// The rustdoc pages, from the workspace root: sources of the README's shared sections.
pub(crate) const PAGES: &str = "runtime-shim/docs";
pub(crate) const PAGE_FILES: &[&str] = &["crate.md", "main.md", "test.md"];

/// The attribute an option's example is shown on: a test for the options that need a test or
/// a flavor other than `main`'s default, and for the test powers.
pub(crate) fn example(spec: &OptionSpec) -> (Macro, String) {
    let kind = if spec.attrs == Attrs::TestOnly
        || spec.flavors == Flavors::NotMultiThread
        || spec.doc.section == Section::Run
    {
        Macro::Test
    } else {
        Macro::Main
    };
    (kind, format!("#[{}({})]", kind.attr(), spec.example))
}

/// What an option needs beyond being written: a test, a flavor, a feature, the absence of
/// another option.
pub(crate) fn needs(spec: &OptionSpec) -> String {
    let mut needs = Vec::new();
    if spec.attrs == Attrs::TestOnly {
        needs.push("a test".to_owned());
    }
    match spec.flavors {
        Flavors::Any => {}
        Flavors::MultiThread => needs.push("`multi_thread`".to_owned()),
        Flavors::NotMultiThread => needs.push("`current_thread` or `local`".to_owned()),
    }
    match spec.feature {
        None => {}
        Some(Feature::TestUtil) => needs.push("feature `test-util`".to_owned()),
        Some(Feature::TokioUnstable) => needs.push("`--cfg tokio_unstable`".to_owned()),
    }
    for (other, _) in spec.conflicts {
        needs.push(format!("no `{other}`"));
    }
    if needs.is_empty() {
        "nothing".to_owned()
    } else {
        needs.join("; ")
    }
}

/// The option's name, with the release that added it when that is not the first.
fn name(spec: &OptionSpec) -> String {
    match spec.doc.since {
        Since::V0_1 => format!("`{}`", spec.name),
        since => format!("`{}` (since {})", spec.name, since.version()),
    }
}

pub(crate) fn render(section: Section) -> String {
    // Four columns are what a rustdoc page shows without cutting the last one off (seen in a
    // browser); what each option becomes follows the table, and its example is in its docs on
    // hover (`__private::options`), compiled with the others (`ui-tests/src/table_examples.rs`).
    let mut table =
        String::from("| option | what it does | value (default) | needs |\n|---|---|---|---|\n");
    let mut detail = match section {
        Section::Runtime => String::from("\nWhat each becomes:\n\n"),
        Section::Run => String::from("\nIn detail:\n\n"),
    };
    for spec in OPTIONS.iter().filter(|spec| spec.doc.section == section) {
        let cells = [
            name(spec),
            spec.doc.what.to_owned(),
            format!("{} (default: {})", spec.doc.values, spec.doc.default),
            needs(spec),
        ];
        for cell in &cells {
            assert!(!cell.contains('|'), "`{}`: a `|` in {cell:?}", spec.name);
        }
        table.push_str(&format!("| {} |\n", cells.join(" | ")));
        detail.push_str(&format!("- `{}`: {}.\n", spec.name, spec.doc.becomes));
    }
    table + &detail
}

/// `text` with every marked table replaced by a fresh rendering; how many there were.
pub(crate) fn rewrite(text: &str) -> (String, usize) {
    let mut out = String::new();
    let mut count = 0;
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        out.push_str(line);
        let section = match line.trim() {
            "<!-- options: runtime -->" => Section::Runtime,
            "<!-- options: run -->" => Section::Run,
            _ => continue,
        };
        count += 1;
        out.push_str(&render(section));
        for line in lines.by_ref() {
            if line.trim() == "<!-- end -->" {
                out.push_str(line);
                break;
            }
        }
    }
    (out, count)
}

/// The `## heading` section of a page: from its heading to the next `## ` heading.
pub(crate) fn section(page: &str, heading: &str) -> Option<String> {
    let start = page.find(&format!("\n## {heading}\n"))? + 1;
    let end = page[start + 3..]
        .find("\n## ")
        .map_or(page.len(), |at| start + 3 + at + 1);
    Some(format!("{}\n", page[start..end].trim_end()))
}

/// `text` with every `<!-- from <page>: <heading> -->` region replaced by that section of the
/// page (as `pages` hold them); how many there were.
/// `Hidden::Dropped` for the README: crates.io and code hosts show rustdoc's hidden lines
/// (`# ...` in a Rust block) as written, so its copies leave them out.
pub(crate) fn mirror(text: &str, pages: &[(&str, String)], hidden: Hidden) -> (String, usize) {
    let mut out = String::new();
    let mut count = 0;
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(reference) = line
            .trim()
            .strip_prefix("<!-- from ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let (file, heading) = reference.split_once(": ").expect("`<page>: <heading>`");
        let page = &pages
            .iter()
            .find(|(name, _)| *name == file)
            .unwrap_or_else(|| panic!("no page {file}"))
            .1;
        let copy = section(page, heading).unwrap_or_else(|| panic!("no `## {heading}` in {file}"));
        count += 1;
        match hidden {
            Hidden::Kept => out.push_str(&copy),
            Hidden::Dropped => out.push_str(&without_hidden_lines(&copy)),
        }
        for line in lines.by_ref() {
            if line.trim() == "<!-- end of section -->" {
                out.push_str(line);
                break;
            }
        }
    }
    (out, count)
}

/// What a copy of a section does with rustdoc's hidden lines.
#[derive(Clone, Copy)]
pub(crate) enum Hidden {
    Kept,
    Dropped,
}

/// `text` without the hidden lines (`# ..`, or a lone `#`) of its Rust code blocks.
pub(crate) fn without_hidden_lines(text: &str) -> String {
    let mut out = String::new();
    let mut in_rust = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(info) = trimmed.strip_prefix("```") {
            in_rust = !in_rust && (info.is_empty() || info.split(',').any(|word| word == "rust"));
        } else if in_rust && (trimmed == "#" || trimmed.starts_with("# ")) {
            continue;
        }
        out.push_str(line);
    }
    out
}

/// The names the tables' examples use, defined for the compiled copy of the examples.
const EXAMPLE_ITEMS: &str = "\
/// `thread_name_fn = next_name`.
fn next_name() -> String {
    \"named\".to_owned()
}

/// `on_thread_start = started`, and the other hooks.
fn started() {}
fn stopped() {}
fn parked() {}
fn unparked() {}

/// `builder = my_builder`.
fn my_builder() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    let _ = builder.enable_all();
    builder
}

/// `crate = \"my_mainspring\"`: mainspring under another name.
mod my_mainspring {
    pub(super) use mainspring::__private;
}

/// `on_task_spawn = spawned`, and the other task hooks.
#[cfg(tokio_unstable)]
mod task_hooks {
    use tokio::runtime::TaskMeta;

    pub(super) fn spawned(_: &TaskMeta<'_>) {}
    pub(super) fn terminated(_: &TaskMeta<'_>) {}
    pub(super) fn polling(_: &TaskMeta<'_>) {}
    pub(super) fn polled(_: &TaskMeta<'_>) {}
}
#[cfg(tokio_unstable)]
use task_hooks::{polled, polling, spawned, terminated};
";

/// Every example of the tables as a fn of a module that `ui-tests` compiles under its lint wall:
/// `main`'s examples are blocking fns a test calls, `test`'s are tests, and all of them run.
pub(crate) fn examples_module() -> String {
    let mut module = super::header_rs("macro/src/table.rs");
    module.push_str("//! Every example of the options tables, compiled and run.\n\n");
    module.push_str(EXAMPLE_ITEMS);
    let mut calls = Vec::new();
    for spec in OPTIONS {
        let (kind, attribute) = example(spec);
        let name = format!("example_{}", spec.name);
        module.push('\n');
        let cfg = match spec.feature {
            Some(Feature::TokioUnstable) => "#[cfg(tokio_unstable)]\n",
            _ => "",
        };
        module.push_str(&format!("{cfg}{attribute}\nasync fn {name}() {{}}\n"));
        if kind == Macro::Main {
            calls.push(format!("    {}{name}();\n", cfg.replace('\n', "\n    ")));
        }
    }
    module.push_str("\n#[test]\nfn the_examples_on_main_run() {\n");
    module.push_str(&calls.concat());
    module.push_str("}\n");
    module
}

/// The facade's `__private::options`: one documented item per option, which the expansion names
/// each key written as (`ide.rs`), so that an editor completes, shows and jumps to options.
pub(crate) fn options_module() -> String {
    let mut module = super::header_rs("macro/src/table.rs");
    module.push_str(
        "//! One item per option of `#[mainspring::main]` and `#[mainspring::test]`, documented \
         with the\n\
         //! option's row of the table. The expansion names each key written in an attribute as a \
         path to\n\
         //! its item, with the key's span, so that an editor completes option names, shows their \
         docs on\n\
         //! hover and jumps to them.\n\
         #![allow(non_camel_case_types)]\n",
    );
    for spec in OPTIONS {
        let item = ide::item(spec.name);
        let doc = &spec.doc;
        let since = match doc.since {
            Since::V0_1 => String::new(),
            since => format!(" Since {}.", since.version()),
        };
        module.push_str(&format!(
            "\n/// {}{since}\n///\n/// `{}`\n///\n/// **Value**: {}.\n///\n/// **Default**: {}.\n///\n\
             /// **Needs**: {}.\n///\n/// **Becomes**: {}.\n",
            doc.what,
            example(spec).1,
            doc.values,
            doc.default,
            needs(spec),
            doc.becomes
        ));
        if item != spec.name {
            // A keyword cannot name an item: hover and go-to work, completion offers nothing.
            module.push_str("#[doc(hidden)]\n");
        }
        module.push_str(&format!("pub struct {item};\n"));
    }
    let names: Vec<String> = OPTIONS
        .iter()
        .map(|spec| format!("`{}`", spec.name))
        .collect();
    module.push_str(&format!(
        "\n/// Not an option of `#[mainspring::main]` or `#[mainspring::test]`. The options are {}.\n\
         #[doc(hidden)]\npub struct {};\n",
        names.join(", "),
        ide::PLACEHOLDER
    ));
    module
}
