//! Property-based fuzzing of `entry::expand`: whatever tokens it is given, the macro
//! must not panic, and it must answer with either a valid expansion or `compile_error!`s whose
//! spans point into the input.
//!
//! Three generators feed `expand`:
//! - `fuzz_random_streams`: random token streams as arguments and item (identifiers including
//!   keywords and `r#raw` ones, lifetimes, lone and joint punctuation, literals of every kind,
//!   groups of every delimiter including the invisible `Delimiter::None`);
//! - `fuzz_mutated_examples`: each valid example below, with tokens dropped, duplicated,
//!   swapped, replaced (literals by literals of other kinds, identifiers by others), inserted,
//!   wrapped in groups, unwrapped, re-delimited and re-spaced;
//! - `fuzz_option_lists`: random option lists on a valid function (known, raw, misspelled and
//!   unknown keys; values of every kind; bare keys, duplicates, missing or doubled commas).
//!
//! Properties checked on every input (see `check`):
//! 1. `expand` does not panic (`catch_unwind`);
//! 2. the output parses as a `syn::File` (items and `compile_error!` macros); or, when the input
//!    item is not a Rust item, it is the input item's tokens unchanged (less a top-level
//!    `async`) followed by `compile_error!`s; or it parses as a file once the user's function body, which the macro
//!    passes through unparsed by design, is replaced by `{}`;
//! 3. every token of every `compile_error!` has a span inside the input (the arguments or the
//!    item) or at the call site, and its message is not empty;
//! 4. an output without `compile_error!` has a function in it.
//!
//! Inputs are rendered to text and lexed by proc-macro2 with its `span-locations` feature, so
//! every token carries a line and column: the arguments start on line 2, the item on a later
//! line, and nothing but the call site is on line 1. Tokens are then rebuilt from their
//! description (so invisible groups, joint punctuation before any token, and negative literals
//! can be fed too) with the lexed spans. Each input runs on a fresh thread with rustc's 8 MiB
//! stack; one that does not return within a minute is printed and the process exits.
//!
//! Also here: huge inputs (a 20-digit `worker_threads`, 1 MiB strings, 10,000 options) with
//! their messages and times, deep nesting (in child processes, as a stack overflow aborts), and
//! `regressions` for the bugs found.
//!
//! CI run (a few seconds, 400 inputs per fuzz test, fixed seed): `cargo test -p mainspring-macros`.
//!
//! Long run: `MAINSPRING_FUZZ_CASES` inputs in all, split evenly over the three fuzz tests, with
//! a random seed that is printed (about ten minutes for a million on two cores):
//!
//! ```text
//! MAINSPRING_FUZZ_CASES=1000000 cargo test -p mainspring-macros --release fuzz -- --nocapture
//! ```
//!
//! `MAINSPRING_FUZZ_SEED=<u64>` replays a run. A failure is shrunk by proptest and reported with
//! the minimal input, as text and as its description.

use crate::build::{Build, Features, Reader};
use crate::entry::expand;
use crate::model::Macro;
use crate::table::OPTIONS;
use crate::test_support::{ALL, compile_error_messages, top_level_errors};
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestRunner};
use std::cell::Cell;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;
use std::time::{Duration, Instant};

/// Valid `(kind, args, item)` triples covering every flavor and option, generics, methods and
/// tests. Each expands without error with all features on (`valid_examples_have_no_errors`).
const EXAMPLES: &[(Macro, &str, &str)] = &[
    (Macro::Main, "", "async fn main() { println!(\"hello\"); }"),
    (
        Macro::Main,
        "flavor = \"current_thread\"",
        "async fn main() {}",
    ),
    (
        Macro::Main,
        "flavor = \"multi_thread\", worker_threads = 4, name = \"my-runtime\"",
        "pub async fn main() -> Result<(), Box<dyn std::error::Error>> { let n: u32 = \"4\".parse()?; Ok(()) }",
    ),
    (
        Macro::Main,
        "flavor = \"local\"",
        "async fn main() { tokio::task::spawn_local(async {}).await.unwrap(); }",
    ),
    (
        Macro::Main,
        "flavor = \"current_thread\", unhandled_panic = \"shutdown_runtime\"",
        "async fn main() {}",
    ),
    (
        Macro::Main,
        "crate = \"::renamed\", worker_threads = 8usize",
        "/// Docs.\n#[allow(unused)] async fn main() -> ! { #![allow(unused_variables)] loop {} }",
    ),
    (
        Macro::Main,
        "crate = my::reexport, stack_size = \"64MiB\"",
        "async fn main() { let _ = r#\"raw\"#; }",
    ),
    (
        Macro::Main,
        "worker_threads = 4, thread_name = \"w\", thread_stack_size = \"3MiB\", max_blocking_threads = 512, \
         thread_keep_alive = \"10s\", global_queue_interval = 31, event_interval = 61, max_io_events_per_tick = 1024",
        "async fn main() {}",
    ),
    (
        Macro::Main,
        "worker_threads = cores() / 2, thread_stack_size = 3 * 1024 * 1024, \
         thread_keep_alive = Duration::from_millis(250), name = std::env::var(\"N\").unwrap_or_default()",
        "async fn main() {}",
    ),
    (
        Macro::Main,
        "builder = runtime::my_builder, thread_name = \"custom\", enable = [\"time\"]",
        "async fn main() {}",
    ),
    (
        Macro::Main,
        "flavor = \"current_thread\", enable = [\"io\"]",
        "pub(crate) async fn sum(a: u32, mut b: u32, (c, d): (u32, u32)) -> u32 { b += 1; a + b + c + d }",
    ),
    (
        Macro::Main,
        "flavor = \"current_thread\"",
        "async fn make<'a, T: Default + 'a, const N: usize>(x: &'a T) -> [T; N] where T: Copy { [T::default(); N] }",
    ),
    (
        Macro::Main,
        "",
        "async fn show<T: Clone>(x: T, y: impl std::fmt::Display) -> String { y.to_string() }",
    ),
    (
        Macro::Main,
        "flavor = \"current_thread\"",
        "async fn run(&self, n: u32) -> u32 { self.0 + n }",
    ),
    (
        Macro::Main,
        "",
        "async fn new() -> Self { Self::default() }",
    ),
    (
        Macro::Main,
        "flavor = \"current_thread\"",
        "async unsafe fn danger(p: *const u8) -> u8 { unsafe { *p } }",
    ),
    (
        Macro::Test,
        "",
        "async fn it_works() { assert_eq!(1 + 1, 2); }",
    ),
    (
        Macro::Test,
        "start_paused = true, timeout = \"5s\", fail_on_task_panic = true",
        "#[should_panic(expected = \"boom\")] async fn paused() { panic!(\"boom\"); }",
    ),
    (
        Macro::Test,
        "flavor = \"multi_thread\", worker_threads = 2, stack_size = 1 << 26",
        "async fn fallible(x: u32) -> Result<(), std::num::ParseIntError> { let _: u8 = \"1\".parse()?; Ok(()) }",
    ),
    (
        Macro::Test,
        "flavor = \"local\", unhandled_panic = \"ignore\", r#name = \"t\"",
        "#[cfg_attr(miri, ignore)] async fn local_test() {}",
    ),
    (
        Macro::Test,
        "thread_name_fn = || \"w\".to_owned(), on_thread_start = started, on_thread_stop = || {}, \
         on_thread_park = hooks::parked, timeout = Duration::from_millis(LIMIT), enable = []",
        "async fn hooked() {}",
    ),
    (
        Macro::Test,
        "flavor = [\"current_thread\", \"multi_thread\"], worker_threads = 2, start_paused = true",
        "/// Docs.\n#[allow(unused_variables)]\n#[should_panic]\nasync fn both() -> Result<(), MyError> { let x = 1; Ok(()) }",
    ),
];

