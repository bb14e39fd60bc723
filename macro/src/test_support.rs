//! What the unit tests of several modules share: the features they expand with and a reader
//! of the errors an expansion reports.

use crate::model::Features;

/// Every feature on, `tokio_unstable` included: every option validates. A test about a missing
/// feature turns one off (`Features { test_util: false, ..ALL }`).
pub(crate) const ALL: Features = Features {
    rt_multi_thread: true,
    test_util: true,
    tokio_unstable: true,
};

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
