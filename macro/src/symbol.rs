//! The words option values are made of, spelled once: used for matching and in messages alike.
//! (Option names are spelled once too, in their rows in `table.rs`.)

pub(crate) const CURRENT_THREAD: &str = "current_thread";
pub(crate) const MULTI_THREAD: &str = "multi_thread";
pub(crate) const LOCAL: &str = "local";
pub(crate) const FLAVORS: &[&str] = &[CURRENT_THREAD, MULTI_THREAD, LOCAL];

pub(crate) const IGNORE: &str = "ignore";
pub(crate) const SHUTDOWN_RUNTIME: &str = "shutdown_runtime";
pub(crate) const UNHANDLED_PANICS: &[&str] = &[IGNORE, SHUTDOWN_RUNTIME];

pub(crate) const IO: &str = "io";
pub(crate) const TIME: &str = "time";
pub(crate) const DRIVERS: &[&str] = &[IO, TIME];

/// Names from tokio 0.2 and 0.3 and what they became, for migration hints.
pub(crate) const RENAMED_KEYS: &[(&str, &str)] = &[("core_threads", "worker_threads")];
pub(crate) const RENAMED_FLAVORS: &[(&str, &str)] = &[
    ("basic_scheduler", CURRENT_THREAD),
    ("single_thread", CURRENT_THREAD),
    ("single_threaded", CURRENT_THREAD),
    ("threaded_scheduler", MULTI_THREAD),
];
