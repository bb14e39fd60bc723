//! What the attribute reports for an item that does not parse. rustc never hands an attribute
//! such an item; rust-analyzer does, while the user types a body it cannot patch in place (it
//! replaces the whole body with a placeholder: `async fn f() __ra_fixup`), and while a
//! signature is unfinished. The options are then still checked, each error at its token; what
//! the item shows of its signature (`async`, a `main` with arguments) is checked; nothing more
//! is reported; and the item comes back as written, less its `async`.

use crate::entry::expand;
use crate::model::Kind;
use crate::test_support::{ALL, top_level_errors};
use proc_macro2::TokenStream;

/// Items as rust-analyzer may hand them over: a body replaced by its placeholder, no body at
/// all, a signature cut short after the name, after the arrow, before `fn`'s name.
const ITEMS: &[&str] = &[
    "async fn run() __ra_fixup",
    "async fn run()",
    "async fn run",
    "pub async fn run() ->",
    "async fn",
];

/// Each error of an expansion: its message and the source text at its start.
fn reported(output: &TokenStream) -> Vec<(String, Option<String>)> {
    top_level_errors(output)
        .into_iter()
        .map(|(message, span)| (message, span.source_text()))
        .collect()
}

fn expand_text(kind: Kind, args: &str, item: &str) -> TokenStream {
    expand(args.parse().unwrap(), item.parse().unwrap(), kind, ALL)
}

/// The output's tokens before its first `compile_error!`, as text.
fn item_part(output: &TokenStream) -> String {
    let text = output.to_string();
    let end = text.find(":: core :: compile_error").unwrap_or(text.len());
    text[..end].trim().to_owned()
}

#[test]
fn bad_options_are_reported_at_their_tokens_while_the_item_does_not_parse() {
    let args = "flavour = \"current_thread\", worker_threads = 0";
    for item in ITEMS {
        let output = expand_text(Kind::Main, args, item);
        let errors = reported(&output);
        assert_eq!(errors.len(), 3, "{item}: {errors:?}");
        assert_eq!(
            errors[0],
            (
                "unknown option `flavour`; did you mean `flavor`?".to_owned(),
                Some("flavour".to_owned())
            ),
            "{item}"
        );
        assert_eq!(
            errors[1],
            (
                "`worker_threads` must be at least 1".to_owned(),
                Some("0".to_owned())
            ),
            "{item}"
        );
        // The last is syn's parse error ("expected `(`", "unexpected end of input, expected
        // the function's body").
        assert!(errors[2].0.contains("expected"), "{item}: {errors:?}");
        let expected = item.replacen("async ", "", 1).replace("()", "( )");
        assert_eq!(
            item_part(&output).replace(' ', ""),
            expected.replace(' ', ""),
            "the item comes back as written, less `async`"
        );
    }
}

#[test]
fn good_options_add_nothing_to_the_parse_error() {
    let args = "flavor = \"multi_thread\", worker_threads = 2, thread_name = \"w\"";
    for item in ITEMS {
        for kind in [Kind::Main, Kind::Test] {
            let errors = reported(&expand_text(kind, args, item));
            assert_eq!(errors.len(), 1, "{item}: {errors:?}");
        }
    }
}

#[test]
fn what_the_signature_shows_is_checked_too() {
    let output = expand_text(Kind::Main, "", "fn main(args: Vec<String>) __ra_fixup");
    let errors = reported(&output);
    let found: Vec<(&str, Option<&str>)> = errors
        .iter()
        .map(|(message, at)| (message.as_str(), at.as_deref()))
        .collect();
    assert_eq!(
        found[..2],
        [
            (
                "the `async` keyword is missing from the function declaration; `#[mainspring::main]` needs an `async fn`",
                Some("fn")
            ),
            (
                "`main` cannot take arguments; read them with `std::env::args()` instead",
                Some("args")
            ),
        ],
        "{errors:?}"
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
    // Generics are told apart from the arguments: a `Fn(u32)` bound is not an argument list.
    let output = expand_text(
        Kind::Main,
        "",
        "async fn main<F: Fn(u32) -> u8>() __ra_fixup",
    );
    assert_eq!(errors_of(&output), 1, "only the parse error");
    // An unparsable test without `async` is told so; a test may take no arguments anyway.
    let output = expand_text(Kind::Test, "", "fn check() __ra_fixup");
    let test_errors = reported(&output);
    assert_eq!(test_errors.len(), 2, "{test_errors:?}");
    assert!(
        test_errors[0]
            .0
            .starts_with("the `async` keyword is missing")
    );
}

fn errors_of(output: &TokenStream) -> usize {
    reported(output).len()
}

#[test]
fn an_item_that_is_no_function_still_gets_its_options_checked() {
    let output = expand_text(Kind::Main, "flavour = \"local\"", "struct Config;");
    let errors = reported(&output);
    assert_eq!(
        errors,
        [
            (
                "unknown option `flavour`; did you mean `flavor`?".to_owned(),
                Some("flavour".to_owned())
            ),
            (
                "`#[mainspring::main]` can only be used on an `async fn`".to_owned(),
                Some("struct".to_owned())
            ),
        ]
    );
}
