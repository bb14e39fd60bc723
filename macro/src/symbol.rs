//! Every option key and value name, spelled once: used for matching and in messages alike.

pub(crate) const FLAVOR: &str = "flavor";
pub(crate) const CRATE: &str = "crate";
pub(crate) const BUILDER: &str = "builder";
pub(crate) const ENABLE: &str = "enable";
pub(crate) const UNHANDLED_PANIC: &str = "unhandled_panic";
pub(crate) const TIMEOUT: &str = "timeout";
pub(crate) const STACK_SIZE: &str = "stack_size";
pub(crate) const FAIL_ON_TASK_PANIC: &str = "fail_on_task_panic";

// Options that are one `Builder` method of the same name.
pub(crate) const WORKER_THREADS: &str = "worker_threads";
pub(crate) const START_PAUSED: &str = "start_paused";
pub(crate) const NAME: &str = "name";
pub(crate) const THREAD_NAME: &str = "thread_name";
pub(crate) const THREAD_NAME_FN: &str = "thread_name_fn";
pub(crate) const THREAD_STACK_SIZE: &str = "thread_stack_size";
pub(crate) const MAX_BLOCKING_THREADS: &str = "max_blocking_threads";
pub(crate) const THREAD_KEEP_ALIVE: &str = "thread_keep_alive";
pub(crate) const GLOBAL_QUEUE_INTERVAL: &str = "global_queue_interval";
pub(crate) const EVENT_INTERVAL: &str = "event_interval";
pub(crate) const MAX_IO_EVENTS_PER_TICK: &str = "max_io_events_per_tick";
pub(crate) const ON_THREAD_START: &str = "on_thread_start";
pub(crate) const ON_THREAD_STOP: &str = "on_thread_stop";
pub(crate) const ON_THREAD_PARK: &str = "on_thread_park";
pub(crate) const ON_THREAD_UNPARK: &str = "on_thread_unpark";

/// All keys, in the order the docs list them; suggestions are drawn from here.
pub(crate) const KEYS: &[&str] = &[
    FLAVOR,
    WORKER_THREADS,
    START_PAUSED,
    CRATE,
    UNHANDLED_PANIC,
    NAME,
    THREAD_NAME,
    THREAD_NAME_FN,
    THREAD_STACK_SIZE,
    MAX_BLOCKING_THREADS,
    THREAD_KEEP_ALIVE,
    GLOBAL_QUEUE_INTERVAL,
    EVENT_INTERVAL,
    MAX_IO_EVENTS_PER_TICK,
    ENABLE,
    ON_THREAD_START,
    ON_THREAD_STOP,
    ON_THREAD_PARK,
    ON_THREAD_UNPARK,
    BUILDER,
    TIMEOUT,
    STACK_SIZE,
    FAIL_ON_TASK_PANIC,
];

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
pub(crate) const RENAMED_KEYS: &[(&str, &str)] = &[("core_threads", WORKER_THREADS)];
pub(crate) const RENAMED_FLAVORS: &[(&str, &str)] = &[
    ("basic_scheduler", CURRENT_THREAD),
    ("single_thread", CURRENT_THREAD),
    ("single_threaded", CURRENT_THREAD),
    ("threaded_scheduler", MULTI_THREAD),
];
