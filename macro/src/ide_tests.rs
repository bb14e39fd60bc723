//! What the attribute reports for an item that does not parse. rustc never hands an attribute
//! such an item; rust-analyzer does, while the user types a body it cannot patch in place (it
//! replaces the whole body with a placeholder: `async fn f() __ra_fixup`), and while a
//! signature is unfinished. The options are then still checked, each error at its token; what
//! the item shows of its signature (`async`, a `main` with arguments) is checked; nothing more
//! is reported; and the item comes back as written, less its `async`.

use crate::entry::expand;
use crate::model::Macro;
use crate::test_support::{IDE, top_level_errors};
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

fn expand_text(kind: Macro, args: &str, item: &str) -> TokenStream {
    expand(args.parse().unwrap(), item.parse().unwrap(), kind, IDE)
}

/// The output's tokens before its first `compile_error!` and after the fn that names the
/// option keys (see `keys_are_named_before_an_unparsable_item`), as text.
fn item_part(output: &TokenStream) -> String {
    let text = output.to_string();
    let end = text.find(":: core :: compile_error").unwrap_or(text.len());
    let item = text[..end]
        .split_once("; } ")
        .map_or(&text[..end], |(_, item)| item);
    item.trim().to_owned()
}

#[test]
fn bad_options_are_reported_at_their_tokens_while_the_item_does_not_parse() {
    let args = "flavour = \"current_thread\", worker_threads = 0";
    for item in ITEMS {
        let output = expand_text(Macro::Main, args, item);
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
        for kind in [Macro::Main, Macro::Test] {
            let errors = reported(&expand_text(kind, args, item));
            assert_eq!(errors.len(), 1, "{item}: {errors:?}");
        }
    }
}

#[test]
fn what_the_signature_shows_is_checked_too() {
    let output = expand_text(Macro::Main, "", "fn main(args: Vec<String>) __ra_fixup");
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
        Macro::Main,
        "",
        "async fn main<F: Fn(u32) -> u8>() __ra_fixup",
    );
    assert_eq!(errors_of(&output), 1, "only the parse error");
    // An unparsable test without `async` is told so; a test may take no arguments anyway.
    let output = expand_text(Macro::Test, "", "fn check() __ra_fixup");
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
    let output = expand_text(Macro::Main, "flavour = \"local\"", "struct Config;");
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

// The option keys, named for editors (`ide.rs`): each key's token comes back with its span as
// a path to its item of the facade's `__private::options`, before any error.

/// Where a token starts and ends, as (line, column) pairs; `None` for a token of no source.
type Place = Option<((usize, usize), (usize, usize))>;

