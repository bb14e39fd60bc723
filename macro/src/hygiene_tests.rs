//! Spans and IDE behaviour of the expansion, checked on `expand()`'s output.
//!
//! Outside a real proc-macro, `proc_macro2` gives every token parsed from a string a location
//! (`<parsed string N>`, line, column) and gives `Span::call_site()`/`mixed_site()` none; the
//! `span-locations` dev-dependency feature makes those locations readable. The user's tokens are
//! those located in the strings the test parsed as the attribute's arguments and the item; any
//! other token is the expansion's (`quote!` parses some of its literals from strings of its own,
//! so those have locations too, in other strings). Three properties are checked:
//!
//! - every identifier of the user's function is in the output at its own location, so rustc's
//!   errors and rust-analyzer's "go to definition" land on the user's tokens;
//! - no generated token (`Builder`, `block_on`, `__private`, ...) carries the location of a user
//!   token, so a user token never resolves into the runtime;
//! - a half-typed body expands all the same: the plain outer `fn` with the user's signature, the
//!   body's tokens untouched, and no `compile_error!`.

use crate::entry::expand;
use crate::model::Macro;
use crate::test_support::IDE as FEATURES;
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

/// Where a token was parsed from: the string (`<parsed string N>`), start and end line/column.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Loc {
    file: String,
    start: (usize, usize),
    end: (usize, usize),
}

/// `None` for a `call_site`/`mixed_site` token: it has no source text.
fn loc(span: Span) -> Option<Loc> {
    span.source_text()?;
    let (start, end) = (span.start(), span.end());
    Some(Loc {
        file: span.file(),
        start: (start.line, start.column),
        end: (end.line, end.column),
    })
}

/// One token of a flattened stream: an identifier, a punctuation character, a literal, or one
/// delimiter of a group (`{`, `}`, ...), with its text and location.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Leaf {
    kind: LeafKind,
    text: String,
    loc: Option<Loc>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LeafKind {
    Ident,
    Punct,
    Literal,
    Delimiter,
}

fn leaves(tokens: TokenStream) -> Vec<Leaf> {
    let mut out = Vec::new();
    flatten(tokens, &mut out);
    out
}

fn flatten(tokens: TokenStream, out: &mut Vec<Leaf>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => {
                        flatten(group.stream(), out);
                        continue;
                    }
                };
                out.push(Leaf {
                    kind: LeafKind::Delimiter,
                    text: open.to_owned(),
                    loc: loc(group.span_open()),
                });
                flatten(group.stream(), out);
                out.push(Leaf {
                    kind: LeafKind::Delimiter,
                    text: close.to_owned(),
                    loc: loc(group.span_close()),
                });
            }
            TokenTree::Ident(ident) => out.push(Leaf {
                kind: LeafKind::Ident,
                text: ident.to_string(),
                loc: loc(ident.span()),
            }),
            TokenTree::Punct(punct) => out.push(Leaf {
                kind: LeafKind::Punct,
                text: punct.as_char().to_string(),
                loc: loc(punct.span()),
            }),
            TokenTree::Literal(literal) => out.push(Leaf {
                kind: LeafKind::Literal,
                text: literal.to_string(),
                loc: loc(literal.span()),
            }),
        }
    }
}

/// One annotated function as a user writes it; `args` and `item` are parsed separately, as
/// rustc hands them to the macro, so each token has its own location.
struct Case {
    kind: Macro,
    args: &'static str,
    item: &'static str,
}

impl Case {
    fn expand(&self) -> (Vec<Leaf>, Vec<Leaf>, Vec<Leaf>) {
        let args: TokenStream = self.args.parse().expect("args tokenize");
        let item: TokenStream = self.item.parse().expect("item tokenizes");
        let (args_leaves, item_leaves) = (leaves(args.clone()), leaves(item.clone()));
        let output = leaves(expand(args, item, self.kind, FEATURES));
        (args_leaves, item_leaves, output)
    }
}

/// Whether `leaf` is located in one of the strings the user's tokens were parsed from.
fn at_user_location(leaf: &Leaf, user: &[&Leaf]) -> bool {
    leaf.loc.as_ref().is_some_and(|at| {
        user.iter()
            .any(|token| token.loc.as_ref().is_some_and(|own| own.file == at.file))
    })
}