// ---------------------------------------------------------------------------------------------
// Token descriptions, rendered to text for spans and rebuilt with proc-macro2's constructors.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delim {
    Paren,
    Brace,
    Bracket,
    None,
}

impl Delim {
    fn delimiter(self) -> Delimiter {
        match self {
            Delim::Paren => Delimiter::Parenthesis,
            Delim::Brace => Delimiter::Brace,
            Delim::Bracket => Delimiter::Bracket,
            Delim::None => Delimiter::None,
        }
    }

    fn of(delimiter: Delimiter) -> Delim {
        match delimiter {
            Delimiter::Parenthesis => Delim::Paren,
            Delimiter::Brace => Delim::Brace,
            Delimiter::Bracket => Delim::Bracket,
            Delimiter::None => Delim::None,
        }
    }
}

/// One token tree, described. A lifetime is a joint `'` followed by an identifier.
#[derive(Clone, Debug)]
enum Tok {
    /// `name` or `r#name`.
    Ident(String),
    /// The character and whether it is joint with the next token.
    Punct(char, bool),
    /// Source text accepted by `Literal::from_str`, such as `-4i8` or `b"\xff"`.
    Lit(String),
    Group(Delim, Vec<Tok>),
}

impl Tok {
    fn ident(text: &str) -> Tok {
        Tok::Ident(text.to_owned())
    }

    fn lit(text: &str) -> Tok {
        Tok::Lit(text.to_owned())
    }

    fn string(value: &str) -> Tok {
        Tok::Lit(Literal::string(value).to_string())
    }
}

/// `::`, `=>`...: every character but the last is joint.
fn op(text: &str) -> Vec<Tok> {
    let count = text.chars().count();
    text.chars()
        .enumerate()
        .map(|(i, c)| Tok::Punct(c, i + 1 < count))
        .collect()
}

/// The description of lexed tokens (for the valid examples).
fn describe(stream: TokenStream) -> Vec<Tok> {
    stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(ident) => Tok::Ident(ident.to_string()),
            TokenTree::Punct(punct) => {
                Tok::Punct(punct.as_char(), punct.spacing() == Spacing::Joint)
            }
            TokenTree::Literal(literal) => Tok::Lit(literal.to_string()),
            TokenTree::Group(group) => {
                Tok::Group(Delim::of(group.delimiter()), describe(group.stream()))
            }
        })
        .collect()
}

fn tokens(text: &str) -> Vec<Tok> {
    describe(text.parse().expect("example lexes"))
}

/// Renders one stand-in token per described token: identifiers and literals as themselves
/// (negative literals as `0`), punctuation as `#`, invisible groups as `( )`. A newline every
/// few tokens makes inputs span several lines.
fn render(toks: &[Tok], out: &mut String, count: &mut usize) {
    for tok in toks {
        match tok {
            Tok::Ident(text) => out.push_str(text),
            Tok::Punct(..) => out.push('#'),
            Tok::Lit(text) if text.starts_with('-') => out.push('0'),
            Tok::Lit(text) => out.push_str(text),
            Tok::Group(delim, inner) => {
                let (open, close) = match delim {
                    Delim::Paren | Delim::None => ('(', ')'),
                    Delim::Brace => ('{', '}'),
                    Delim::Bracket => ('[', ']'),
                };
                out.push(open);
                out.push(' ');
                render(inner, out, count);
                out.push(close);
            }
        }
        *count += 1;
        out.push(if (*count).is_multiple_of(7) {
            '\n'
        } else {
            ' '
        });
    }
}

/// The described tokens, built with the spans of their lexed stand-ins.
fn build(toks: &[Tok], lexed: TokenStream) -> TokenStream {
    let lexed: Vec<TokenTree> = lexed.into_iter().collect();
    assert_eq!(
        lexed.len(),
        toks.len(),
        "harness bug: stand-ins lex differently"
    );
    toks.iter()
        .zip(lexed)
        .map(|(tok, tree)| {
            let span = tree.span();
            match (tok, tree) {
                (Tok::Ident(text), _) => TokenTree::Ident(match text.strip_prefix("r#") {
                    Some(raw) => Ident::new_raw(raw, span),
                    None => Ident::new(text, span),
                }),
                (Tok::Punct(c, joint), _) => {
                    let spacing = if *joint {
                        Spacing::Joint
                    } else {
                        Spacing::Alone
                    };
                    let mut punct = Punct::new(*c, spacing);
                    punct.set_span(span);
                    TokenTree::Punct(punct)
                }
                (Tok::Lit(text), _) => {
                    let mut literal = Literal::from_str(text)
                        .unwrap_or_else(|_| panic!("harness bug: {text} is not a literal"));
                    literal.set_span(span);
                    TokenTree::Literal(literal)
                }
                (Tok::Group(delim, inner), TokenTree::Group(lexed)) => {
                    let mut group = Group::new(delim.delimiter(), build(inner, lexed.stream()));
                    group.set_span(lexed.span());
                    TokenTree::Group(group)
                }
                (Tok::Group(..), other) => panic!("harness bug: a group lexed as {other}"),
            }
        })
        .collect()
}

/// A position as (line, column); lines count from 1.
type Pos = (usize, usize);

/// The call site's position: proc-macro2 puts it on line 1, where no input token is.
const CALL_SITE: Pos = (1, 0);

fn start(span: proc_macro2::Span) -> Pos {
    let at = span.start();
    (at.line, at.column)
}

fn end(span: proc_macro2::Span) -> Pos {
    let at = span.end();
    (at.line, at.column)
}

/// Arguments and item as token streams, with the first and last position each covers.
struct Input {
    args: TokenStream,
    item: TokenStream,
    regions: Vec<(Pos, Pos)>,
}

/// Lexes the stand-ins of `args` from line 2 and those of `item` from a later line, then builds
/// the described tokens with their spans.
fn materialize(args: &[Tok], item: &[Tok]) -> Input {
    let mut args_text = String::from("\n");
    render(args, &mut args_text, &mut 0);
    let args_lines = args_text.matches('\n').count() + 1;
    let mut item_text = "\n".repeat(args_lines + 1);
    render(item, &mut item_text, &mut 0);
    let lex = |text: &str| {
        TokenStream::from_str(text)
            .unwrap_or_else(|error| panic!("harness bug: {error:?} lexing {text}"))
    };
    let args = build(args, lex(&args_text));
    let item = build(item, lex(&item_text));
    let regions = [&args, &item].into_iter().filter_map(region).collect();
    Input {
        args,
        item,
        regions,
    }
}

fn region(stream: &TokenStream) -> Option<(Pos, Pos)> {
    let mut spans = Vec::new();
    collect_spans(stream, &mut spans);
    let first = spans.iter().map(|(start, _)| *start).min()?;
    let last = spans.iter().map(|(_, end)| *end).max()?;
    Some((first, last))
}