/// Each path `options :: <name>` in `output` (at any depth), as the name and where its token
/// says it is, in order.
fn named_keys(output: &TokenStream) -> Vec<(String, Place)> {
    use proc_macro2::TokenTree;
    fn walk(stream: TokenStream, found: &mut Vec<(String, Place)>) {
        let trees: Vec<TokenTree> = stream.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Group(group) => walk(group.stream(), found),
                TokenTree::Ident(options) if options == "options" => {
                    if let (Some(TokenTree::Punct(_)), Some(TokenTree::Punct(_))) =
                        (trees.get(i + 1), trees.get(i + 2))
                    {
                        if let Some(TokenTree::Ident(key)) = trees.get(i + 3) {
                            let span = key.span();
                            let (start, end) = (span.start(), span.end());
                            let at = (start.line > 0)
                                .then_some(((start.line, start.column), (end.line, end.column)));
                            found.push((key.to_string(), at));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    walk(output.clone(), &mut found);
    found
}

/// Where `word` is in `text` (parsed as tokens, so on line 1), as line and columns.
fn at(text: &str, word: &str) -> Place {
    let column = text.find(word).expect("the word is in the text");
    Some(((1, column), (1, column + word.len())))
}

#[test]
fn each_key_is_named_with_its_span_as_a_path_to_its_item() {
    let args = "name = \"api\", timeout = \"5s\", crate = \"::mainspring\"";
    let output = expand_text(Macro::Main, args, "async fn main() {}");
    assert_eq!(
        named_keys(&output),
        [
            ("name".to_owned(), at(args, "name")),
            ("timeout".to_owned(), at(args, "timeout")),
            // A keyword cannot name an item.
            ("crate_".to_owned(), at(args, "crate")),
        ]
    );
    assert!(
        output
            .to_string()
            .contains("let _ = (:: mainspring :: __private :: options :: name ,"),
        "{output}"
    );
}

#[test]
fn a_key_that_is_no_option_is_named_as_the_placeholder() {
    for args in ["wor", "flavour = \"local\"", "wor = 4", "r#flavour"] {
        let output = expand_text(Macro::Main, args, "async fn main() {}");
        let key = args.split([' ', '=']).next().unwrap();
        assert_eq!(
            named_keys(&output),
            [("__key".to_owned(), at(args, key))],
            "{args}"
        );
        let word = key.trim_start_matches("r#");
        // Nothing rustc could not resolve: the word itself is in no path.
        assert!(
            !output.to_string().contains(&format!(":: {word}")),
            "{output}"
        );
    }
}

#[test]
fn an_empty_slot_is_named_as_the_placeholder() {
    for (args, keys) in [
        ("", vec!["__key"]),
        ("flavor = \"current_thread\",", vec!["flavor", "__key"]),
        ("flavor = \"current_thread\"", vec!["flavor"]),
    ] {
        let output = expand_text(Macro::Test, args, "async fn t() {}");
        let names: Vec<String> = named_keys(&output)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, keys, "{args:?}");
    }
}

/// Every way a fn is expanded names the keys, once, before the first `compile_error!`.
#[test]
fn the_keys_are_named_on_every_expansion_path() {
    let cases: &[(Macro, &str, &str)] = &[
        (Macro::Main, "worker_threads = 2", "async fn main() {}"),
        (
            Macro::Test,
            "worker_threads = 2, flavor = \"multi_thread\"",
            "async fn t() {}",
        ),
        (
            Macro::Test,
            "worker_threads = 2, flavor = [\"current_thread\", \"multi_thread\"]",
            "async fn t() {}",
        ),
        (
            Macro::Test,
            "worker_threads = 2, flavor = \"local\"",
            "async fn t() {}",
        ),
        (Macro::Test, "worker_threads = 2, shared", "async fn t() {}"),
        (
            Macro::Main,
            "worker_threads = 2",
            "async fn run(&self, x: u32) -> u32 { x }",
        ),
        (
            Macro::Main,
            "worker_threads = 2",
            "async fn make<T: Default>() -> T { T::default() }",
        ),
        (
            Macro::Main,
            "worker_threads = 2",
            "async fn one_line() -> u8 { 7 }",
        ),
        (
            Macro::Main,
            "worker_threads = 2, flavour = \"x\"",
            "async fn main() {}",
        ),
        (
            Macro::Main,
            "worker_threads = 2",
            "async fn main(x: u32) {}",
        ),
        (Macro::Main, "worker_threads = 2", "fn main() {}"),
        (
            Macro::Main,
            "worker_threads = 2",
            "async fn main() __ra_fixup",
        ),
        (
            Macro::Test,
            "worker_threads = 2",
            "async fn t() -> u8 __ra_fixup",
        ),
        (Macro::Main, "worker_threads = 2", "struct NotAFunction;"),
    ];
    let args_text = "worker_threads";
    for (kind, args, item) in cases {
        let output = expand_text(*kind, args, item);
        let keys = named_keys(&output);
        let first = &keys[0];
        assert_eq!(
            first,
            &("worker_threads".to_owned(), at(args, args_text)),
            "{args} {item}"
        );
        let worker_threads = keys.iter().filter(|(name, _)| name == "worker_threads");
        assert_eq!(worker_threads.count(), 1, "named once: {output}");
        let text = output.to_string();
        let named = text.find(":: options :: worker_threads").unwrap();
        if let Some(error) = text.find("compile_error") {
            assert!(named < error, "{args} {item}: {text}");
        }
    }
}
