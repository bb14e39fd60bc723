//! Run-time checks of option values given as expressions (literals are checked by the macro).
//! Each panics with a message naming the option, before the runtime is built.

use tokio::runtime::Builder;

/// `builder = my_builder`: calls the user's fn; its type is the check.
pub fn builder(make: fn() -> Builder) -> Builder {
    make()
}

/// `worker_threads` and the other `usize` counts. One typed fn per integer type, so a value of
/// another type is reported at the value ("expected `usize`"), as for any fn argument; a
/// generic fn moves that error onto the attribute.
#[track_caller]
pub fn count_usize(option: &str, value: usize) -> usize {
    at_least_one(option, value == 0);
    value
}

/// `event_interval` and `global_queue_interval`, which tokio takes as `u32`.
#[track_caller]
pub fn count_u32(option: &str, value: u32) -> u32 {
    at_least_one(option, value == 0);
    value
}

#[track_caller]
fn at_least_one(option: &str, zero: bool) {
    assert!(
        !zero,
        "mainspring: option `{option}` evaluated to 0; it must be at least 1"
    );
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
