//! Stage 1: tokens to raw options and a function whose body stays a token stream.

use crate::errors::Errors;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Expr, Ident, Signature, Token, Visibility};

/// One `key` or `key = value` from the attribute's argument list, before any rule is applied.
pub(crate) struct RawOption {
    /// May be a keyword (`crate`), hence `Ident::parse_any`.
    pub(crate) key: Ident,
    /// `None` for a bare key such as `#[main(flavor)]`.
    pub(crate) value: Option<Expr>,
}

/// Parses `key = value, key, ...`. A malformed entry is recorded and skipped up to the next
/// top-level comma, so one typo does not hide the errors after it.
pub(crate) fn options(args: TokenStream, errors: &mut Errors) -> Vec<RawOption> {
    let mut options = Vec::new();
    let parser = |input: ParseStream| {
        while !input.is_empty() {
            match option(input) {
                Ok(option) => options.push(option),
                Err(error) => {
                    errors.push(error);
                    skip_to_comma(input)?;
                }
            }
            if !input.is_empty()
                && let Err(error) = input.parse::<Token![,]>()
            {
                errors.push(error);
                skip_to_comma(input)?;
                let _: Option<Token![,]> = input.parse()?;
            }
        }
        Ok(())
    };
    if let Err(error) = parser.parse2(args) {
        errors.push(error);
    }
    options
}

fn option(input: ParseStream) -> syn::Result<RawOption> {
    if !input.peek(Ident::peek_any) {
        return Err(input.error("expected an option name such as `flavor`"));
    }
    let key = input.call(Ident::parse_any)?;
    if input.peek(Token![::]) {
        return Err(syn::Error::new(
            key.span(),
            "expected an option name, found a path; options are single words such as `flavor`",
        ));
    }
    let value = if input.parse::<Option<Token![=]>>()?.is_some() {
        Some(input.parse()?)
    } else {
        None
    };
    if !input.is_empty() && !input.peek(Token![,]) {
        return Err(input.error("expected `,` between options"));
    }
    Ok(RawOption { key, value })
}

fn skip_to_comma(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

/// An `async fn` whose signature is parsed and whose body is not: parsing the body would cost
/// most of the expansion time and would fail while the user is still typing inside it.
pub(crate) struct ItemFn {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) sig: Signature,
    /// The `{ ... }` group, with the user's spans and tokens untouched.
    pub(crate) body: Group,
}

pub(crate) fn item_fn(item: TokenStream) -> syn::Result<ItemFn> {
    // syn copies everything it parses into a buffer, group by group; the body is split off
    // first (one level of iteration) so that only the signature is copied and parsed.
    let mut trees: Vec<TokenTree> = item.clone().into_iter().collect();
    let body = match trees.pop().map(unwrap_invisible_group) {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => group,
        // Not `... { body }`: let syn parse it all and say what is wrong.
        _ => return signature_error(item),
    };
    let signature: TokenStream = trees.into_iter().collect();
    let parser = |input: ParseStream| {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let sig = input.parse()?;
        if !input.is_empty() {
            return Err(input.error("expected the function's body `{ ... }`"));
        }
        Ok((attrs, vis, sig))
    };
    let (attrs, vis, sig) = parser.parse2(signature)?;
    Ok(ItemFn {
        attrs,
        vis,
        sig,
        body,
    })
}

/// The error for an item that does not end in a body: syn's, from parsing it as a fn.
fn signature_error(item: TokenStream) -> syn::Result<ItemFn> {
    let parser = |input: ParseStream| {
        input.call(Attribute::parse_outer)?;
        input.parse::<Visibility>()?;
        input.parse::<Signature>()?;
        Err(input.error("expected the function's body `{ ... }`"))
    };
    parser.parse2(item)
}

/// A body spliced in by `macro_rules!` as `$body:block` arrives wrapped in an invisible
/// (`Delimiter::None`) group (tokio issue #5243); look through it to the braces.
fn unwrap_invisible_group(tree: TokenTree) -> TokenTree {
    if let TokenTree::Group(group) = &tree
        && group.delimiter() == Delimiter::None
    {
        let mut inner = group.stream().into_iter();
        if let (Some(only), None) = (inner.next(), inner.next()) {
            return unwrap_invisible_group(only);
        }
    }
    tree
}