fn collect_spans(stream: &TokenStream, spans: &mut Vec<(Pos, Pos)>) {
    for tree in stream.clone() {
        spans.push((start(tree.span()), end(tree.span())));
        if let TokenTree::Group(group) = &tree {
            collect_spans(&group.stream(), spans);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The properties.

/// How an output satisfied property 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// A file without errors: the function, expanded.
    Expanded,
    /// A file with `compile_error!`s.
    ExpandedWithErrors,
    /// The unparsable item unchanged, then `compile_error!`s.
    ItemUnchanged,
    /// A file once the user's unparsed body is replaced by `{}`.
    BodyUnparsed,
}

fn check(input: &Input, kind: Macro, build: Build) -> Result<Outcome, String> {
    let output = catch_unwind(AssertUnwindSafe(|| {
        expand(input.args.clone(), input.item.clone(), kind, build)
    }))
    .map_err(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("<not a string>");
        format!("expand panicked: {message}")
    })?;
    let errors = check_errors(&output, &input.regions)?;
    let outcome = if let Ok(file) = syn::parse2::<syn::File>(output.clone()) {
        if errors > 0 {
            Outcome::ExpandedWithErrors
        } else {
            has_a_function(&file)?;
            Outcome::Expanded
        }
    } else if item_unchanged_then_errors(&input.item, &output) {
        if syn::parse2::<syn::Item>(input.item.clone()).is_ok() {
            return Err("a valid item was passed through unexpanded".into());
        }
        Outcome::ItemUnchanged
    } else {
        let (replaced, stripped) = match body_text(&input.item) {
            Some(body) => without_body(output.clone(), &body),
            None => (0, output.clone()),
        };
        let file = syn::parse2::<syn::File>(stripped)
            .ok()
            .filter(|_| replaced > 0)
            .ok_or_else(|| format!("the output is not a file, nor the item unchanged then errors:\n  output: {output}"))?;
        if errors == 0 {
            has_a_function(&file)?;
        }
        Outcome::BodyUnparsed
    };
    Ok(outcome)
}

fn has_a_function(file: &syn::File) -> Result<(), String> {
    if file
        .items
        .iter()
        .any(|item| matches!(item, syn::Item::Fn(_)))
    {
        return Ok(());
    }
    Err(format!(
        "no error, but no function in the output: {}",
        quote::ToTokens::to_token_stream(file)
    ))
}

/// Finds every top-level `::core::compile_error! { "..." }` and checks its spans and message;
/// returns how many there are.
fn check_errors(output: &TokenStream, regions: &[(Pos, Pos)]) -> Result<usize, String> {
    let trees: Vec<TokenTree> = output.clone().into_iter().collect();
    let mut count = 0;
    for (i, tree) in trees.iter().enumerate() {
        let TokenTree::Ident(ident) = tree else {
            continue;
        };
        let (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(group))) =
            (trees.get(i + 1), trees.get(i + 2))
        else {
            continue;
        };
        if ident != "compile_error" || bang.as_char() != '!' {
            continue;
        }
        count += 1;
        // `::core::` before it, when syn emitted it.
        let first = if i >= 5 && matches!(&trees[i - 3], TokenTree::Ident(core) if core == "core") {
            i - 5
        } else {
            i
        };
        let mut spans = Vec::new();
        for tree in &trees[first..=i + 2] {
            spans.push((tree.span(), tree.to_string()));
        }
        for tree in group.stream() {
            spans.push((tree.span(), tree.to_string()));
        }
        let message = syn::parse2::<syn::LitStr>(group.stream())
            .map_err(|_| format!("a compile_error! without a string: {group}"))?;
        if message.value().is_empty() {
            return Err("a compile_error! with an empty message".into());
        }
        for (span, token) in spans {
            let (from, to) = (start(span), end(span));
            let at_call_site = from == CALL_SITE && to == CALL_SITE;
            let inside = regions
                .iter()
                .any(|(first, last)| *first <= from && to <= *last);
            if !at_call_site && !inside {
                return Err(format!(
                    "compile_error!({:?}): `{token}` spans {from:?}..{to:?}, outside the input {regions:?} and not the call site",
                    message.value()
                ));
            }
        }
    }
    Ok(count)
}

/// Whether the output is the item's tokens, unchanged (spans included) but for a top-level
/// `async` (dropped so rustc adds no E0752), then only `compile_error!`s (at least one).
fn item_unchanged_then_errors(item: &TokenStream, output: &TokenStream) -> bool {
    let item: Vec<TokenTree> = item
        .clone()
        .into_iter()
        .filter(|tree| !matches!(tree, TokenTree::Ident(ident) if ident == "async"))
        .collect();
    let output: Vec<TokenTree> = output.clone().into_iter().collect();
    let output = after_the_keys_fn(&output);
    if output.len() <= item.len() || !same_trees(&item, &output[..item.len()]) {
        return false;
    }
    let rest: TokenStream = output[item.len()..].iter().cloned().collect();
    syn::parse2::<syn::File>(rest).is_ok_and(|file| {
        file.attrs.is_empty()
            && file.items.iter().all(|item| {
                matches!(item, syn::Item::Macro(m)
                    if m.mac.path.segments.last().is_some_and(|s| s.ident == "compile_error"))
            })
    })
}

/// The output after the fn that names the option keys for editors, which an unparsable item
/// comes after: `#[allow(dead_code)] fn __mainspring_option_keys() { .. }`.
fn after_the_keys_fn(output: &[TokenTree]) -> &[TokenTree] {
    match output {
        [
            _,
            _,
            TokenTree::Ident(fn_token),
            TokenTree::Ident(name),
            _,
            _,
            rest @ ..,
        ] if fn_token == "fn" && name == "__mainspring_option_keys" => rest,
        _ => output,
    }
}

fn same_trees(a: &[TokenTree], b: &[TokenTree]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            let same = match (a, b) {
                (TokenTree::Ident(a), TokenTree::Ident(b)) => a == b,
                (TokenTree::Punct(a), TokenTree::Punct(b)) => {
                    a.as_char() == b.as_char() && a.spacing() == b.spacing()
                }
                (TokenTree::Literal(a), TokenTree::Literal(b)) => a.to_string() == b.to_string(),
                (TokenTree::Group(a), TokenTree::Group(b)) => {
                    a.delimiter() == b.delimiter()
                        && same_trees(
                            &a.stream().into_iter().collect::<Vec<_>>(),
                            &b.stream().into_iter().collect::<Vec<_>>(),
                        )
                }
                _ => false,
            };
            same && start(a.span()) == start(b.span()) && end(a.span()) == end(b.span())
        })
}

/// The item's body: its last token, a `{ ... }` group, possibly as the last token of invisible
/// groups (syn looks through them: `async fn ⟦main() { .. }⟧` is a function). As text, and as
/// the text of its trees after any leading inner attributes, which is what a one-line body
/// is spliced as (`expand::one_line`), with the number of those trees.
fn body_text(item: &TokenStream) -> Option<Body> {
    let mut last = item.clone().into_iter().last()?;
    loop {
        match last {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let trees: Vec<TokenTree> = group.stream().into_iter().collect();
                let (_, rest) = crate::expand::inner_attributes(&trees);
                return Some(Body {
                    whole: group.stream().to_string(),
                    spliced: rest.iter().cloned().collect::<TokenStream>().to_string(),
                    spliced_trees: rest.len(),
                });
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                last = group.stream().into_iter().last()?;
            }
            _ => return None,
        }
    }
}

struct Body {
    whole: String,
    spliced: String,
    spliced_trees: usize,
}

/// The output with every `{ ... }` group whose contents read as the body emptied, and every one
/// that ends with a spliced one-line body cut before it; and how many.
fn without_body(stream: TokenStream, body: &Body) -> (usize, TokenStream) {
    let mut replaced = 0;
    let stream = stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let trees: Vec<TokenTree> = group.stream().into_iter().collect();
                let cut = trees.len().checked_sub(body.spliced_trees).filter(|&at| {
                    body.spliced_trees > 0
                        && trees[at..]
                            .iter()
                            .cloned()
                            .collect::<TokenStream>()
                            .to_string()
                            == body.spliced
                });
                let inner = if group.delimiter() == Delimiter::Brace
                    && group.stream().to_string() == body.whole
                {
                    replaced += 1;
                    TokenStream::new()
                } else if let (Delimiter::Brace, Some(at)) = (group.delimiter(), cut) {
                    replaced += 1;
                    trees[..at].iter().cloned().collect()
                } else {
                    let (count, inner) = without_body(group.stream(), body);
                    replaced += count;
                    inner
                };
                let mut new = Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other,
        })
        .collect();
    (replaced, stream)
}

