//! The docs' tables of options are rendered from the table in `options.rs`, so the README, the
//! attributes' rustdoc and the macro cannot disagree. Each copy sits between a marker line
//! `<!-- options: runtime -->` (or `run`) and `<!-- end -->`; the test renders the tables and
//! checks every copy. `UPDATE_EXPECT=1 cargo test -p mainspring-macros docs` rewrites them.

use crate::entry::expand;
use crate::model::Kind;
use crate::options::{Attrs, Feature, Flavors, OPTIONS, OptionSpec, Section};
use crate::test_support::ALL;
use proc_macro2::TokenStream;

/// The files that carry copies of the tables, from the workspace root.
const FILES: &[&str] = &["README.md"];

/// The attribute an option's example is shown on: a test for the options that need a test or
/// a flavor other than `main`'s default, and for the test powers.
fn example(spec: &OptionSpec) -> (Kind, String) {
    let kind = if spec.attrs == Attrs::TestOnly
        || spec.flavors == Flavors::NotMultiThread
        || spec.doc.section == Section::Run
    {
        Kind::Test
    } else {
        Kind::Main
    };
    (kind, format!("#[{}({})]", kind.attr(), spec.example))
}

/// What an option needs beyond being written: a test, a flavor, a feature, the absence of
/// another option.
fn needs(spec: &OptionSpec) -> String {
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

fn render(section: Section) -> String {
    let mut table = String::from(
        "| option | value | default | needs | example | becomes |\n|---|---|---|---|---|---|\n",
    );
    for spec in OPTIONS.iter().filter(|spec| spec.doc.section == section) {
        let cells = [
            format!("`{}`", spec.name),
            spec.doc.values.to_owned(),
            spec.doc.default.to_owned(),
            needs(spec),
            format!("`{}`", example(spec).1),
            spec.doc.becomes.to_owned(),
        ];
        for cell in &cells {
            assert!(!cell.contains('|'), "`{}`: a `|` in {cell:?}", spec.name);
        }
        table.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    table
}

/// `text` with every marked table replaced by a fresh rendering; how many there were.
fn rewrite(text: &str) -> (String, usize) {
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

#[test]
fn every_copy_of_the_options_tables_is_rendered_from_the_table() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    for file in FILES {
        let path = format!("{root}/{file}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (fresh, count) = rewrite(&text);
        assert!(count > 0, "{file} has no table of options");
        if update {
            std::fs::write(&path, fresh).unwrap();
        } else {
            assert!(
                fresh == text,
                "{file}: a table of options differs from `options.rs`; \
                 run `UPDATE_EXPECT=1 cargo test -p mainspring-macros docs` and read the diff"
            );
        }
    }
}

/// Every example the tables show expands without an error, on the attribute shown.
#[test]
fn every_example_in_the_tables_is_valid() {
    for spec in OPTIONS {
        let (kind, _) = example(spec);
        let args: TokenStream = spec.example.parse().unwrap();
        let item: TokenStream = "async fn f() {}".parse().unwrap();
        let output = expand(args, item, kind, ALL).to_string();
        assert!(
            !output.contains("compile_error"),
            "{}: {output}",
            spec.example
        );
    }
}
