//! Collect, don't stop: every problem in one attribute is reported in one compile.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::fmt::Display;

#[derive(Default)]
pub(crate) struct Errors {
    /// In the order found, which is the order rustc reports them in.
    list: Vec<Error>,
}

enum Error {
    /// From syn's parsers.
    Syn(syn::Error),
    /// From a rule: from the first to the last token of what it is about.
    Ours {
        start: Span,
        end: Span,
        message: String,
    },
}

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.list.push(Error::Syn(error));
    }

    pub(crate) fn at(&mut self, span: Span, message: impl Display) {
        self.over(span, span, message);
    }

    /// An error over `tokens`, as written: rustc underlines from the first token to the last.
    pub(crate) fn spanned(&mut self, tokens: &TokenStream, message: impl Display) {
        let mut trees = tokens.clone().into_iter();
        let start = trees
            .next()
            .map_or_else(Span::call_site, |tree| tree.span());
        let end = trees.last().map_or(start, |tree| tree.span());
        self.over(start, end, message);
    }

    fn over(&mut self, start: Span, end: Span, message: impl Display) {
        self.list.push(Error::Ours {
            start,
            end,
            message: message.to_string(),
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// One `::core::compile_error! { "message" }` per collected error: the path carries the
    /// first span and the braces the last, so rustc reports the range between them.
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        let mut tokens = TokenStream::new();
        for error in self.list {
            match error {
                Error::Syn(error) => tokens.extend(error.into_compile_error()),
                Error::Ours {
                    start,
                    end,
                    message,
                } => tokens.extend(compile_error(start, end, &message)),
            }
        }
        tokens
    }
}

fn compile_error(start: Span, end: Span, message: &str) -> TokenStream {
    let punct = |ch, spacing| {
        let mut punct = Punct::new(ch, spacing);
        punct.set_span(start);
        TokenTree::Punct(punct)
    };
    let mut text = Literal::string(message);
    text.set_span(end);
    let mut braces = Group::new(Delimiter::Brace, TokenTree::Literal(text).into());
    braces.set_span(end);
    TokenStream::from_iter([
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("core", start)),
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("compile_error", start)),
        punct('!', Spacing::Alone),
        TokenTree::Group(braces),
    ])
}
