//! Option values checked or computed at run time, before the runtime is built: expressions
//! (literals are checked by the macro), and `max_worker_threads`, whose default it caps is only
//! known then. A check panics with a message naming the option.

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

/// `max_worker_threads = cap`: the worker count tokio would choose by default, capped at `cap`.
/// tokio's default is `TOKIO_WORKER_THREADS` when set (it panics on a bad value, and so does
/// this, with its words) and otherwise one per core.
#[track_caller]
pub fn max_worker_threads(cap: usize) -> usize {
    const VAR: &str = "TOKIO_WORKER_THREADS";
    let default = match std::env::var(VAR) {
        Ok(text) => {
            let n: usize = text.parse().unwrap_or_else(|error| {
                panic!("\"{VAR}\" must be usize, error: {error}, value: {text}")
            });
            assert!(n > 0, "\"{VAR}\" cannot be set to 0");
            n
        }
        Err(std::env::VarError::NotPresent) => {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        }
        Err(std::env::VarError::NotUnicode(text)) => {
            panic!("\"{VAR}\" must be valid unicode, error: {text:?}")
        }
    };
    default.min(cap)
}
