//! What the unit tests of several modules share: the builds they expand for and a reader of
//! the errors an expansion reports.

use crate::build::{Build, Features, Reader};
use proc_macro2::{Span, TokenStream, TokenTree};

/// Every feature on, `tokio_unstable` included: every option validates; read by rustc. A test
/// about a missing feature turns one off (`without(|f| f.test_util = false)`).
pub(crate) const ALL: Build = Build {
    features: Features {
        rt_multi_thread: true,
        test_util: true,
        tokio_unstable: true,
    },
    reader: Reader::Rustc,
};

/// `ALL`, expanded for an editor: the option keys are named (`ide.rs`).
pub(crate) const IDE: Build = Build {
    reader: Reader::Editor,
    ..ALL
};

/// `ALL` with `change` made to its features.
pub(crate) fn without(change: impl FnOnce(&mut Features)) -> Build {
    let mut build = ALL;
    change(&mut build.features);
    build
}

/// The `compile_error! { "message" }`s at the top level of an output, each with the span of its
/// start, in order. Read without parsing (the output may not be Rust: an unparsable item comes
/// back as written) and without recursion (it may be too deep for a recursive walk).
pub(crate) fn top_level_errors(output: &TokenStream) -> Vec<(String, Span)> {
    let trees: Vec<TokenTree> = output.clone().into_iter().collect();
    let mut errors = Vec::new();
    for window in trees.windows(3) {
        if let [
            TokenTree::Ident(name),
            TokenTree::Punct(_),
            TokenTree::Group(group),
        ] = window
        {
            if name == "compile_error" {
                let message: syn::LitStr = syn::parse2(group.stream()).expect("a message");
                errors.push((message.value(), name.span()));
            }
        }
    }
    errors
}

/// The messages of the `compile_error!`s among a file's items, in order.
pub(crate) fn compile_error_messages(file: &syn::File) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "compile_error") =>
            {
                Some(
                    syn::parse2::<syn::LitStr>(m.mac.tokens.clone())
                        .unwrap()
                        .value(),
                )
            }
            _ => None,
        })
        .collect()
}
