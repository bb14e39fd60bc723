//! Every option key and flavor name, spelled once: used for matching and in messages alike.

pub(crate) const FLAVOR: &str = "flavor";
pub(crate) const WORKER_THREADS: &str = "worker_threads";
pub(crate) const START_PAUSED: &str = "start_paused";
pub(crate) const CRATE: &str = "crate";
pub(crate) const UNHANDLED_PANIC: &str = "unhandled_panic";
pub(crate) const NAME: &str = "name";

/// All keys, in the order the docs list them; suggestions are drawn from here.
pub(crate) const KEYS: &[&str] = &[
    FLAVOR,
    WORKER_THREADS,
    START_PAUSED,
    CRATE,
    UNHANDLED_PANIC,
    NAME,
];

pub(crate) const CURRENT_THREAD: &str = "current_thread";
pub(crate) const MULTI_THREAD: &str = "multi_thread";
pub(crate) const LOCAL: &str = "local";
pub(crate) const FLAVORS: &[&str] = &[CURRENT_THREAD, MULTI_THREAD, LOCAL];

pub(crate) const IGNORE: &str = "ignore";
pub(crate) const SHUTDOWN_RUNTIME: &str = "shutdown_runtime";
pub(crate) const UNHANDLED_PANICS: &[&str] = &[IGNORE, SHUTDOWN_RUNTIME];

/// Names from tokio 0.2 and 0.3 and what they became, for migration hints.
pub(crate) const RENAMED_KEYS: &[(&str, &str)] = &[("core_threads", WORKER_THREADS)];
pub(crate) const RENAMED_FLAVORS: &[(&str, &str)] = &[
    ("basic_scheduler", CURRENT_THREAD),
    ("single_thread", CURRENT_THREAD),
    ("single_threaded", CURRENT_THREAD),
    ("threaded_scheduler", MULTI_THREAD),
];