// ---------------------------------------------------------------------------------------------
// Generators.

const IDENTS: &[&str] = &[
    "flavor",
    "worker_threads",
    "start_paused",
    "crate",
    "unhandled_panic",
    "name",
    "r#flavor",
    "r#name",
    "flavour",
    "Flavor",
    "worker_thread",
    "core_threads",
    "basic_scheduler",
    "threaded_scheduler",
    "current_thread",
    "multi_thread",
    "local",
    "ignore",
    "fn",
    "async",
    "await",
    "pub",
    "unsafe",
    "extern",
    "const",
    "static",
    "where",
    "impl",
    "dyn",
    "self",
    "Self",
    "super",
    "mut",
    "ref",
    "move",
    "let",
    "in",
    "struct",
    "enum",
    "mod",
    "use",
    "return",
    "loop",
    "match",
    "true",
    "false",
    "_",
    "main",
    "test",
    "tokio",
    "mainspring",
    "core",
    "std",
    "T",
    "a",
    "x",
    "r#fn",
    "r#async",
    "r#type",
    "r#main",
    "r#test",
    "r#gen",
    "gen",
    "union",
    "macro_rules",
    "yield",
    "doc",
    "should_panic",
    "allow",
    "Result",
    "u32",
    "__arg0",
    "é",
    "λx",
];

const PUNCTS: &[char] = &[
    '=', '<', '>', '!', '~', '+', '-', '*', '/', '%', '^', '&', '|', '@', '.', ',', ';', ':', '#',
    '$', '?', '\'',
];

const OPS: &[&str] = &[
    "::", "=>", "->", "..", "...", "..=", "<<=", ">>=", "==", "!=", "&&", "||", "+=", "#!", "::<",
    "'",
];

const LIFETIMES: &[&str] = &["a", "static", "_", "r#fn"];

/// Literal texts: every kind, suffixes, huge and edge values, escapes, raw forms.
const LITERALS: &[&str] = &[
    "0",
    "1",
    "4",
    "007",
    "0x1F",
    "0o17",
    "0b1010",
    "1_000",
    "4usize",
    "4_usize",
    "4u8",
    "2i32",
    "3u128",
    "0xffu8",
    "4foo",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999",
    "340282366920938463463374607431768211456",
    "-1",
    "-99999999999999999999",
    "1.0",
    "1.",
    "1.5f32",
    "2e10",
    "1e-3",
    "3.0f64",
    "1e99999",
    "1.0foo",
    "\"\"",
    "\"current_thread\"",
    "\"multi_thread\"",
    "\"local\"",
    "\"ignore\"",
    "\"shutdown_runtime\"",
    "\"  \"",
    "\"a\\nb\"",
    "\"\\u{1F600}\"",
    "\"\\x7f\"",
    "\"\\0\"",
    "\"\\\"q\\\"\"",
    "\"multi-thread\"",
    "\"::mainspring\"",
    "\"(\"",
    "\"line\\\n  continued\"",
    "\"x\"suffix",
    "\"é\"",
    "r\"raw\"",
    "r#\"raw \" hash\"#",
    "b\"\"",
    "b\"\\xff\\x00\"",
    "br\"raw\"",
    "br#\"x\"#",
    "c\"\"",
    "c\"hi\"",
    "c\"\\xff\"",
    "cr\"raw\"",
    "'a'",
    "'\\n'",
    "'\\u{10FFFF}'",
    "'\\''",
    "'é'",
    "b'a'",
    "b'\\xff'",
];

const INT_SUFFIXES: &[&str] = &[
    "", "", "", "usize", "u8", "u16", "u32", "u64", "u128", "i8", "i32", "isize", "f32", "_x",
];

fn ident() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(IDENTS).prop_map(String::from),
        1 => "[a-z_][a-z0-9_]{0,12}"
            .prop_filter("a plain identifier", |s| s != "_" && syn::parse_str::<syn::Ident>(s).is_ok()),
    ]
}

fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(LITERALS).prop_map(String::from),
        1 => (any::<u128>(), select(INT_SUFFIXES)).prop_map(|(n, suffix)| format!("{n}{suffix}")),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        1 => "[ -~]{0,24}".prop_map(|s| Literal::string(&s).to_string()),
        1 => any::<String>().prop_map(|s| Literal::string(&s).to_string()),
        1 => any::<char>().prop_map(|c| Literal::character(c).to_string()),
        1 => vec(any::<u8>(), 0..8).prop_map(|b| Literal::byte_string(&b).to_string()),
        1 => vec(1u8.., 0..8).prop_map(|b| {
            let text = std::ffi::CString::new(b).expect("no nul");
            Literal::c_string(&text).to_string()
        }),
    ]
}

fn delim() -> impl Strategy<Value = Delim> {
    select(&[Delim::Paren, Delim::Brace, Delim::Bracket, Delim::None][..])
}

/// One token, or a few that belong together (an operator, a lifetime).
fn leaf() -> impl Strategy<Value = Vec<Tok>> {
    prop_oneof![
        3 => ident().prop_map(|s| vec![Tok::Ident(s)]),
        2 => (select(PUNCTS), any::<bool>()).prop_map(|(c, joint)| vec![Tok::Punct(c, joint)]),
        1 => select(OPS).prop_map(op),
        1 => select(LIFETIMES).prop_map(|l| vec![Tok::Punct('\'', true), Tok::ident(l)]),
        3 => literal().prop_map(|l| vec![Tok::Lit(l)]),
    ]
}

/// A few token trees, groups nested up to four deep.
fn trees() -> impl Strategy<Value = Vec<Tok>> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            (delim(), vec(inner.clone(), 0..6))
                .prop_map(|(d, parts)| vec![Tok::Group(d, parts.concat())]),
            vec(inner, 1..4).prop_map(|parts| parts.concat()),
        ]
    })
}

fn stream() -> impl Strategy<Value = Vec<Tok>> {
    vec(trees(), 0..10).prop_map(|parts| parts.concat())
}

fn kind() -> impl Strategy<Value = Macro> {
    select(&[Macro::Main, Macro::Test][..])
}

fn builds() -> impl Strategy<Value = Build> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(rt_multi_thread, test_util, tokio_unstable, editor)| Build {
            features: Features {
                rt_multi_thread,
                test_util,
                tokio_unstable,
            },
            reader: match editor {
                true => Reader::Editor,
                false => Reader::Rustc,
            },
        },
    )
}

/// One fuzz input.
#[derive(Clone, Debug)]
struct Case {
    kind: Macro,
    build: Build,
    args: Vec<Tok>,
    item: Vec<Tok>,
}

fn random_streams() -> impl Strategy<Value = Case> {
    (kind(), builds(), stream(), stream()).prop_map(|(kind, build, args, item)| Case {
        kind,
        build,
        args,
        item,
    })
}

// Mutations of the valid examples. Each picks its target among the tokens it applies to (by
// index, modulo their number) and does nothing when there are none.

