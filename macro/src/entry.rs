//! The core: parse, validate, expand. Works on `proc_macro2` so unit tests call it directly.

use crate::errors::Errors;
use crate::expand::{self, Emit};
use crate::parse;
use crate::validate::{self, Config, Features, Kind};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use syn::{Attribute, Meta};

/// Expands `#[mainspring::main]` or `#[mainspring::test]` with `args` on `item`.
///
/// Never fails: errors come back as `compile_error!`s next to the function, which is always
/// emitted (expanded with a fallback configuration, or as written if it does not parse), so
/// rust-analyzer keeps working and rustc adds no follow-on errors.
pub fn expand(args: TokenStream, item: TokenStream, kind: Kind, features: Features) -> TokenStream {
    let mut errors = Errors::default();
    let mut function = match parse::item_fn(item.clone()) {
        Ok(function) => function,
        Err(error) => {
            let error = not_a_function(&item, kind)
                .unwrap_or(error)
                .into_compile_error();
            return quote!(#item #error);
        }
    };
    let options = parse::options(args, &mut errors);
    let mut config = validate::config(options, kind, features, &mut errors);
    if function.sig.asyncness.is_none() {
        errors.at(
            function.sig.fn_token.span,
            format!("the `async` keyword is missing from the function declaration; `#[{}]` needs an `async fn`", kind.attr()),
        );
    }
    let drop_inputs =
        kind == Kind::Main && function.sig.ident == "main" && !function.sig.inputs.is_empty();
    if drop_inputs {
        errors.push(syn::Error::new_spanned(
            &function.sig.inputs,
            "`main` cannot take arguments; read them with `std::env::args()` instead",
        ));
    }
    if kind == Kind::Test {
        // Reported, then left out of the output: the function stays one test, and another
        // attribute macro (`#[tokio::test]`) adds no errors of its own.
        function.attrs.retain(|attr| {
            let duplicate = is_test_attribute(attr);
            if duplicate {
                errors.push(syn::Error::new_spanned(
                    attr,
                    "a second test attribute is given; `#[mainspring::test]` already adds `#[test]`, remove this one",
                ));
            }
            !duplicate
        });
    }
    if !errors.is_empty() {
        config = Config::fallback(config.krate);
    }
    let mut tokens = expand::function(
        function,
        &config,
        &Emit {
            test_attr: kind == Kind::Test,
            drop_inputs,
        },
    );
    tokens.extend(errors.into_compile_errors());
    tokens
}

/// A clearer error than syn's "expected `fn`" when the item has no `fn` at all (a struct, a
/// `mod`, a closure...), pointing at its first token.
fn not_a_function(item: &TokenStream, kind: Kind) -> Option<syn::Error> {
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

/// `#[test]`, `#[::core::prelude::v1::test]`, `#[tokio::test]`, `#[mainspring::test]`...: any
/// word-only attribute whose last path segment is `test` makes the function a test already.
fn is_test_attribute(attr: &Attribute) -> bool {
    match &attr.meta {
        Meta::Path(path) => path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "test"),
        Meta::List(list) => list
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "test"),
        Meta::NameValue(_) => false,
    }
}
