//! The core: parse, validate, expand. Works on `proc_macro2` so unit tests call it directly.

use crate::build::{Build, Reader};
use crate::depth;
use crate::errors::Errors;
use crate::expand;
use crate::ide::Keys;
use crate::model::{Macro, Plan};
use crate::parse;
use crate::validate;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;

/// Expands `#[mainspring::main]` or `#[mainspring::test]` with `args` on `item`.
///
/// Never fails: errors come back as `compile_error!`s next to the function, which is always
/// emitted (expanded with a fallback configuration, or as written if it does not parse), so
/// rust-analyzer keeps working and rustc adds no follow-on errors.
pub fn expand(args: TokenStream, item: TokenStream, kind: Macro, build: Build) -> TokenStream {
    let mut errors = Errors::default();
    // The item's top-level trees, which the depth guard and the parser both read (an item that
    // does not parse, a rare case, is split again for its outline).
    let trees: Vec<TokenTree> = item.clone().into_iter().collect();
    let parsed = match depth::item_too_deep(&trees) {
        Some(span) => Err(syn::Error::new(span, too_deep_message(kind))),
        None => parse::item_fn(trees, &item)
            .map_err(|error| not_a_function(&item, kind).unwrap_or(error)),
    };
    let editor = build.reader == Reader::Editor;
    let empty_slot = editor && ends_with_empty_slot(&args);
    let options = arguments(args, kind, &mut errors);
    let keys = match editor {
        true => Keys::of(&options, empty_slot),
        false => Keys::none(),
    };
    let mut plan = validate::plan(options, kind, build.features, &mut errors);
    let function = match parsed {
        Ok(function) => function,
        Err(error) => return unparsed(item, kind, error, errors, &keys, plan.krate()),
    };
    let shape = validate::function(&function, kind, &mut errors);
    if !errors.is_empty() {
        plan = Plan::fallback(plan.krate().cloned());
    }
    let mut tokens = expand::function(function, &plan, &shape, &keys);
    tokens.extend(errors.into_compile_errors());
    tokens
}

/// Whether the arguments end where another option could be written: none at all, or a
/// trailing comma.
fn ends_with_empty_slot(args: &TokenStream) -> bool {
    match args.clone().into_iter().last() {
        None => true,
        Some(TokenTree::Punct(punct)) => punct.as_char() == ',',
        Some(_) => false,
    }
}

/// The attribute's arguments, or none when they are nested too deep to parse (reported).
fn arguments(args: TokenStream, kind: Macro, errors: &mut Errors) -> Vec<parse::RawOption> {
    match depth::args_too_deep(&args) {
        Some(span) => {
            errors.at(span, too_deep_message(kind));
            Vec::new()
        }
        None => parse::raw_options(args, errors),
    }
}

