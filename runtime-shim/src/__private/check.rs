//! Run-time checks of option values given as expressions (literals are checked by the macro).
//! Each panics with a message naming the option, before the runtime is built.

use tokio::runtime::Builder;

/// `builder = my_builder`: calls the user's fn; its type is the check.
pub fn builder(make: fn() -> Builder) -> Builder {
    make()
}

#[track_caller]
pub fn count_usize(option: &str, value: usize) -> usize {
    assert!(
        value != 0,
        "mainspring: option `{option}` evaluated to 0; it must be at least 1"
    );
    value
}

#[track_caller]
pub fn count_u32(option: &str, value: u32) -> u32 {
    assert!(
        value != 0,
        "mainspring: option `{option}` evaluated to 0; it must be at least 1"
    );
    value
}

#[track_caller]
pub fn name(option: &str, value: impl Into<String>) -> String {
    let value = value.into();
    assert!(
        !value.trim().is_empty(),
        "mainspring: option `{option}` evaluated to an empty string"
    );
    value
}
