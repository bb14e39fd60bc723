//! Stage 1: tokens to raw options and a function whose body stays a token stream.

use crate::errors::Errors;
use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{
    Abi, Attribute, Expr, FnArg, Generics, Ident, Token, Type, Visibility, WhereClause,
    parenthesized,
};

/// One `key` or `key = value` from the attribute's argument list, before any rule is applied.
pub(crate) struct RawOption {
    /// May be a keyword (`crate`), hence `Ident::parse_any`.
    pub(crate) key: Ident,
    /// `None` for a bare key such as `#[main(flavor)]`.
    pub(crate) value: Option<Value>,
}

/// An option's value: parsed, to check it, and as written, to emit it and point at it.
pub(crate) struct Value {
    pub(crate) expr: Expr,
    pub(crate) tokens: TokenStream,
}

/// Parses `key = value, key, ...`. A malformed entry is recorded and skipped up to the next
/// top-level comma, so one typo does not hide the errors after it.
pub(crate) fn raw_options(args: TokenStream, errors: &mut Errors) -> Vec<RawOption> {
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
            if input.is_empty() {
                break;
            }
            if let Err(error) = input.parse::<Token![,]>() {
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
        let (expr, tokens) = consumed(input, Expr::parse)?;
        Some(Value { expr, tokens })
    } else {
        None
    };
    if !input.is_empty() && !input.peek(Token![,]) {
        return Err(input.error("expected `,` between options"));
    }
    Ok(RawOption { key, value })
}

