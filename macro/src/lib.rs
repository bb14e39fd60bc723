//! The procedural macros behind [`mainspring`](https://docs.rs/mainspring). Depend on
//! `mainspring`, not on this crate: the expansion names `mainspring`'s hidden module, and the two
//! versions are pinned to each other.

mod build;
mod depth;
mod entry;
mod errors;
mod expand;
mod ide;
mod messages;
mod model;
mod parse;
mod private;
mod suggest;
mod symbol;
mod table;
mod units;
mod validate;
mod values;

#[cfg(test)]
mod docs_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod generated;
#[cfg(test)]
mod hygiene_tests;
#[cfg(test)]
mod ide_tests;
#[cfg(test)]
mod repository_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod snapshots;
#[cfg(test)]
mod test_support;

use build::{Build, Features};
use model::Macro;
use proc_macro::TokenStream;

fn build() -> Build {
    Build {
        features: Features {
            rt_multi_thread: cfg!(feature = "rt-multi-thread"),
            test_util: cfg!(feature = "test-util"),
            tokio_unstable: cfg!(tokio_unstable),
        },
        reader: ide::reader(),
    }
}

/// Runs an `async fn` on a tokio runtime built from the options. See the `mainspring` crate.
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::expand(args.into(), item.into(), Macro::Main, build()).into()
}

/// Runs an `async fn` test on a tokio runtime built from the options. See the `mainspring` crate.
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::expand(args.into(), item.into(), Macro::Test, build()).into()
}
