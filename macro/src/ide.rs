//! What the expansion re-emits of the option keys for editors. rust-analyzer maps each token of
//! an attribute's arguments to the tokens of the expansion that carry its span, and completes,
//! hovers and jumps there. So each key comes back, with its own span, as a path to an item of
//! the facade's `__private::options`, one documented item per option (generated from the table):
//!
//! `let _ = (::mainspring::__private::options::worker_threads, ::mainspring::__private::options::__key,);`
//!
//! as the first statement of the generated fn. A value statement, not a `use`: an unused `use`
//! needs an `allow` that a crate's `forbid(warnings)` would reject, and `let _ =` trips no lint.
//!
//! Only for rust-analyzer (`reader`): rustc would compile the statement for nothing, at a cost
//! per annotated fn that is a good part of the whole attribute's (`bench/RESULTS.md`, the run of
//! 2026-12-06); a form rustc would skip (`#[cfg(rust_analyzer)]`) trips its `unexpected_cfgs`
//! lint in the user's crate.
//! A key that is no option (a typo, or a name half typed) is emitted as the placeholder `__key`
//! rather than as itself, so that rustc adds no error of its own to ours; an empty slot (`()`,
//! or after a trailing comma) gets a placeholder too. To complete a name, rust-analyzer expands
//! the attribute again with a marker typed at the cursor, takes the token holding the marker in
//! that expansion (a key with the marker is named as itself, so it is there) and the token at the
//! same place in the real expansion: the two must have the same tokens up to it, which is why
//! this statement comes first in the fn, every error comes after the fn, and an unknown key and
//! an empty slot are named in the real expansion too.

use crate::build::Reader;
use crate::parse::RawOption;
use crate::private::{Private, private_item};
use crate::table;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::sync::OnceLock;

/// The item that stands for a key that is no option, and for an empty slot.
pub(crate) const PLACEHOLDER: &str = "__key";

/// What rust-analyzer types at the cursor when it expands an attribute again to complete a
/// name (`raCompletionMarker` in its `ide-completion` crate): it only uses a token of that
/// expansion whose text holds the marker, so a key holding it is named as itself. rustc never
/// sees one.
const COMPLETION_MARKER: &str = "raCompletionMarker";

/// The item of an option whose name is a keyword, and cannot be an item's.
const KEYWORD_ITEMS: &[(&str, &str)] = &[("crate", "crate_")];

/// Who reads this expansion, told from the process the macro runs in: rust-analyzer's
/// proc-macro server (`rust-analyzer-proc-macro-srv`, or the `rust-analyzer` binary itself) runs
/// the macro in a process of its own, where rustc runs it in `rustc`. Read once per process.
pub(crate) fn reader() -> Reader {
    static EDITOR: OnceLock<bool> = OnceLock::new();
    let editor = *EDITOR.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.file_name()?.to_str()?.contains("rust-analyzer")))
            .unwrap_or(false)
    });
    match editor {
        true => Reader::Editor,
        false => Reader::Rustc,
    }
}

/// The keys to re-shape: the item each names, with the key's span, in the order written.
pub(crate) struct Keys(Vec<Ident>);

impl Keys {
    /// No key: what rustc gets.
    pub(crate) fn none() -> Keys {
        Keys(Vec::new())
    }

    /// The keys of `options`, and a placeholder if the arguments end with an empty slot.
    pub(crate) fn of(options: &[RawOption], empty_slot: bool) -> Keys {
        let mut items: Vec<Ident> = options
            .iter()
            .map(|option| {
                let key = option.key.to_string();
                match key.contains(COMPLETION_MARKER) {
                    true => option.key.clone(),
                    false => Ident::new(item(&key), option.key.span()),
                }
            })
            .collect();
        if empty_slot {
            items.push(Ident::new(PLACEHOLDER, Span::call_site()));
        }
        Keys(items)
    }

    // Input:  the keys `worker_threads`, `wor`, and the `crate = ..` path, if any
    // Output: let _ = (<krate>::__private::options::worker_threads, <..>::options::__key,);
    /// The statement that names each key; nothing without keys (what rustc gets).
    pub(crate) fn statement(&self, krate: Option<&TokenStream>) -> TokenStream {
        let keys = &self.0;
        if keys.is_empty() {
            return TokenStream::new();
        }
        let options = private_item(krate, Private::KeyItems);
        quote!(let _ = (#(#options::#keys,)*);)
    }
}

/// The name of the item that stands for the key `name` (written raw or not): the option's own
/// name, another for an option named by a keyword, or the placeholder.
pub(crate) fn item(name: &str) -> &'static str {
    let name = name.strip_prefix("r#").unwrap_or(name);
    if let Some((_, item)) = KEYWORD_ITEMS.iter().find(|(key, _)| *key == name) {
        return item;
    }
    table::spec(name).map_or(PLACEHOLDER, |spec| spec.name)
}