/// Runs `parse` and returns what it parsed with the tokens it consumed, as written: the
/// expansion re-emits the user's own tokens, so syn's `printing` feature is not needed.
fn consumed<T>(
    input: ParseStream,
    parse: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> syn::Result<(T, TokenStream)> {
    let fork = input.fork();
    let value = parse(&fork)?;
    let end = fork.cursor();
    let mut tokens = TokenStream::new();
    let mut rest = input.cursor();
    while rest != end {
        match rest.token_tree() {
            Some((tree, next)) => {
                tokens.extend([tree]);
                rest = next;
            }
            // The parser stopped inside an invisible group (a `macro_rules!` fragment): the
            // tokens cannot be split there.
            None => {
                return Err(input.error(
                    "this cannot be read here; write it out rather than through a macro fragment",
                ));
            }
        }
    }
    input.advance_to(&fork);
    Ok((value, tokens))
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
/// most of the expansion time and would fail while the user is still typing inside it. Every
/// part keeps the user's tokens as written.
pub(crate) struct ItemFn {
    pub(crate) attrs: Vec<Attr>,
    pub(crate) vis: TokenStream,
    pub(crate) sig: Sig,
    /// The `{ ... }` group, with the user's spans and tokens untouched.
    pub(crate) body: Group,
    /// The source text of the body's span: the body as written, or for a body an attribute macro
    /// above ours generated, that macro's attribute (`#[ntest::timeout(100)]`). `None` for
    /// tokens with no source. Reading it costs little; converting the body's tokens would not.
    pub(crate) body_source: Option<String>,
}

/// One outer attribute (`#[..]`, or a `///` comment, which arrives as `#[doc = ".."]`).
pub(crate) struct Attr {
    pub(crate) attr: Attribute,
    pub(crate) tokens: TokenStream,
}

/// `const? async? unsafe? extern? fn name<G>(inputs) -> R where W`, in parts.
pub(crate) struct Sig {
    /// `const`, or nothing.
    pub(crate) constness: TokenStream,
    /// The span of `async`, if it is there.
    pub(crate) asyncness: Option<Span>,
    /// `unsafe? extern ".."? fn name<G>`.
    pub(crate) head: TokenStream,
    pub(crate) fn_span: Span,
    pub(crate) ident: Ident,
    /// The `( .. )` group of the arguments.
    pub(crate) inputs: Group,
    pub(crate) args: Punctuated<FnArg, Token![,]>,
    pub(crate) output: Option<Output>,
    /// `where ..`, or nothing.
    pub(crate) where_clause: TokenStream,
}

/// A declared return type: `->`, and the type parsed and as written.
pub(crate) struct Output {
    pub(crate) arrow: TokenStream,
    pub(crate) ty: Type,
    pub(crate) tokens: TokenStream,
}

/// `trees` are the top-level trees of `item`.
pub(crate) fn item_fn(mut trees: Vec<TokenTree>, item: &TokenStream) -> syn::Result<ItemFn> {
    // syn copies everything it parses into a buffer, group by group; the body is split off
    // first (one level of iteration) so that only the signature is copied and parsed.
    let body = match trees.pop().map(unwrap_invisible_group) {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => group,
        // Not `... { body }`: let syn parse it all and say what is wrong.
        _ => return signature_error(item.clone()),
    };
    let (attrs, rest) = split_attributes(trees)?;
    let parser = |input: ParseStream| {
        let (_, vis) = consumed(input, Visibility::parse)?;
        let sig = signature(input)?;
        if !input.is_empty() {
            return Err(input.error("expected the function's body `{ ... }`"));
        }
        Ok((vis, sig))
    };
    let (vis, sig) = parser.parse2(rest)?;
    Ok(ItemFn {
        attrs,
        vis,
        sig,
        body_source: body.span().source_text(),
        body,
    })
}

/// What can be read of an item that does not parse as a function: rust-analyzer hands the
/// attribute `async fn f() __ra_fixup` while the user is typing a body it cannot patch, so the
/// signature may be intact while the item is not. Read from the top-level trees alone.
pub(crate) struct Outline {
    /// The span of a top-level `async` before `fn`, if there is one.
    pub(crate) asyncness: Option<Span>,
    pub(crate) fn_span: Span,
    /// The word after `fn`.
    pub(crate) ident: Option<Ident>,
    /// The `( .. )` after the name and its generics, if they can be told apart.
    pub(crate) inputs: Option<Group>,
}

/// The outline of the first top-level `fn` in `trees`, if there is one.
pub(crate) fn outline(trees: &[TokenTree]) -> Option<Outline> {
    let at = trees
        .iter()
        .position(|tree| matches!(tree, TokenTree::Ident(ident) if ident == "fn"))?;
    let asyncness = trees[..at].iter().find_map(|tree| match tree {
        TokenTree::Ident(ident) if ident == "async" => Some(ident.span()),
        _ => None,
    });
    let ident = match trees.get(at + 1) {
        Some(TokenTree::Ident(ident)) => Some(ident.clone()),
        _ => None,
    };
    // Past `<..>` (counting `<` and `>`, but not the `>` of `->`), the next tree.
    let mut rest = trees[at + 1..].iter().skip(usize::from(ident.is_some()));
    let mut depth = 0usize;
    let mut previous = ' ';
    let inputs = loop {
        match rest.next() {
            Some(TokenTree::Punct(punct)) => {
                match punct.as_char() {
                    '<' => depth += 1,
                    '>' if previous != '-' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                previous = punct.as_char();
            }
            Some(TokenTree::Group(group))
                if depth == 0 && group.delimiter() == Delimiter::Parenthesis =>
            {
                break Some(group.clone());
            }
            Some(_) if depth > 0 => previous = ' ',
            _ => break None,
        }
    };
    Some(Outline {
        asyncness,
        fn_span: trees[at].span(),
        ident,
        inputs,
    })
}

/// The leading `#` `[..]` pairs, each parsed on its own, and the tokens after them.
fn split_attributes(trees: Vec<TokenTree>) -> syn::Result<(Vec<Attr>, TokenStream)> {
    let mut attrs = Vec::new();
    let mut trees = trees.into_iter().peekable();
    while matches!(trees.peek(), Some(TokenTree::Punct(pound)) if pound.as_char() == '#') {
        let pound = trees.next();
        let Some(TokenTree::Group(brackets)) = trees.peek() else {
            // `#!` or a stray `#`: syn says what is wrong with it.
            let rest: TokenStream = pound.into_iter().chain(trees).collect();
            return Err(Attribute::parse_outer
                .parse2(rest)
                .err()
                .unwrap_or_else(|| syn::Error::new(Span::call_site(), "expected an attribute")));
        };
        let tokens: TokenStream = pound.into_iter().chain([brackets.clone().into()]).collect();
        let _ = trees.next();
        let mut parsed = Attribute::parse_outer.parse2(tokens.clone())?;
        if let (Some(attr), true) = (parsed.pop(), parsed.is_empty()) {
            attrs.push(Attr { attr, tokens });
        }
    }
    Ok((attrs, trees.collect()))
}

fn signature(input: ParseStream) -> syn::Result<Sig> {
    let (_, constness) = consumed(input, <Option<Token![const]>>::parse)?;
    let asyncness = input
        .parse::<Option<Token![async]>>()?
        .map(|token| token.span);
    let ((fn_span, ident), head) = consumed(input, |input| {
        input.parse::<Option<Token![unsafe]>>()?;
        input.parse::<Option<Abi>>()?;
        let fn_token: Token![fn] = input.parse()?;
        let ident: Ident = input.parse()?;
        input.parse::<Generics>()?;
        Ok((fn_token.span, ident))
    })?;
    let (args, inputs) = consumed(input, |input| {
        let content;
        parenthesized!(content in input);
        let args = content.parse_terminated(FnArg::parse, Token![,])?;
        // The rule syn's `Signature` parser applies: `self` only as the first argument.
        for (i, arg) in args.iter().enumerate() {
            if let FnArg::Receiver(receiver) = arg {
                match i {
                    0 => {}
                    _ if matches!(args.first(), Some(FnArg::Receiver(_))) => {
                        return Err(syn::Error::new(
                            receiver.self_token.span,
                            "unexpected second method receiver",
                        ));
                    }
                    _ => {
                        return Err(syn::Error::new(
                            receiver.self_token.span,
                            "unexpected method receiver",
                        ));
                    }
                }
            }
        }
        Ok(args)
    })?;
    // (`$args` from a `macro_rules!` arrives in an invisible group around the parentheses.)
    let inputs = match inputs.into_iter().next().map(unwrap_invisible_group) {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => group,
        _ => return Err(input.error("expected the function's arguments `( .. )`")),
    };
    let (arrow, arrow_tokens) = consumed(input, <Option<Token![->]>>::parse)?;
    let output = match arrow {
        Some(_) => {
            let (ty, tokens) = consumed(input, Type::parse)?;
            Some(Output {
                arrow: arrow_tokens,
                ty,
                tokens,
            })
        }
        None => None,
    };
    let (_, where_clause) = consumed(input, <Option<WhereClause>>::parse)?;
    Ok(Sig {
        constness,
        asyncness,
        head,
        fn_span,
        ident,
        inputs,
        args,
        output,
        where_clause,
    })
}

/// The error for an item that does not end in a body: syn's, from parsing it as a fn.
fn signature_error(item: TokenStream) -> syn::Result<ItemFn> {
    let parser = |input: ParseStream| {
        input.call(Attribute::parse_outer)?;
        input.parse::<Visibility>()?;
        signature(input)?;
        Err(input.error("expected the function's body `{ ... }`"))
    };
    parser.parse2(item)
}

/// A body spliced in by `macro_rules!` as `$body:block` arrives wrapped in an invisible
/// (`Delimiter::None`) group (tokio issue #5243); look through it to the braces.
fn unwrap_invisible_group(tree: TokenTree) -> TokenTree {
    match &tree {
        TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
            let mut inner = group.stream().into_iter();
            match (inner.next(), inner.next()) {
                (Some(only), None) => unwrap_invisible_group(only),
                _ => tree,
            }
        }
        _ => tree,
    }
}
