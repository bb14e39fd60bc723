//! The items of the shim's hidden module `::mainspring::__private` that the expansion names:
//! each variant with its path, declared once. A test checks the paths against the shim's
//! exports, so a misspelled name fails the macro crate's tests, never a user's build.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// `Private` and its list of every variant with its path inside `__private`, from one list.
macro_rules! private_items {
    ($($(#[$doc:meta])* $variant:ident => $path:literal,)*) => {
        /// An item of `::mainspring::__private` that the expansion names.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub(crate) enum Private {
            $($(#[$doc])* $variant,)*
        }

        impl Private {
            /// Every item, in the order declared.
            #[cfg(test)]
            pub(crate) const ALL: &[Private] = &[$(Private::$variant,)*];

            /// The item's path inside `__private`.
            pub(crate) fn path(self) -> &'static str {
                match self {
                    $(Private::$variant => $path,)*
                }
            }
        }
    };
}

private_items! {
    Builder => "Builder",
    UnhandledPanic => "UnhandledPanic",
    BlockOn => "block_on",
    /// `block_on` for `main` and tests that return a value: its report, an `ExitCode`.
    BlockOnReport => "block_on_report",
    /// `block_on` for another fn that returns a value, with the judge of its failures.
    BlockOnValue => "block_on_value",
    Output => "output",
    Timeout => "timeout",
    /// `timeout` on a `shared` runtime: the report leaves the runtime's tasks alone.
    TimeoutOnShared => "timeout_on_shared",
    WithStackSize => "with_stack_size",
    /// In `__private::check`: tokio's default worker count, capped.
    MaxWorkerThreads => "check::max_worker_threads",
    /// A `u64` as tokio's `RngSeed`.
    RngSeed => "rng_seed",
    /// The built runtime, shut down within a limit when dropped.
    ShutdownTimeout => "shutdown_timeout",
    /// A `current_thread` or `local` runtime with the count of its threads (`Threads`) that its
    /// bounded shutdown waits on.
    CountThreads => "count_threads",
    /// The count of a runtime's threads, kept by its name fn and stop hook.
    Threads => "Threads",
    /// What `fail_on_task_panic` and `fail_on_leaked_tasks` watch, and how the fn then ends.
    Watch => "Watch",
    /// Whether a value of the fn's return type is a failure (an `Err`).
    Judge => "Judge",
    /// The judge of a return type that cannot be named.
    NeverFailed => "never_failed",
    /// `cleanup_timeout = "5s"`: the limit of each cleanup of the body.
    CleanupTimeout => "cleanup_timeout",
    /// The module of one documented item per option, which the keys are named as (`ide.rs`).
    KeyItems => "options",
    BlockOnShared => "block_on_shared",
    BlockOnSharedReport => "block_on_shared_report",
    BlockOnSharedValue => "block_on_shared_value",
    /// The default shared runtime, a `static`.
    Shared => "SHARED",
    /// In `__private::check`: a `usize` count that must be at least 1.
    CheckUsize => "check::count_usize",
    /// In `__private::check`: a `u32` count that must be at least 1.
    CheckU32 => "check::count_u32",
    /// In `__private::check`: a name that must not be blank.
    CheckName => "check::name",
    /// In `__private::check`: `builder = f`, typed as `fn() -> Builder`.
    CheckBuilder => "check::builder",
}

/// The path of `item` under the `crate = ..` path `krate`, or under `::mainspring`:
/// `::mainspring::__private::<path>`. The one place the names are spelled into tokens.
pub(crate) fn private_item(krate: Option<&TokenStream>, item: Private) -> TokenStream {
    let private = match krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::mainspring::__private),
    };
    let segments = item
        .path()
        .split("::")
        .map(|segment| Ident::new(segment, Span::call_site()));
    quote!(#private #(::#segments)*)
}

#[cfg(test)]
mod tests {
    use super::Private;
    use std::collections::BTreeSet;

    /// The public names a module file of the shim declares: `pub use` leaves (and renames),
    /// `pub fn`s and `pub mod`s.
    fn exported(path: &str) -> BTreeSet<String> {
        fn leaves(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
            match tree {
                syn::UseTree::Path(path) => leaves(&path.tree, out),
                syn::UseTree::Name(name) => {
                    out.insert(name.ident.to_string());
                }
                syn::UseTree::Rename(rename) => {
                    out.insert(rename.rename.to_string());
                }
                syn::UseTree::Group(group) => group.items.iter().for_each(|t| leaves(t, out)),
                syn::UseTree::Glob(_) => panic!("a glob re-export hides what is named"),
            }
        }
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
        let mut names = BTreeSet::new();
        for item in &file.items {
            match item {
                syn::Item::Use(item) if public(&item.vis) => leaves(&item.tree, &mut names),
                syn::Item::Fn(item) if public(&item.vis) => {
                    names.insert(item.sig.ident.to_string());
                }
                syn::Item::Mod(item) if public(&item.vis) => {
                    names.insert(item.ident.to_string());
                }
                _ => {}
            }
        }
        names
    }

    /// `Private::path` spells each name the expansion uses; the shim's `__private` must export
    /// each of them, and nothing else.
    #[test]
    fn the_shim_exports_exactly_what_the_expansion_names() {
        let shim = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime-shim/src/__private");
        let mut named: BTreeSet<String> = BTreeSet::new();
        let mut named_in_check: BTreeSet<String> = BTreeSet::new();
        for item in Private::ALL {
            match item.path().split_once("::") {
                Some(("check", name)) => {
                    named_in_check.insert(name.to_owned());
                }
                Some((module, _)) => panic!("no module `{module}` in the shim"),
                None => {
                    named.insert(item.path().to_owned());
                }
            }
        }
        named.insert("check".to_owned());
        assert_eq!(exported(&format!("{shim}.rs")), named, "__private.rs");
        assert_eq!(
            exported(&format!("{shim}/check.rs")),
            named_in_check,
            "check.rs"
        );
    }
}
