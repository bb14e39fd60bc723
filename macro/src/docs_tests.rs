//! Checks of the docs against the macro: the expansions they show, the examples of the tables,
//! the README's code. The docs rendered from the table are in `generated/`.

use crate::entry::expand;
use crate::generated::docs::{PAGES, example, section, without_hidden_lines};
use crate::model::Macro;
use crate::table::OPTIONS;
use crate::test_support::ALL;
use proc_macro2::TokenStream;

#[test]
fn hidden_lines_are_left_out_of_the_readme() {
    let text = "a\n```rust\n# use x;\nfn f() {}\n#\n```\n# Title\n```text\n# kept\n```\n";
    assert_eq!(
        without_hidden_lines(text),
        "a\n```rust\nfn f() {}\n```\n# Title\n```text\n# kept\n```\n"
    );
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert_eq!(
        without_hidden_lines(&readme),
        readme,
        "README.md shows hidden lines"
    );
}

/// The ```` ```rust ```` blocks of `text`, in order, without their hidden (`# `) lines.
fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```rust") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), line) if !line.starts_with("# ") => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// An annotated fn as the docs show it, expanded and printed as `cargo expand` would.
fn expanded(source: &str) -> String {
    let file: syn::File = syn::parse_str(source).expect("an annotated fn");
    let Some(syn::Item::Fn(mut function)) = file.items.into_iter().next() else {
        panic!("not a fn: {source}")
    };
    let attr = function.attrs.remove(0);
    let args = match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    let item = quote::ToTokens::to_token_stream(&function);
    let file: syn::File = syn::parse2(expand(args, item, Macro::Main, ALL)).unwrap();
    prettyplease::unparse(&file)
}

/// What the docs say `cargo expand` prints is what the macro expands to: the crate page's
/// "What it expands to" and `main`'s "Equivalent code".
#[test]
fn the_expansions_the_docs_show_are_the_real_ones() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let read = |file: &str| std::fs::read_to_string(format!("{root}/{PAGES}/{file}")).unwrap();
    let printed = |block: &str| {
        let file: syn::File = syn::parse_str(block).expect("a file");
        prettyplease::unparse(&file)
    };
    let page = read("crate.md");
    let shown = rust_blocks(&section(&page, "What it expands to").unwrap());
    assert_eq!(expanded(&shown[0]), printed(&shown[1]), "crate.md");
    let page = read("main.md");
    let input = &rust_blocks(&page)[0];
    let shown = rust_blocks(&section(&page, "Equivalent code").unwrap());
    assert_eq!(expanded(input), printed(&shown[0]), "main.md");
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