/// Valid inputs covering each shape of the expansion: free fns (with generics, `where`, pattern
/// and `mut` arguments, inner attributes, a test), methods and `Self`, and the runtime options,
/// including a user crate path.
const CASES: &[Case] = &[
    Case {
        kind: Macro::Main,
        args: "",
        item: "
/// Docs.
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    #![deny(unused_variables)]
    let answer = tokio::spawn(async { 6 * 7 }).await?;
    println!(\"{answer}\");
    Ok(())
}",
    },
    Case {
        kind: Macro::Main,
        args: "flavor = \"current_thread\", start_paused = true, name = \"worker\"",
        item: "
#[inline]
pub(crate) async fn describe<'a, T, const N: usize>(
    items: [T; N],
    (prefix, suffix): (&'a str, &'a str),
    mut count: u32,
    _: u8,
) -> String
where
    T: std::fmt::Debug,
{
    count += 1;
    format!(\"{prefix}{items:?}{suffix}{count}\")
}",
    },
    Case {
        kind: Macro::Main,
        args: "worker_threads = 2, crate = \"::renamed\"",
        item: "
async fn fetch(self, by: u32) -> u32 {
    tokio::task::yield_now().await;
    self.0 + by
}",
    },
    Case {
        kind: Macro::Main,
        args: "flavor = \"local\", crate = renamed",
        item: "
async fn make() -> Self {
    Self::default()
}",
    },
    Case {
        kind: Macro::Test,
        args: "flavor = \"multi_thread\", worker_threads = 2",
        item: "
#[should_panic(expected = \"boom\")]
async fn it_panics(body: u32, rt: u32) {
    let __body = body + rt;
    panic!(\"boom {__body}\");
}",
    },
];

/// The output's tokens before the first `{`: the emitted fn's attributes and signature.
fn outer_signature(output: &[Leaf]) -> &[Leaf] {
    let end = output
        .iter()
        .position(|leaf| leaf.kind == LeafKind::Delimiter && leaf.text == "{")
        .expect("the emitted fn has a body");
    &output[..end]
}

/// The user's identifiers (fn name, generics, argument names and types, every identifier of
/// the body) are in the output with their own locations. `async` is the exception: the emitted fn
/// drops it (its span goes to the `async move` block). The emitted fn's own name is the user's token, so
/// "go to definition" on a call of the function lands on the user's name.
#[test]
fn user_identifiers_keep_their_locations() {
    for case in CASES {
        let (_, item, output) = case.expand();
        let name = |leaves: &[Leaf]| {
            let at = leaves
                .iter()
                .position(|leaf| leaf.kind == LeafKind::Ident && leaf.text == "fn")
                .expect("a fn");
            leaves[at + 1].clone()
        };
        assert_eq!(
            name(outer_signature(&output)),
            name(&item),
            "the emitted fn's name is the user's:\n{}",
            case.item
        );
        for leaf in item
            .iter()
            .filter(|leaf| leaf.kind == LeafKind::Ident && leaf.text != "async")
        {
            assert!(leaf.loc.is_some(), "{leaf:?} was parsed with a location");
            let wanted = item.iter().filter(|other| *other == leaf).count();
            let found = output.iter().filter(|other| *other == leaf).count();
            assert!(
                found >= wanted,
                "`{}` at {:?} is in the input {wanted} time(s), in the output {found}:\n{}",
                leaf.text,
                leaf.loc,
                case.item,
            );
        }
    }
}

/// The only generated tokens that borrow a user location, on purpose: `async move` takes the
/// user's `async`, so a diagnostic about the block spans the fn rather than the attribute; and
/// the `return __private::output::<R>();` (or `return;`) that fixes the block's output takes the
/// first token of the return type (or the `)` of `fn name()`), so "return type inferred to be `R`
/// here" points at the signature.
const LENT: &[&str] = &[
    "async",
    "move",
    "return",
    "mainspring",
    "renamed",
    "__private",
    "output",
    ":",
    "<",
    ">",
    "(",
    ")",
    ";",
];

/// Where `LENT` tokens may sit: the user's `async`, every `)`, and the token after `->`.
fn lent_locations(item: &[Leaf]) -> Vec<Loc> {
    let mut at = Vec::new();
    for (i, leaf) in item.iter().enumerate() {
        let after_arrow = i >= 2 && item[i - 2].text == "-" && item[i - 1].text == ">";
        if leaf.text == "async" || leaf.text == ")" || after_arrow {
            at.extend(leaf.loc.clone());
        }
    }
    at
}

/// Whether `leaf` is one of the `LENT` tokens at one of the `anchors`. (A respanned group's
/// delimiters sit at the first and last character of its span, hence the range.)
fn lent(leaf: &Leaf, anchors: &[Loc]) -> bool {
    leaf.loc.as_ref().is_some_and(|at| {
        anchors.iter().any(|anchor| {
            anchor.file == at.file && anchor.start <= at.start && at.end <= anchor.end
        })
    }) && LENT.contains(&leaf.text.as_str())
}

/// Every output token that has a location is a user token at that location with the same text
/// the expansion never lends a user's location to a token of its own. (Tokens parsed from a
/// user's string, such as `crate = "::renamed"`, keep that string's location, as syn gives them.)
/// The exceptions are the few tokens listed in `LENT`.
/// And the runtime's names, which the user did not write, have no location at all.
#[test]
fn generated_tokens_carry_no_user_location() {
    const INTERNALS: &[&str] = &[
        "mainspring",
        "__private",
        "Builder",
        "new_multi_thread",
        "new_current_thread",
        "enable_all",
        "build",
        "build_local",
        "expect",
        "block_on",
        "block_on_value",
        "Judge",
        "of",
        "failed",
        "core",
        "Default",
        "prelude",
        "v1",
        "test",
    ];
    for case in CASES {
        let (args, item, output) = case.expand();
        let user: Vec<&Leaf> = args.iter().chain(&item).collect();
        let anchors = lent_locations(&item);
        for leaf in output.iter().filter(|leaf| at_user_location(leaf, &user)) {
            let at = leaf.loc.as_ref().expect("located");
            let is_user_token = user.iter().any(|token| {
                token.loc.as_ref() == Some(at)
                    && (token.text == leaf.text
                        || (token.kind == LeafKind::Literal && token.text.contains(&leaf.text)))
            });
            // A key that is no option, or is a keyword, is named for editors as an item of
            // another name, at the key's location (`ide.rs`).
            let key_item = ["crate_", crate::ide::PLACEHOLDER].contains(&leaf.text.as_str())
                && args.iter().any(|token| token.loc.as_ref() == Some(at));
            assert!(
                is_user_token || lent(leaf, &anchors) || key_item,
                "`{}` carries the location {at:?} of another user token:\n{}",
                leaf.text,
                case.item,
            );
        }
        for name in INTERNALS {
            if user.iter().any(|token| token.text == *name) {
                continue;
            }
            for leaf in output.iter().filter(|leaf| leaf.text == *name) {
                assert!(
                    !at_user_location(leaf, &user) || lent(leaf, &anchors),
                    "the generated `{name}` has the user location {:?}",
                    leaf.loc
                );
            }
        }
        for name in ["Builder", "block_on", "__private"] {
            assert!(
                output.iter().any(|leaf| leaf.text.starts_with(name)),
                "`{name}` is in the output"
            );
        }
    }
}

/// The input of a function being typed: an unfinished `let`, a dangling `.`, a missing
/// semicolon. The body is never parsed, so the output is the plain outer `fn` with the user's
/// signature (without `async`), then the body's tokens exactly as typed, and no error.
fn half_typed(kind: Macro, item: &'static str) {
    let tokens: TokenStream = item.parse().expect("the half-typed item still tokenizes");
    let body = match tokens.clone().into_iter().last() {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => group,
        other => panic!("the item ends with its body, not {other:?}"),
    };
    let input = leaves(tokens.clone());
    let user: Vec<&Leaf> = input.iter().collect();
    let signature: Vec<&Leaf> = input
        .iter()
        .take_while(|leaf| leaf.loc != loc(body.span_open()))
        .filter(|leaf| leaf.text != "async")
        .collect();
    let output = leaves(expand(TokenStream::new(), tokens, kind, FEATURES));

    assert!(
        !output.iter().any(|leaf| leaf.text == "compile_error"),
        "no error is added: {output:?}"
    );
    // The emitted fn, up to its body's `{`: not async, and the user's tokens in it are the user's
    // signature, location for location (a generated attribute such as
    // `#[::core::prelude::v1::test]` may come between them, and the commas between the
    // arguments are the expansion's own).
    let outer = outer_signature(&output);
    assert!(
        outer.iter().all(|leaf| leaf.text != "async"),
        "the emitted fn is not async: {outer:?}"
    );
    assert!(
        outer.iter().any(|leaf| leaf.text == "fn"),
        "the outer item is a fn: {outer:?}"
    );
    let outer: Vec<&Leaf> = outer
        .iter()
        .filter(|leaf| at_user_location(leaf, &user))
        .collect();
    let signature: Vec<&Leaf> = signature
        .into_iter()
        .filter(|leaf| !(leaf.kind == LeafKind::Punct && leaf.text == ","))
        .collect();
    let outer_without_commas: Vec<&Leaf> = outer
        .iter()
        .copied()
        .filter(|leaf| !(leaf.kind == LeafKind::Punct && leaf.text == ","))
        .collect();
    assert_eq!(
        outer_without_commas, signature,
        "the outer signature is the user's"
    );
    // The body: every token, in order, with its location, between the user's own braces.
    let body_leaves = leaves(TokenStream::from(TokenTree::Group(body)));
    assert!(
        output
            .windows(body_leaves.len())
            .any(|window| window == body_leaves.as_slice()),
        "the body is in the output unchanged:\n{body_leaves:?}\n{output:?}"
    );
}

#[test]
fn a_half_typed_body_keeps_the_signature_and_the_body() {
    half_typed(
        Macro::Main,
        "
pub async fn handle(request: Request, retries: u32) -> Result<Response, Error> {
    let response = ;
    request.
    let next = retries + 1
    client.send(next).await
}",
    );
    half_typed(
        Macro::Test,
        "
#[ignore]
async fn still_typing() {
    let x = tokio::time::
    assert!(x.is_, )
}",
    );
    // A method: the body goes into an `async` block, and it too is left as typed.
    half_typed(
        Macro::Main,
        "
async fn poll(&mut self, limit: usize) -> usize {
    self.items.iter().take(limit).
    let n =
}",
    );
}