#[derive(Clone, Debug)]
enum Mutation {
    Drop(Index),
    Duplicate(Index),
    SwapNeighbours(Index),
    SwapLeaves(Index, Index),
    ReplaceLiteral(Index, String),
    ReplaceIdent(Index, String),
    Insert(Index, Vec<Tok>),
    Wrap(Index, usize, Delim),
    Unwrap(Index),
    Redelimit(Index, Delim),
    Respace(Index),
    /// `#[..]` or `#![..]` with any delimiter and contents, before a token.
    Attribute(Index, bool, Delim, Vec<Tok>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Drop),
        2 => any::<Index>().prop_map(Mutation::Duplicate),
        2 => any::<Index>().prop_map(Mutation::SwapNeighbours),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLeaves(a, b)),
        3 => (any::<Index>(), literal()).prop_map(|(i, l)| Mutation::ReplaceLiteral(i, l)),
        2 => (any::<Index>(), ident()).prop_map(|(i, s)| Mutation::ReplaceIdent(i, s)),
        2 => (any::<Index>(), trees()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        1 => (any::<Index>(), 1..4usize, delim()).prop_map(|(i, n, d)| Mutation::Wrap(i, n, d)),
        1 => any::<Index>().prop_map(Mutation::Unwrap),
        2 => (any::<Index>(), delim()).prop_map(|(i, d)| Mutation::Redelimit(i, d)),
        1 => any::<Index>().prop_map(Mutation::Respace),
        2 => (any::<Index>(), any::<bool>(), delim(), attribute_contents())
            .prop_map(|(i, inner, d, contents)| Mutation::Attribute(i, inner, d, contents)),
    ]
}

/// What goes between the brackets of an attribute: usually a path and arguments.
fn attribute_contents() -> impl Strategy<Value = Vec<Tok>> {
    let path = select(
        &[
            "test",
            "tokio::test",
            "mainspring::test",
            "doc",
            "allow",
            "cfg",
            "should_panic",
            "inline",
            "r#test",
            "core::prelude::v1::test",
        ][..],
    )
    .prop_map(tokens);
    prop_oneof![
        2 => path.clone(),
        2 => (path.clone(), delim(), stream()).prop_map(|(path, d, args)| [path, vec![Tok::Group(d, args)]].concat()),
        1 => (path, literal()).prop_map(|(path, value)| [path, op("="), vec![Tok::Lit(value)]].concat()),
        1 => stream(),
    ]
}

/// Paths (child indices from the top) of the tokens that `keep` accepts, in source order.
fn paths(toks: &[Tok], keep: &dyn Fn(&Tok) -> bool) -> Vec<Vec<usize>> {
    fn walk(
        toks: &[Tok],
        prefix: &mut Vec<usize>,
        keep: &dyn Fn(&Tok) -> bool,
        out: &mut Vec<Vec<usize>>,
    ) {
        for (i, tok) in toks.iter().enumerate() {
            prefix.push(i);
            if keep(tok) {
                out.push(prefix.clone());
            }
            if let Tok::Group(_, inner) = tok {
                walk(inner, prefix, keep, out);
            }
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    walk(toks, &mut Vec::new(), keep, &mut out);
    out
}

/// The sequence holding the token at `path`, and its index there.
fn parent<'a>(toks: &'a mut Vec<Tok>, path: &[usize]) -> (&'a mut Vec<Tok>, usize) {
    let (last, init) = path.split_last().expect("a path is never empty");
    let mut seq = toks;
    for &i in init {
        let Tok::Group(_, inner) = &mut seq[i] else {
            unreachable!("paths go through groups")
        };
        seq = inner;
    }
    (seq, *last)
}

fn at<'a>(toks: &'a mut Vec<Tok>, path: &[usize]) -> &'a mut Tok {
    let (seq, i) = parent(toks, path);
    &mut seq[i]
}

fn pick(toks: &[Tok], index: &Index, keep: &dyn Fn(&Tok) -> bool) -> Option<Vec<usize>> {
    let found = paths(toks, keep);
    (!found.is_empty()).then(|| found[index.index(found.len())].clone())
}

fn any_tok(_: &Tok) -> bool {
    true
}

fn mutate(toks: &mut Vec<Tok>, mutation: &Mutation) {
    let is_lit = |t: &Tok| matches!(t, Tok::Lit(_));
    let is_ident = |t: &Tok| matches!(t, Tok::Ident(_));
    let is_group = |t: &Tok| matches!(t, Tok::Group(..));
    let is_punct = |t: &Tok| matches!(t, Tok::Punct(..));
    let is_leaf = |t: &Tok| !is_group(t);
    match mutation {
        Mutation::Drop(i) => {
            if let Some(path) = pick(toks, i, &any_tok) {
                let (seq, j) = parent(toks, &path);
                seq.remove(j);
            }
        }
        Mutation::Duplicate(i) => {
            if let Some(path) = pick(toks, i, &any_tok) {
                let (seq, j) = parent(toks, &path);
                let copy = seq[j].clone();
                seq.insert(j, copy);
            }
        }
        Mutation::SwapNeighbours(i) => {
            if let Some(path) = pick(toks, i, &any_tok) {
                let (seq, j) = parent(toks, &path);
                if j + 1 < seq.len() {
                    seq.swap(j, j + 1);
                } else if j > 0 {
                    seq.swap(j - 1, j);
                }
            }
        }
        Mutation::SwapLeaves(a, b) => {
            if let (Some(a), Some(b)) = (pick(toks, a, &is_leaf), pick(toks, b, &is_leaf)) {
                let first = at(toks, &a).clone();
                let second = std::mem::replace(at(toks, &b), first);
                *at(toks, &a) = second;
            }
        }
        Mutation::ReplaceLiteral(i, text) => {
            let path = pick(toks, i, &is_lit).or_else(|| pick(toks, i, &any_tok));
            if let Some(path) = path {
                *at(toks, &path) = Tok::Lit(text.clone());
            }
        }
        Mutation::ReplaceIdent(i, text) => {
            let path = pick(toks, i, &is_ident).or_else(|| pick(toks, i, &any_tok));
            if let Some(path) = path {
                *at(toks, &path) = Tok::Ident(text.clone());
            }
        }
        Mutation::Insert(i, new) => match pick(toks, i, &any_tok) {
            Some(path) => {
                let (seq, j) = parent(toks, &path);
                seq.splice(j..j, new.iter().cloned());
            }
            None => toks.extend(new.iter().cloned()),
        },
        Mutation::Wrap(i, count, delim) => {
            if let Some(path) = pick(toks, i, &any_tok) {
                let (seq, j) = parent(toks, &path);
                let end = (j + count).min(seq.len());
                let inner: Vec<Tok> = seq.drain(j..end).collect();
                seq.insert(j, Tok::Group(*delim, inner));
            }
        }
        Mutation::Unwrap(i) => {
            if let Some(path) = pick(toks, i, &is_group) {
                let (seq, j) = parent(toks, &path);
                if let Tok::Group(_, inner) = seq.remove(j) {
                    seq.splice(j..j, inner);
                }
            }
        }
        Mutation::Redelimit(i, new) => {
            if let Some(path) = pick(toks, i, &is_group) {
                if let Tok::Group(delim, _) = at(toks, &path) {
                    *delim = *new;
                }
            }
        }
        Mutation::Attribute(i, inner, delim, contents) => {
            let mut attribute = op(if *inner { "#!" } else { "#" });
            attribute.push(Tok::Group(*delim, contents.clone()));
            match pick(toks, i, &any_tok) {
                Some(path) => {
                    let (seq, j) = parent(toks, &path);
                    seq.splice(j..j, attribute);
                }
                None => toks.extend(attribute),
            }
        }
        Mutation::Respace(i) => {
            if let Some(path) = pick(toks, i, &is_punct) {
                if let Tok::Punct(_, joint) = at(toks, &path) {
                    *joint = !*joint;
                }
            }
        }
    }
}