// An item that is not a function rustc can read is emitted as written (less a top-level
// `async`), with the error that says why, after the errors of the options and of whatever
// the item shows of its signature. rustc never hands an attribute such an item; rust-analyzer
// does, while a body is half-typed (`async fn f() __ra_fixup`), and the attribute's arguments
// are intact then, so a misspelled option is still reported as the user types, and the keys
// still complete and hover: they are named in a fn of their own before the item (a fn, as it
// may stand in an `impl` too).
fn unparsed(
    item: TokenStream,
    kind: Macro,
    error: syn::Error,
    mut errors: Errors,
    keys: &Keys,
    krate: Option<&TokenStream>,
) -> TokenStream {
    let trees: Vec<TokenTree> = item.clone().into_iter().collect();
    if let Some(outline) = parse::outline(&trees) {
        validate::outline(&outline, kind, &mut errors);
    }
    errors.push(error);
    let item = without_async(item);
    let keys = keys.statement(krate);
    let keys_fn = (!keys.is_empty()).then(|| {
        quote! {
            #[allow(dead_code)]
            fn __mainspring_option_keys() { #keys }
        }
    });
    let errors = errors.into_compile_errors();
    quote!(#keys_fn #item #errors)
}

/// An item that cannot be parsed is emitted as written, less a top-level `async`: rustc then
/// adds no E0752 ("`main` function is not allowed to be `async`") to our error.
fn without_async(item: TokenStream) -> TokenStream {
    item.into_iter()
        .filter(|tree| !matches!(tree, TokenTree::Ident(ident) if ident == "async"))
        .collect()
}

fn too_deep_message(kind: Macro) -> String {
    format!(
        "this is nested more than {} levels deep, which `#[{}]` does not parse; simplify it (a type alias helps)",
        depth::MAX_DEPTH,
        kind.attr()
    )
}

/// A clearer error than syn's "expected `fn`" when the item has no `fn` at all (a struct, a
/// `mod`, a closure...), pointing at its first token.
fn not_a_function(item: &TokenStream, kind: Macro) -> Option<syn::Error> {
    let has_fn = item
        .clone()
        .into_iter()
        .any(|tree| matches!(&tree, TokenTree::Ident(ident) if ident == "fn"));
    if has_fn {
        return None;
    }
    let span = item
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |tree| tree.span());
    Some(syn::Error::new(
        span,
        format!("`#[{}]` can only be used on an `async fn`", kind.attr()),
    ))
}

#[cfg(test)]
mod tests {
    use super::expand;
    use crate::build::Build;
    use crate::model::Macro;
    use crate::test_support::{ALL, compile_error_messages, without};
    use proc_macro2::TokenStream;

    /// The expansion as a file (it must always be one) and the messages of its `compile_error!`s.
    fn run(kind: Macro, build: Build, args: &str, item: &str) -> (syn::File, Vec<String>) {
        let args: TokenStream = args.parse().unwrap();
        let item: TokenStream = item.parse().unwrap();
        let file: syn::File = syn::parse2(expand(args, item, kind, build)).unwrap();
        let errors = compile_error_messages(&file);
        (file, errors)
    }

    fn function_names(file: &syn::File) -> Vec<String> {
        file.items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn default_main_flavor_needs_rt_multi_thread() {
        let features = without(|features| features.rt_multi_thread = false);
        let (file, errors) = run(Macro::Main, features, "", "async fn main() {}");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("`rt-multi-thread` feature"),
            "{errors:?}"
        );
        assert_eq!(function_names(&file), ["main"]);
        let (_, errors) = run(
            Macro::Main,
            features,
            "flavor = \"multi_thread\"",
            "async fn main() {}",
        );
        assert!(
            errors[0].starts_with("the `multi_thread` flavor needs"),
            "{errors:?}"
        );
        let (_, errors) = run(
            Macro::Main,
            features,
            "flavor = \"current_thread\"",
            "async fn main() {}",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let (_, errors) = run(Macro::Test, features, "", "async fn t() {}");
        assert!(
            errors.is_empty(),
            "tests default to current_thread: {errors:?}"
        );
    }

    #[test]
    fn the_default_shared_runtime_needs_rt_multi_thread_and_a_named_one_does_not() {
        let features = without(|features| features.rt_multi_thread = false);
        let (file, errors) = run(Macro::Test, features, "shared", "async fn t() {}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("`rt-multi-thread` feature"),
            "{errors:?}"
        );
        assert_eq!(function_names(&file), ["t"]);
        let (_, errors) = run(Macro::Test, features, "shared = DB", "async fn t() {}");
        assert!(errors.is_empty(), "{errors:?}");
        let (_, errors) = run(
            Macro::Test,
            ALL,
            "shared = false, flavor = \"local\"",
            "async fn t() {}",
        );
        assert!(
            errors.is_empty(),
            "`shared = false` is a runtime of the test's own: {errors:?}"
        );
    }

    #[test]
    fn start_paused_needs_test_util() {
        let features = without(|features| features.test_util = false);
        let (_, errors) = run(
            Macro::Test,
            features,
            "start_paused = true",
            "async fn t() {}",
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("`test-util` feature"), "{errors:?}");
    }

    #[test]
    fn unhandled_panic_needs_tokio_unstable() {
        let args = "flavor = \"current_thread\", unhandled_panic = \"ignore\"";
        let stable = without(|features| features.tokio_unstable = false);
        let (_, errors) = run(Macro::Main, stable, args, "async fn main() {}");
        assert!(errors[0].contains("tokio_unstable"), "{errors:?}");
        let (_, errors) = run(Macro::Main, ALL, args, "async fn main() {}");
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn every_option_error_is_reported_at_once() {
        let args =
            "flavour = \"x\", worker_threads = 0, name = \"\", start_paused = 1, crate = 5, bogus";
        let (file, errors) = run(Macro::Main, ALL, args, "async fn main() {}");
        assert_eq!(errors.len(), 6, "{errors:?}");
        assert_eq!(
            function_names(&file),
            ["main"],
            "the function is still emitted"
        );
    }

    #[test]
    fn a_half_typed_body_still_expands_the_signature() {
        // Mid-edit: an unfinished `let`, a dangling `.`, a missing semicolon. The body is never
        // parsed, so the signature expands, no error is added, and rust-analyzer keeps
        // completing inside it (rustc then reports the body's own syntax errors).
        let item: TokenStream = "async fn main() { let config = ; config. let x = 1 }"
            .parse()
            .unwrap();
        let output = expand(TokenStream::new(), item, Macro::Main, ALL).to_string();
        assert!(output.starts_with("fn main () {"), "{output}");
        assert!(
            output.contains(
                ". build () , async move { if false { return ; } let config = ; config . let x = 1 })"
            ),
            "{output}"
        );
        assert!(!output.contains("compile_error"), "{output}");
    }

    #[test]
    fn an_unparsable_item_is_emitted_as_written_but_for_async_with_the_error() {
        let item: TokenStream = "async fn run(x: ) {}".parse().unwrap();
        let output = expand(TokenStream::new(), item, Macro::Main, ALL).to_string();
        assert!(output.starts_with("fn run (x :) { }"), "{output}");
        assert_eq!(output.matches("compile_error").count(), 1, "{output}");
        let (file, errors) = run(
            Macro::Main,
            ALL,
            "flavor = \"current_thread\"",
            "enum E { A }",
        );
        assert_eq!(
            errors,
            ["`#[mainspring::main]` can only be used on an `async fn`"]
        );
        assert!(matches!(file.items[0], syn::Item::Enum(_)));
    }

    #[test]
    fn missing_async_is_reported_and_the_fn_still_runs_a_runtime() {
        let (file, errors) = run(Macro::Main, ALL, "", "fn main() { work().await; }");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("the `async` keyword is missing"));
        let syn::Item::Fn(main) = &file.items[0] else {
            panic!("not a fn")
        };
        let body = quote::ToTokens::to_token_stream(&main.block).to_string();
        assert!(body.contains("block_on"), "{body}");
        assert!(body.contains("async move"), "{body}");
    }

    #[test]
    fn raw_identifiers_are_keys_too() {
        let (_, errors) = run(
            Macro::Main,
            ALL,
            "r#flavor = \"current_thread\"",
            "async fn main() {}",
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// A return type spliced by `macro_rules!` as `$ret:ty` arrives in an invisible group: `!`
    /// (which a turbofish does not take on stable) is still recognised and not pinned.
    #[test]
    fn a_never_return_type_in_an_invisible_group_is_not_pinned() {
        use proc_macro2::{Delimiter, Group, TokenTree};
        let expand_with = |ret: &str| {
            let ret = TokenTree::Group(Group::new(Delimiter::None, ret.parse().unwrap()));
            let mut item: TokenStream = "async fn main() ->".parse().unwrap();
            item.extend([ret]);
            item.extend("{ std::process::exit(0) }".parse::<TokenStream>().unwrap());
            expand(TokenStream::new(), item, Macro::Main, ALL).to_string()
        };
        let never = expand_with("!");
        assert!(!never.contains("output"), "{never}");
        assert!(!never.contains("compile_error"), "{never}");
        let typed = expand_with("u8");
        assert!(typed.contains("output :: < u8 > ()"), "{typed}");
    }

    /// Regression (found by the fuzz harness when the signature began to be re-emitted as
    /// written): arguments in an invisible group were emitted as that group, whose
    /// parentheses then went missing (`fn main { .. }`).
    #[test]
    fn arguments_in_an_invisible_group_keep_their_parentheses() {
        use proc_macro2::{Delimiter, Group, TokenTree};
        let args: TokenStream = "(x: u32)".parse().unwrap();
        let mut item: TokenStream = "async fn twice".parse().unwrap();
        item.extend([TokenTree::Group(Group::new(Delimiter::None, args))]);
        item.extend("-> u32 { x * 2 }".parse::<TokenStream>().unwrap());
        let output: Vec<TokenTree> = expand(TokenStream::new(), item, Macro::Main, ALL)
            .into_iter()
            .collect();
        let after_name = output
            .iter()
            .position(|tree| matches!(tree, TokenTree::Ident(ident) if ident == "twice"))
            .and_then(|at| output.get(at + 1));
        assert!(
            matches!(after_name, Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis),
            "{output:?}"
        );
        let file: syn::File = syn::parse2(output.into_iter().collect()).unwrap();
        assert_eq!(function_names(&file), ["twice"]);
    }

    /// Regression (fuzz harness): `self` after the first argument is syn's error, as it was
    /// when the whole signature was parsed by syn's `Signature`.
    #[test]
    fn a_receiver_after_the_first_argument_is_an_error() {
        for item in [
            "async fn run(&self, self: u32) -> u32 { 1 }",
            "async fn run(x: u32, &self) -> u32 { 1 }",
        ] {
            let tokens: TokenStream = item.parse().unwrap();
            let output = expand(TokenStream::new(), tokens, Macro::Main, ALL).to_string();
            assert!(output.contains("compile_error"), "{output}");
            assert!(output.contains("method receiver"), "{output}");
            assert!(!output.contains("block_on"), "emitted as written: {output}");
        }
    }

    /// A signature part that ends inside an invisible group (here the name and the arguments
    /// grouped together) cannot be split into tokens: reported, and the item emitted as written.
    #[test]
    fn a_part_ending_inside_an_invisible_group_is_reported() {
        use proc_macro2::{Delimiter, Group, TokenTree};
        let grouped: TokenStream = "main ()".parse().unwrap();
        let mut item: TokenStream = "async fn".parse().unwrap();
        item.extend([TokenTree::Group(Group::new(Delimiter::None, grouped))]);
        item.extend("{}".parse::<TokenStream>().unwrap());
        let output = expand(TokenStream::new(), item, Macro::Main, ALL).to_string();
        assert!(output.contains("this cannot be read here"), "{output}");
        assert!(!output.contains("block_on"), "emitted as written: {output}");
        assert!(output.starts_with("fn main ()"), "{output}");
    }

    /// Regression: a body spliced by `macro_rules!` as `$body:block` arrives in an invisible
    /// group and was rejected with "expected the function's body" (tokio issue #5243; found by
    /// the side-by-side tests).
    #[test]
    fn a_body_in_an_invisible_group_is_accepted() {
        use proc_macro2::{Delimiter, Group, TokenTree};
        let body: TokenStream = "{ work().await; }".parse().unwrap();
        let wrapped = TokenTree::Group(Group::new(Delimiter::None, body));
        let mut item: TokenStream = "async fn main()".parse().unwrap();
        item.extend([wrapped]);
        let output = expand(TokenStream::new(), item, Macro::Main, ALL).to_string();
        assert!(!output.contains("compile_error"), "{output}");
        assert!(
            output.contains("async move { if false { return ; } work () . await ; }"),
            "{output}"
        );
    }
}