fn mutated_examples() -> impl Strategy<Value = Case> {
    (
        0..EXAMPLES.len(),
        prop_oneof![9 => Just(false), 1 => Just(true)],
        builds(),
        prop_oneof![1 => Just(Vec::new()), 2 => vec(mutation(), 1..4)],
        // Most mutations make the item unparsable: leave it whole in half the cases.
        prop_oneof![1 => Just(Vec::new()), 1 => vec(mutation(), 1..4)],
    )
        .prop_map(|(example, flip, build, args_mutations, item_mutations)| {
            let (kind, args, item) = EXAMPLES[example];
            let kind = match (kind, flip) {
                (kind, false) => kind,
                (Macro::Main, true) => Macro::Test,
                (Macro::Test, true) => Macro::Main,
            };
            let mut args = tokens(args);
            for mutation in &args_mutations {
                mutate(&mut args, mutation);
            }
            let mut item = tokens(item);
            for mutation in &item_mutations {
                mutate(&mut item, mutation);
            }
            Case {
                kind,
                build,
                args,
                item,
            }
        })
}

// Option lists.

const ODD_KEYS: &[&str] = &[
    "flavour",
    "Flavor",
    "falvor",
    "worker_thread",
    "workers",
    "core_threads",
    "max_threads",
    "basic_scheduler",
    "threaded_scheduler",
    "single_thread",
    "current_thread",
    "multi_thread",
    "local",
    "start_pause",
    "unhandled_panics",
    "self",
    "fn",
    "async",
    "r#async",
    "_",
    "x",
];

const VALUE_STRINGS: &[&str] = &[
    "current_thread",
    "multi_thread",
    "local",
    "multi-thread",
    "Current_Thread",
    "basic_scheduler",
    "threaded_scheduler",
    "single_threaded",
    "ignore",
    "shutdown_runtime",
    "shutdown-runtime",
    "Ignore",
    "",
    " ",
    "\t\n",
    "my-runtime",
    "::mainspring",
    "mainspring",
    "my::reexport",
    "::",
    "crate",
    "self",
    "(",
    ")",
    "a b",
    "fn",
    "r#fn",
    "1",
    "x::<T>",
    "::a::b::",
    "<T as X>::y",
    "é",
    "\u{0}",
    "\u{202e}",
    "a\"b",
    "\\",
    "{",
    "/*",
    "//",
    "'a",
    "\"",
    "1e",
    "r#\"",
    "c\"x\"",
    "3MiB",
    "64 KB",
    "1_000B",
    "0B",
    "3 mebibytes",
    "-3MiB",
    "99999999999999999999999GiB",
    "10s",
    "250ms",
    "7us",
    "5µs",
    "0s",
    "2m",
    "1h",
    "10",
    "10 fortnights",
    "99999999999999999999999h",
    "18446744073709551616ns",
    "io",
    "time",
];

const VALUE_TOKENS: &[&str] = &[
    "true",
    "false",
    "current_thread",
    "multi_thread",
    "my::reexport",
    "::mainspring",
    "crate",
    "self",
    "self::x",
    "a::<T>",
    "<T as X>::y",
    "1 + 2",
    "4 as usize",
    "|| 4",
    "\"a\".to_string()",
    "-4",
    "- \"x\"",
    "!true",
    "(4)",
    "{ 4 }",
    "[4]",
    "(\"current_thread\")",
    "#[a] 4",
    "'a",
    "async {}",
    "..",
    "x = 1",
    "[\"io\", \"time\"]",
    "[\"io\", \"io\"]",
    "[\"tim\"]",
    "[]",
    "[io]",
    "[\"current_thread\", \"multi_thread\"]",
    "[\"local\", \"local\"]",
    "[\"current_thread\", 1]",
    "[[\"io\"]]",
    "[\"io\"; 2]",
    "|| {}",
    "|| \"w\".to_owned()",
    "move |x| x",
    "Duration::from_millis(250)",
    "cores() / 2",
    "1 << 26",
    "format!(\"pool-{}\", 1)",
    "runtime::my_builder",
    "<T>::f",
    "-0",
    "- -1",
    "-(1)",
];

/// Every option's name, for both attributes.
fn keys() -> Vec<&'static str> {
    OPTIONS.iter().map(|spec| spec.name).collect()
}

fn option_key() -> impl Strategy<Value = Vec<Tok>> {
    prop_oneof![
        8 => select(keys()).prop_map(|k| vec![Tok::ident(k)]),
        2 => select(keys())
            .prop_filter("a raw identifier", |k| *k != "crate")
            .prop_map(|k| vec![Tok::Ident(format!("r#{k}"))]),
        3 => select(ODD_KEYS).prop_map(|k| vec![Tok::ident(k)]),
        1 => ident().prop_map(|k| vec![Tok::Ident(k)]),
        1 => select(keys()).prop_map(|k| [vec![Tok::ident("tokio")], op("::"), vec![Tok::ident(k)]].concat()),
        1 => leaf(),
        1 => Just(Vec::new()),
    ]
}

fn option_value() -> impl Strategy<Value = Vec<Tok>> {
    prop_oneof![
        4 => select(VALUE_STRINGS).prop_map(|s| vec![Tok::string(s)]),
        2 => select(LITERALS).prop_map(|l| vec![Tok::lit(l)]),
        2 => (0u128..20, select(INT_SUFFIXES)).prop_map(|(n, s)| vec![Tok::Lit(format!("{n}{s}"))]),
        1 => literal().prop_map(|l| vec![Tok::Lit(l)]),
        3 => select(VALUE_TOKENS).prop_map(tokens),
        // What `macro_rules!` passes for `$value:expr` or `$value:literal`.
        2 => prop_oneof![
            select(VALUE_STRINGS).prop_map(|s| vec![Tok::string(s)]),
            select(VALUE_TOKENS).prop_map(tokens),
            select(LITERALS).prop_map(|l| vec![Tok::lit(l)]),
        ]
        .prop_map(|inner| vec![Tok::Group(Delim::None, inner)]),
        1 => trees(),
        1 => Just(Vec::new()),
    ]
}

fn option_entry() -> impl Strategy<Value = Vec<Tok>> {
    let assign = prop_oneof![
        10 => Just(op("=")),
        1 => Just(Vec::new()),
        1 => select(&["==", "=>", ":", "= ="][..]).prop_map(tokens),
    ];
    let separator = prop_oneof![
        10 => Just(op(",")),
        1 => Just(Vec::new()),
        1 => select(&[", ,", ";", ".", ",,"][..]).prop_map(tokens),
    ];
    (
        option_key(),
        prop_oneof![8 => assign.prop_map(Some), 1 => Just(None)],
        option_value(),
        separator,
    )
        .prop_map(|(key, assign, value, separator)| match assign {
            Some(assign) => [key, assign, value, separator].concat(),
            // A bare key.
            None => [key, separator].concat(),
        })
}

fn option_lists() -> impl Strategy<Value = Case> {
    (
        kind(),
        builds(),
        vec(option_entry(), 0..7),
        // Repeat one of them, so that duplicates are frequent.
        prop::option::weighted(0.3, any::<Index>()),
        any::<bool>(),
        0..EXAMPLES.len(),
    )
        .prop_map(|(kind, build, mut entries, repeat, trailing, example)| {
            if let Some(index) = repeat
                && !entries.is_empty()
            {
                let mut again = entries[index.index(entries.len())].clone();
                if !matches!(again.last(), Some(Tok::Punct(',', _))) {
                    again.insert(0, Tok::Punct(',', false));
                }
                entries.push(again);
            }
            let mut args = entries.concat();
            if !trailing && matches!(args.last(), Some(Tok::Punct(',', _))) {
                args.pop();
            }
            Case {
                kind,
                build,
                args,
                item: tokens(EXAMPLES[example].2),
            }
        })
}

// ---------------------------------------------------------------------------------------------
// The runner.

/// Inputs per fuzz test: `MAINSPRING_FUZZ_CASES` split over the three, else a CI-sized run.
fn cases() -> (u32, bool) {
    match std::env::var("MAINSPRING_FUZZ_CASES") {
        Ok(total) => {
            let total: u32 = total
                .parse()
                .expect("MAINSPRING_FUZZ_CASES is a number of inputs");
            (total.div_ceil(3), true)
        }
        Err(_) => (400, false),
    }
}

/// `MAINSPRING_FUZZ_SEED`, else a fixed seed for CI and a fresh one for long runs.
fn seed(long: bool) -> u64 {
    if let Ok(seed) = std::env::var("MAINSPRING_FUZZ_SEED") {
        return seed.parse().expect("MAINSPRING_FUZZ_SEED is a u64");
    }
    if !long {
        return 0x6d61_696e_7370_7267;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    now.as_secs() ^ u64::from(now.subsec_nanos()).rotate_left(32)
}

/// rustc runs proc macros on its main thread, whose stack is 8 MiB.
const RUSTC_STACK: usize = 8 << 20;

/// Longer than any input takes (the slowest take milliseconds in a debug build).
const HANG: Duration = Duration::from_secs(60);

/// Materializes and checks one case on a fresh thread (a fresh span source map) with rustc's
/// stack size. A hang cannot be recovered from: the input is printed and the process exits.
fn run_case(case: &Case) -> Result<Outcome, String> {
    let (send, receive) = std::sync::mpsc::channel();
    let owned = case.clone();
    let worker = std::thread::Builder::new()
        .name("fuzz case".into())
        .stack_size(RUSTC_STACK)
        .spawn(move || {
            let input = materialize(&owned.args, &owned.item);
            let result = check(&input, owned.kind, owned.build).map_err(|problem| {
                format!(
                    "{problem}\n  kind: {:?}, build: {:?}\n  args: {}\n  item: {}",
                    owned.kind, owned.build, input.args, input.item
                )
            });
            let _ = send.send(result);
        })
        .expect("a thread for the case");
    match receive.recv_timeout(HANG) {
        Ok(result) => {
            let _ = worker.join();
            result
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            eprintln!("expand did not return within {HANG:?} on {case:#?}");
            std::process::exit(101);
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(format!("the harness panicked on {case:?}"))
        }
    }
}

fn fuzz(name: &str, strategy: impl Strategy<Value = Case>) {
    let (cases, long) = cases();
    let seed = seed(long);
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        // ChaCha, the default, takes most of the time here.
        rng_algorithm: RngAlgorithm::XorShift,
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..Config::default()
    });
    let counts: [Cell<u64>; 4] = Default::default();
    let started = Instant::now();
    let result = runner.run(&strategy, |case| {
        let outcome = run_case(&case).map_err(TestCaseError::fail)?;
        let slot = &counts[outcome as usize];
        slot.set(slot.get() + 1);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name} (seed {seed}): {error}");
    }
    let [expanded, with_errors, unchanged, body] = counts.map(Cell::into_inner);
    eprintln!(
        "{name}: {cases} inputs in {:.1?}, seed {seed}, no failure; {expanded} expanded cleanly, \
         {with_errors} expanded with errors, {unchanged} passed through unchanged with errors, \
         {body} with an unparsed body",
        started.elapsed()
    );
}

#[test]
fn fuzz_random_streams() {
    fuzz("fuzz_random_streams", random_streams());
}

#[test]
fn fuzz_mutated_examples() {
    fuzz("fuzz_mutated_examples", mutated_examples());
}

#[test]
fn fuzz_option_lists() {
    fuzz("fuzz_option_lists", option_lists());
}

// ---------------------------------------------------------------------------------------------
// Sanity checks of the harness itself.

/// Every valid example expands without error, so mutations start from a clean expansion.
#[test]
fn valid_examples_have_no_errors() {
    for (kind, args, item) in EXAMPLES {
        let input = materialize(&tokens(args), &tokens(item));
        assert_eq!(
            check(&input, *kind, ALL),
            Ok(Outcome::Expanded),
            "{args} / {item}"
        );
    }
}

/// Every literal text lexes as one literal, and an input round-trips through `materialize`.
#[test]
fn harness_builds_what_it_describes() {
    for text in LITERALS {
        assert!(Literal::from_str(text).is_ok(), "{text}");
    }
    let toks = vec![
        Tok::Group(Delim::None, vec![Tok::lit("-4i8"), Tok::Punct('\'', true)]),
        Tok::ident("r#fn"),
    ];
    let input = materialize(&[], &toks);
    assert_eq!(input.item.to_string(), "- 4i8 ' r#fn");
    assert!(input.args.is_empty());
    let [(first, last)] = input.regions[..] else {
        panic!("one region")
    };
    assert!(first.0 > CALL_SITE.0 && last >= first, "{first:?} {last:?}");
}

/// The span check rejects a `compile_error!` placed outside the input.
#[test]
fn harness_rejects_errors_outside_the_input() {
    let input = materialize(&[], &tokens("struct S;"));
    let elsewhere: TokenStream = "\n\n\n\n\n\n\n\n\n\nx".parse().unwrap();
    let span = elsewhere.into_iter().next().unwrap().span();
    let output = syn::Error::new(span, "misplaced").into_compile_error();
    assert!(check_errors(&output, &input.regions).is_err());
    let output = syn::Error::new(proc_macro2::Span::call_site(), "here").into_compile_error();
    assert_eq!(check_errors(&output, &input.regions), Ok(1));
}

// ---------------------------------------------------------------------------------------------
// Huge inputs.

/// The messages of the `compile_error!`s in an output (which must be a file).
fn messages(output: TokenStream) -> Vec<String> {
    let file: syn::File = syn::parse2(output).expect("the output is a file");
    compile_error_messages(&file)
}

fn expand_text(kind: Macro, args: &str, item: &str) -> (TokenStream, Duration) {
    let args: TokenStream = args.parse().expect("args lex");
    let item: TokenStream = item.parse().expect("item lexes");
    let started = Instant::now();
    let output = expand(args, item, kind, ALL);
    (output, started.elapsed())
}

#[test]
fn a_huge_worker_threads_is_too_large() {
    let limit = format!("`worker_threads` is too large; the limit is {}", u64::MAX);
    for huge in [
        "99999999999999999999",
        "340282366920938463463374607431768211456usize",
        &"9".repeat(1_000),
    ] {
        let args = format!("worker_threads = {huge}");
        let (output, elapsed) = expand_text(Macro::Main, &args, "async fn main() {}");
        assert_eq!(messages(output), [limit.as_str()], "{}", &huge[..20]);
        eprintln!("worker_threads = <{} digits>: {elapsed:.1?}", huge.len());
    }
}

/// The one message of an expansion whose options are `args` (on `async fn main() {}`).
fn one_message(args: &str) -> (String, Duration) {
    let (output, elapsed) = expand_text(Macro::Main, args, "async fn main() {}");
    let found = messages(output);
    let short: Vec<&str> = found.iter().map(|m| &m[..m.len().min(80)]).collect();
    assert_eq!(found.len(), 1, "{short:?}");
    (found.into_iter().next().unwrap_or_default(), elapsed)
}

#[test]
fn a_one_megabyte_string_gives_clear_errors() {
    let big = "a".repeat(1 << 20);
    for (key, starts, ends) in [
        (
            "flavor",
            "unknown flavor `aaaa",
            "`current_thread`, `multi_thread` or `local`",
        ),
        (
            "unhandled_panic",
            "unknown `unhandled_panic` behaviour `aaaa",
            "`ignore` or `shutdown_runtime`",
        ),
        ("thread_stack_size", "bad `thread_stack_size`: ", ""),
        ("timeout", "bad `timeout`: ", ""),
        ("worker_threads", "`worker_threads` takes an integer", ""),
        ("start_paused", "`start_paused` takes", ""),
        ("enable", "`enable` takes a list of drivers", ""),
    ] {
        let (message, elapsed) = one_message(&format!("{key} = {big:?}"));
        let short = &message[..message.len().min(120)];
        assert!(message.starts_with(starts), "{key}: {short}");
        assert!(message.ends_with(ends), "{key}: {short}");
        eprintln!(
            "{key} = <1 MiB string>: {elapsed:.1?}, a message of {} bytes: {short}...",
            message.len()
        );
    }
    let spaced = "a ".repeat(1 << 19);
    let (message, _) = one_message(&format!("crate = {spaced:?}"));
    assert!(message.starts_with("`crate` must be a path, such as `\"::mainspring\"`; `a a "));

    // A long name is a valid name: it is passed to tokio as written.
    let (output, elapsed) = expand_text(
        Macro::Main,
        &format!("name = {big:?}"),
        "async fn main() {}",
    );
    assert_eq!(messages(output.clone()), Vec::<String>::new());
    assert!(output.to_string().contains(&big));
    eprintln!("name = <1 MiB string>: {elapsed:.1?}");
}

#[test]
fn ten_thousand_options_give_one_error_each() {
    // Cycles through an unknown key, a duplicate, a bare key and a bad value.
    let mut args = String::from("flavor = \"current_thread\"");
    let mut expected = Vec::new();
    for i in 1..10_000 {
        match i % 4 {
            0 => {
                write!(args, ", option_{i} = {i}").unwrap();
                expected.push(format!("unknown option `option_{i}`; "));
            }
            1 => {
                args.push_str(", flavor = \"local\"");
                expected.push("`flavor` is given more than once; remove this one".into());
            }
            2 => {
                args.push_str(", name");
                expected.push("`name` needs a value".into());
            }
            _ => {
                write!(args, ", r#event_interval = \"{i}\"").unwrap();
                expected.push(if i == 3 {
                    "`event_interval` takes an integer".into()
                } else {
                    "`event_interval` is given more than once; remove this one".into()
                });
            }
        }
    }
    let (output, elapsed) = expand_text(Macro::Main, &args, "async fn main() {}");
    let found = messages(output);
    assert_eq!(found.len(), expected.len());
    for (found, expected) in found.iter().zip(&expected) {
        assert!(found.starts_with(expected.as_str()), "{found} / {expected}");
    }
    eprintln!("10,000 options: {} errors in {elapsed:.1?}", found.len());
}

// ---------------------------------------------------------------------------------------------
// Deep nesting. rustc runs the macro on its 8 MiB main thread, and a stack overflow aborts the
// compiler (it is not a panic), so these expand on a thread of that size in a child process:
// this test binary, filtered to one ignored `child_*` test, with `MAINSPRING_FUZZ_CHILD` set.

const CHILD: &str = "MAINSPRING_FUZZ_CHILD";

/// Runs the ignored test `name` of the module `module` in a child process; whether it passed,
/// and its output.
fn in_child_process(module: &str, name: &str) -> (bool, String) {
    let module = module.split_once("::").map_or(module, |(_, path)| path);
    let output = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            &format!("{module}::{name}"),
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .expect("the test binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // A filter that matches no test also exits 0: the child must have run its one test.
    let ran = text.contains("test result: ok. 1 passed");
    (output.status.success() && ran, text)
}

/// In a child process: expands on a thread with rustc's stack; the messages of the top-level
/// `compile_error! { ".." }`s (read without recursion: the output may be too deep for a
/// recursive walk).
fn expand_deep(args: String, item: String) -> Option<Vec<String>> {
    std::env::var_os(CHILD)?;
    let messages = std::thread::Builder::new()
        .stack_size(RUSTC_STACK)
        .spawn(move || {
            let (output, _) = expand_text(Macro::Main, &args, &item);
            top_level_errors(&output)
                .into_iter()
                .map(|(message, _)| message)
                .collect::<Vec<_>>()
        })
        .expect("a thread")
        .join()
        .expect("expand returns");
    Some(messages)
}

/// In a child process: the input was reported as nested too deep, and nothing else.
fn assert_too_deep(messages: Option<Vec<String>>) {
    if let Some(messages) = messages {
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("this is nested more than 64 levels deep"),
            "{messages:?}"
        );
    }
}

fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// rustc itself overflows at about 1,500 nested parentheses in a body: twice 1,000 is more
/// than it can hand to the macro. The body is passed through unparsed.
#[test]
fn a_deeply_nested_body_expands() {
    let (passed, output) = in_child_process(module_path!(), "child_deeply_nested_body");
    assert!(passed, "{output}");
}

#[test]
#[ignore = "run by `a_deeply_nested_body_expands` in a child process"]
fn child_deeply_nested_body() {
    let parens = format!(
        "async fn main() {{ let _x = {}; }}",
        nested(2_000, "(", "1", ")")
    );
    let braces = format!("async fn main() {}", nested(2_000, "{", "", "}"));
    for item in [parens, braces] {
        if let Some(messages) = expand_deep(String::new(), item) {
            assert_eq!(messages, Vec::<String>::new());
        }
    }
}

/// Minimal inputs for the bugs the harness found, each with what went wrong. They crashed the
/// process that ran them, so each runs its `child_*` twin in a child process. Fixed by the
/// nesting guard in `depth.rs`, which reports such input instead of handing it to syn.
mod regressions {
    use super::{assert_too_deep, expand_deep, in_child_process, nested};

    /// Was: a return type nested 400 deep (`-> ((((),),),)`, 400 levels) overflows the stack
    /// inside the macro (syn's recursive type parser and printer), and rustc dies with SIGSEGV
    /// ("rustc unexpectedly overflowed its stack", frames in libmainspring_macros). Without the
    /// attribute rustc reports a plain type error for the same fn. In this harness (debug build,
    /// 8 MiB) 250 levels already overflow.
    #[test]
    fn a_deeply_nested_return_type_does_not_overflow_the_stack() {
        let (passed, output) = in_child_process(module_path!(), "child_deep_return_type");
        assert!(passed, "{output}");
    }

    #[test]
    #[ignore = "run by its parent test in a child process"]
    fn child_deep_return_type() {
        let item = format!("async fn main() -> {} {{}}", nested(400, "(", "()", ",)"));
        assert_too_deep(expand_deep(String::new(), item));
    }

    /// Was: an option value nested 1,000 deep (`name = ((((\"x\"))))`) overflows the stack in
    /// syn's recursive expression parser; rustc dies with SIGSEGV. rustc itself accepts attribute
    /// arguments nested 10,000 deep (`#[doc(((..)))]`). 500 levels pass.
    #[test]
    fn a_deeply_nested_option_value_does_not_overflow_the_stack() {
        let (passed, output) = in_child_process(module_path!(), "child_deep_option_value");
        assert!(passed, "{output}");
    }

    #[test]
    #[ignore = "run by its parent test in a child process"]
    fn child_deep_option_value() {
        let args = format!("name = {}", nested(1_000, "(", "\"x\"", ")"));
        assert_too_deep(expand_deep(args, "async fn main() {}".to_owned()));
    }

    /// Was: an attribute on the function whose value is nested 1,000 deep
    /// (`#[doc = ((((\"d\"))))]`) overflows the stack in syn's expression parser; rustc dies
    /// with SIGSEGV. Without the macro rustc reports "attribute value must be a literal".
    #[test]
    fn a_deeply_nested_attribute_does_not_overflow_the_stack() {
        let (passed, output) = in_child_process(module_path!(), "child_deep_attribute");
        assert!(passed, "{output}");
    }

    #[test]
    #[ignore = "run by its parent test in a child process"]
    fn child_deep_attribute() {
        let item = format!(
            "#[doc = {}] async fn main() {{}}",
            nested(1_000, "(", "\"d\"", ")")
        );
        assert_too_deep(expand_deep(String::new(), item));
    }
}
