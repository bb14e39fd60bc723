//! The table of options: what each option is, in one row that validation, suggestions, messages
//! and the docs tables all read. Adding an option is one row here, plus its tests.

use crate::build::Feature;
use crate::model::Macro;
use crate::private::Private;

/// One option: its name, what its value must be, what it does, where it is allowed, and how
/// the docs describe it.
pub(crate) struct OptionSpec {
    pub(crate) name: &'static str,
    pub(crate) value: ValueKind,
    pub(crate) role: Role,
    pub(crate) attrs: Attrs,
    /// The flavors it applies to; on any other it is an error, or (in a flavor list) skipped.
    pub(crate) flavors: Flavors,
    pub(crate) feature: Option<Feature>,
    /// Options it cannot be given with, and why; reported at this option's key.
    pub(crate) conflicts: &'static [(&'static str, &'static str)],
    /// One valid `key = value`, as the docs and the "needs a value" message show it.
    pub(crate) example: &'static str,
    pub(crate) doc: Doc,
}

/// How the docs tables describe an option (markdown); only the docs test reads these.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Doc {
    /// One sentence: what the option does, for someone who has not read tokio's `Builder` docs.
    pub(crate) what: &'static str,
    /// The release that added it.
    pub(crate) since: Since,
    pub(crate) section: Section,
    /// What the value may be.
    pub(crate) values: &'static str,
    /// What happens without the option.
    pub(crate) default: &'static str,
    /// The `Builder` code (or run-time behaviour) it becomes.
    pub(crate) becomes: &'static str,
}

/// A release of mainspring.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) enum Since {
    V0_1,
    V0_2,
}

impl Since {
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn version(self) -> &'static str {
        match self {
            Since::V0_1 => "0.1",
            Since::V0_2 => "0.2",
        }
    }
}

/// Which docs table an option is listed in.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) enum Section {
    /// How the runtime is built: `main`'s table.
    Runtime,
    /// How the body is run: the table of test powers (also listed for `main`).
    Run,
}

/// What an option's value must be; each kind has its own parser in `values.rs`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ValueKind {
    /// A count that must be at least 1, of the method's integer type.
    Count(Int),
    /// Bytes: an integer or a string with a unit (`"3MiB"`); at least 1.
    Bytes,
    /// A string with a unit (`"250ms"`) or a `Duration` expression.
    Duration,
    /// Any string; a non-literal is anything `Into<String>`.
    Text,
    /// A string that must not be blank.
    Name,
    /// A path to a fn or a closure.
    Callback,
    /// `true`, `false` or a `bool` expression; a literal alone where the role reads it now (a
    /// switch, a `fail_on_*` check).
    Bool,
    /// `"current_thread"`, `"multi_thread"`, `"local"`; a list of them on a test.
    Flavor,
    /// `"ignore"` or `"shutdown_runtime"`.
    UnhandledPanic,
    /// A `u64` of any value (0 too), or an expression.
    Seed,
    /// A list of `"io"` and `"time"`.
    Drivers,
    /// A path, bare or in a string.
    CratePath,
    /// A path to a `fn() -> Builder`.
    BuilderFn,
    /// Nothing (`shared`), `true`, `false`, or a path to a `static` `SharedRuntime`.
    Shared,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Int {
    Usize,
    U32,
}

impl Int {
    pub(crate) fn max(self) -> u128 {
        match self {
            // The macro runs on the host, whose `usize` may not be the target's: the widest a
            // target's is. On a narrower target, a larger literal is rustc's own error
            // ("literal out of range for `usize`"), at the literal.
            Int::Usize => u128::from(u64::MAX),
            Int::U32 => u128::from(u32::MAX),
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Int::Usize => "usize",
            Int::U32 => "u32",
        }
    }

    /// The shim's run-time check of a count of this type.
    pub(crate) fn check(self) -> Private {
        match self {
            Int::Usize => Private::CheckUsize,
            Int::U32 => Private::CheckU32,
        }
    }
}

/// What an option does with its value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Role {
    /// `.method(value)` on the `Builder`, or `.method(__private::wrap(value))`.
    Method {
        method: &'static str,
        wrap: Option<Private>,
    },
    /// `= true` is `.method()` on the `Builder`, a method without an argument; `= false` is
    /// nothing.
    Switch {
        method: &'static str,
    },
    Flavor,
    Crate,
    Builder,
    Enable,
    Timeout,
    ShutdownTimeout,
    CleanupTimeout,
    StackSize,
    FailOnTaskPanic,
    FailOnLeakedTasks,
    FailOnBlocking,
    WarnOnBlocking,
    Shared,
}

impl Role {
    /// Whether the option configures the runtime (so it cannot go with `shared`, whose runtime
    /// is configured where it is declared).
    pub(crate) fn configures_runtime(self) -> bool {
        match self {
            Role::Method { .. }
            | Role::Switch { .. }
            | Role::Flavor
            | Role::Builder
            | Role::Enable
            | Role::StackSize => true,
            Role::Crate
            | Role::Timeout
            | Role::ShutdownTimeout
            | Role::CleanupTimeout
            | Role::FailOnTaskPanic
            | Role::FailOnLeakedTasks
            | Role::FailOnBlocking
            | Role::WarnOnBlocking
            | Role::Shared => false,
        }
    }
}

/// Which attributes take an option.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Attrs {
    Both,
    TestOnly,
}

impl Attrs {
    pub(crate) fn takes(self, kind: Macro) -> bool {
        self == Attrs::Both || kind == Macro::Test
    }
}

/// The flavors an option applies to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Flavors {
    Any,
    MultiThread,
    /// `current_thread` and `local`.
    NotMultiThread,
}

const fn method(name: &'static str) -> Role {
    Role::Method {
        method: name,
        wrap: None,
    }
}

/// A row with the defaults most rows share (a `bool` value, any flavor, both attributes, added in
/// 0.1); each row overrides what differs.
const ROW: OptionSpec = OptionSpec {
    name: "",
    value: ValueKind::Bool,
    role: Role::Flavor,
    attrs: Attrs::Both,
    flavors: Flavors::Any,
    feature: None,
    conflicts: &[],
    example: "",
    doc: Doc {
        what: "",
        since: Since::V0_1,
        section: Section::Runtime,
        values: "",
        default: "",
        becomes: "",
    },
};

const COUNT: &str = "an integer ≥ 1, or an expression";
const BYTES: &str = "bytes ≥ 1: an integer, `\"512KiB\"`, `\"3MiB\"`, `\"1GiB\"` (`KB`, `MB`, `GB` \
                     are decimal), or an expression";
const DURATION: &str =
    "`\"250ms\"`, `\"10s\"`, `\"2m\"`, `\"1h\"` (also `ns`, `us`), or a `Duration` expression";
const CALLBACK: &str = "a path to a fn, or a closure";
const BLOCKING_WITH_BUILDER: &str = "the check follows the runtime's threads through its park \
                                     hooks, which would replace your builder's own; give the \
                                     builder's settings as options instead";
const TASK_HOOK: &str = "a path to a fn, or a closure, taking `&tokio::runtime::TaskMeta`";

/// Every option, in the order the docs list them and messages name them.
pub(crate) const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "flavor",
        value: ValueKind::Flavor,
        role: Role::Flavor,
        conflicts: &[(
            "builder",
            "the builder fn chooses the flavor (`Builder::new_current_thread()` or \
             `new_multi_thread()`)",
        )],
        example: "flavor = \"current_thread\"",
        doc: Doc {
            what: "Which scheduler runs the body: tokio's multi-threaded one, a single-threaded one on the calling thread, or a `LocalRuntime`, where `spawn_local` works.",
            values: "`\"multi_thread\"` (feature `rt-multi-thread`, on by default), \
                     `\"current_thread\"`, `\"local\"`; on a test, a list of them",
            default: "`\"multi_thread\"` on `main`, `\"current_thread\"` on a test",
            becomes: "`Builder::new_multi_thread()`, `Builder::new_current_thread()`; `\"local\"` \
                      builds a `LocalRuntime` with `.build_local(..)`, so `spawn_local` works \
                      without a `LocalSet`; a list makes one test per flavor",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "worker_threads",
        value: ValueKind::Count(Int::Usize),
        role: method("worker_threads"),
        flavors: Flavors::MultiThread,
        example: "worker_threads = 4",
        doc: Doc {
            what: "How many worker threads the multi-threaded runtime starts to run tasks.",
            values: COUNT,
            default: "one per core, or `TOKIO_WORKER_THREADS`",
            becomes: "`.worker_threads(4)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "max_worker_threads",
        value: ValueKind::Count(Int::Usize),
        role: Role::Method {
            method: "worker_threads",
            wrap: Some(Private::MaxWorkerThreads),
        },
        flavors: Flavors::MultiThread,
        conflicts: &[(
            "worker_threads",
            "`worker_threads` sets the count exactly; keep one of the two",
        )],
        example: "max_worker_threads = 8",
        doc: Doc {
            what: "An upper bound on the worker count, which is otherwise one per core (or `TOKIO_WORKER_THREADS`).",
            values: COUNT,
            default: "no cap",
            becomes: "`.worker_threads(n)` where `n` is the default count (one per core, or \
                      `TOKIO_WORKER_THREADS`) capped at 8",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "start_paused",
        value: ValueKind::Bool,
        role: method("start_paused"),
        flavors: Flavors::NotMultiThread,
        feature: Some(Feature::TestUtil),
        example: "start_paused = true",
        doc: Doc {
            what: "Starts the runtime's clock paused: when nothing else can run, time jumps to the next timer, so sleeps and timeouts end at once, in order.",
            values: "`true`, `false`, or a `bool` expression",
            default: "`false`",
            becomes: "`.start_paused(true)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "crate",
        value: ValueKind::CratePath,
        role: Role::Crate,
        example: "crate = \"my_mainspring\"",
        doc: Doc {
            what: "Where the expansion finds mainspring, when it is renamed or re-exported.",
            values: "a path, in a string (`\"::renamed\"`, tokio's spelling) or bare (`renamed`)",
            default: "`::mainspring`",
            becomes: "where the expansion finds `mainspring` (a renamed dependency or a \
                      re-export): `my_mainspring::__private::..`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "unhandled_panic",
        value: ValueKind::UnhandledPanic,
        role: method("unhandled_panic"),
        flavors: Flavors::NotMultiThread,
        feature: Some(Feature::TokioUnstable),
        example: "unhandled_panic = \"shutdown_runtime\"",
        doc: Doc {
            what: "What a panic in a spawned task does: end only that task, or shut the runtime down, which fails the body.",
            values: "`\"ignore\"`, `\"shutdown_runtime\"`",
            default: "`\"ignore\"`",
            becomes: "`.unhandled_panic(UnhandledPanic::ShutdownRuntime)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "name",
        value: ValueKind::Name,
        role: method("name"),
        example: "name = \"api\"",
        doc: Doc {
            what: "A name for the runtime, as `Handle::name()` returns it, for logs and metrics.",
            values: "a string that is not blank, or an expression",
            default: "none",
            becomes: "`.name(\"api\")`, the runtime's name (`Handle::current().name()`)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "thread_name",
        value: ValueKind::Text,
        role: method("thread_name"),
        example: "thread_name = \"worker\"",
        doc: Doc {
            what: "The name of every thread the runtime starts: its workers and its blocking threads.",
            values: "a string, or an expression",
            default: "`\"tokio-rt-worker\"`",
            becomes: "`.thread_name(\"worker\")`: the name of worker and blocking threads",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "thread_name_fn",
        value: ValueKind::Callback,
        role: method("thread_name_fn"),
        example: "thread_name_fn = next_name",
        doc: Doc {
            what: "A function that names each thread the runtime starts.",
            values: "a path to a fn, or a closure, returning `String`",
            default: "none",
            becomes: "`.thread_name_fn(next_name)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "thread_stack_size",
        value: ValueKind::Bytes,
        role: method("thread_stack_size"),
        example: "thread_stack_size = \"3MiB\"",
        doc: Doc {
            what: "The stack size of each thread the runtime starts.",
            values: BYTES,
            default: "2 MiB",
            becomes: "`.thread_stack_size(3145728)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "max_blocking_threads",
        value: ValueKind::Count(Int::Usize),
        role: method("max_blocking_threads"),
        example: "max_blocking_threads = 64",
        doc: Doc {
            what: "How many threads `spawn_blocking` work may use at most.",
            values: COUNT,
            default: "512",
            becomes: "`.max_blocking_threads(64)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "thread_keep_alive",
        value: ValueKind::Duration,
        role: method("thread_keep_alive"),
        example: "thread_keep_alive = \"30s\"",
        doc: Doc {
            what: "How long an idle blocking thread waits for more work before it exits.",
            values: DURATION,
            default: "10 s",
            becomes: "`.thread_keep_alive(Duration::from_secs(30))`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "global_queue_interval",
        value: ValueKind::Count(Int::U32),
        role: method("global_queue_interval"),
        example: "global_queue_interval = 31",
        doc: Doc {
            what: "How many tasks a worker runs between looks at the queue that tasks spawned from outside the runtime wait in.",
            values: "an integer ≥ 1 (`u32`), or an expression",
            default: "31 on `current_thread`; tokio's heuristic on `multi_thread`",
            becomes: "`.global_queue_interval(31)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "event_interval",
        value: ValueKind::Count(Int::U32),
        role: method("event_interval"),
        example: "event_interval = 31",
        doc: Doc {
            what: "How many tasks a worker runs between checks for I/O and timer events.",
            values: "an integer ≥ 1 (`u32`), or an expression",
            default: "61",
            becomes: "`.event_interval(31)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "max_io_events_per_tick",
        value: ValueKind::Count(Int::Usize),
        role: method("max_io_events_per_tick"),
        example: "max_io_events_per_tick = 256",
        doc: Doc {
            what: "How many I/O events the runtime takes from the operating system at each check.",
            values: COUNT,
            default: "1024",
            becomes: "`.max_io_events_per_tick(256)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "max_io_events_per_busy_tick",
        value: ValueKind::Count(Int::Usize),
        role: method("max_io_events_per_busy_tick"),
        example: "max_io_events_per_busy_tick = 8",
        doc: Doc {
            what: "How many I/O events a worker that has tasks waiting takes at each check, so that a flood of events does not hold its tasks back.",
            since: Since::V0_2,
            values: COUNT,
            default: "the value of `max_io_events_per_tick`",
            becomes: "`.max_io_events_per_busy_tick(8)`: the I/O events a worker takes when it \
                      polls the driver while it still has tasks to run",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "enable",
        value: ValueKind::Drivers,
        role: Role::Enable,
        example: "enable = [\"time\"]",
        doc: Doc {
            what: "Which drivers the runtime gets: I/O, time, or both.",
            values: "a list of drivers: `[\"io\", \"time\"]`, or `[]` for none",
            default: "every driver (`.enable_all()`); with `builder`, the builder's",
            becomes: "`.enable_time()` in place of `.enable_all()`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_thread_start",
        value: ValueKind::Callback,
        role: method("on_thread_start"),
        example: "on_thread_start = started",
        doc: Doc {
            what: "A function called on each thread the runtime starts, as it starts.",
            values: CALLBACK,
            default: "none",
            becomes: "`.on_thread_start(started)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_thread_stop",
        value: ValueKind::Callback,
        role: method("on_thread_stop"),
        example: "on_thread_stop = stopped",
        doc: Doc {
            what: "A function called on each thread the runtime starts, as it stops.",
            values: CALLBACK,
            default: "none",
            becomes: "`.on_thread_stop(stopped)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_thread_park",
        value: ValueKind::Callback,
        role: method("on_thread_park"),
        example: "on_thread_park = parked",
        doc: Doc {
            what: "A function called on a worker thread as it goes idle.",
            values: CALLBACK,
            default: "none",
            becomes: "`.on_thread_park(parked)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_thread_unpark",
        value: ValueKind::Callback,
        role: method("on_thread_unpark"),
        example: "on_thread_unpark = unparked",
        doc: Doc {
            what: "A function called on a worker thread as it wakes.",
            values: CALLBACK,
            default: "none",
            becomes: "`.on_thread_unpark(unparked)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_task_spawn",
        value: ValueKind::Callback,
        role: method("on_task_spawn"),
        feature: Some(Feature::TokioUnstable),
        example: "on_task_spawn = spawned",
        doc: Doc {
            what: "A function called with each task as it is spawned.",
            since: Since::V0_2,
            values: TASK_HOOK,
            default: "none",
            becomes: "`.on_task_spawn(spawned)`: called as each task is spawned, with its id and \
                      where it was spawned (`TaskMeta::spawned_at`)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_task_terminate",
        value: ValueKind::Callback,
        role: method("on_task_terminate"),
        feature: Some(Feature::TokioUnstable),
        example: "on_task_terminate = terminated",
        doc: Doc {
            what: "A function called with each task as it ends.",
            since: Since::V0_2,
            values: TASK_HOOK,
            default: "none",
            becomes: "`.on_task_terminate(terminated)`: called as each task ends (finished, \
                      cancelled or panicked)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_before_task_poll",
        value: ValueKind::Callback,
        role: method("on_before_task_poll"),
        feature: Some(Feature::TokioUnstable),
        example: "on_before_task_poll = polling",
        doc: Doc {
            what: "A function called before each poll of a task.",
            since: Since::V0_2,
            values: TASK_HOOK,
            default: "none",
            becomes: "`.on_before_task_poll(polling)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "on_after_task_poll",
        value: ValueKind::Callback,
        role: method("on_after_task_poll"),
        feature: Some(Feature::TokioUnstable),
        example: "on_after_task_poll = polled",
        doc: Doc {
            what: "A function called after each poll of a task.",
            since: Since::V0_2,
            values: TASK_HOOK,
            default: "none",
            becomes: "`.on_after_task_poll(polled)`",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "rng_seed",
        value: ValueKind::Seed,
        role: Role::Method {
            method: "rng_seed",
            wrap: Some(Private::RngSeed),
        },
        feature: Some(Feature::TokioUnstable),
        example: "rng_seed = 42",
        doc: Doc {
            what: "A seed for the runtime's random choices (which branch of `select!` is polled first, which worker is stolen from), so that a run can be repeated.",
            since: Since::V0_2,
            values: "an integer (`u64`, 0 too), or an expression",
            default: "a random seed per runtime",
            becomes: "`.rng_seed(RngSeed::from_bytes(&42u64.to_le_bytes()))`: the same seed, the \
                      same choices where tokio picks at random (which ready branch of \
                      `tokio::select!` is polled first)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "disable_lifo_slot",
        role: Role::Switch {
            method: "disable_lifo_slot",
        },
        flavors: Flavors::MultiThread,
        feature: Some(Feature::TokioUnstable),
        example: "disable_lifo_slot = true",
        doc: Doc {
            what: "Stops a worker from running a task woken by the running task next, ahead of its queue, where no other worker could steal it.",
            since: Since::V0_2,
            values: "`true`, `false`",
            default: "`false`",
            becomes: "`.disable_lifo_slot()` (`false`: nothing)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "eager_driver_handoff",
        role: Role::Switch {
            method: "enable_eager_driver_handoff",
        },
        flavors: Flavors::MultiThread,
        feature: Some(Feature::TokioUnstable),
        example: "eager_driver_handoff = true",
        doc: Doc {
            what: "Makes a worker that holds the I/O and time driver wake another worker to take it before it runs a task, so that one long poll does not hold up every timer and I/O event.",
            since: Since::V0_2,
            values: "`true`, `false`",
            default: "`false`",
            becomes: "`.enable_eager_driver_handoff()` (`false`: nothing)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "builder",
        value: ValueKind::BuilderFn,
        role: Role::Builder,
        example: "builder = my_builder",
        doc: Doc {
            what: "A function of yours that returns the `Builder` the runtime starts from.",
            values: "a path to a `fn() -> tokio::runtime::Builder`",
            default: "`Builder::new_..()` of the flavor",
            becomes: "`my_builder()` in place of `Builder::new_..()`; the other options apply on \
                      top (`max_worker_threads` replaces its worker count), and without `enable` \
                      its drivers are kept",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "timeout",
        value: ValueKind::Duration,
        role: Role::Timeout,
        example: "timeout = \"5s\"",
        doc: Doc {
            what: "Fails the body when it runs longer than this, in real time.",
            section: Section::Run,
            values: DURATION,
            default: "none",
            becomes: "a panic ``timed out: it ran longer than its `timeout = \"5s\"` `` when the \
                      body runs longer, in real time (also with `start_paused`); a body that \
                      blocks its thread past the limit fails when it next yields or returns",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "shutdown_timeout",
        value: ValueKind::Duration,
        role: Role::ShutdownTimeout,
        example: "shutdown_timeout = \"5s\"",
        doc: Doc {
            what: "Bounds how long the fn waits, as its runtime shuts down, for blocking work still running.",
            since: Since::V0_2,
            section: Section::Run,
            values: DURATION,
            default: "none: dropping the runtime waits for every `spawn_blocking` task, however \
                      long",
            becomes: "when the body has returned, returned `Err` or panicked, the runtime is shut \
                      down as dropping it would (its tasks first, then a wait for its threads), \
                      except that the wait for blocking tasks ends at the limit: those still running \
                      are left to end with the process, and the fn returns. It never waits longer \
                      than a drop would (`\"0s\"`: no wait, as tokio's `shutdown_background()`)",
        },
        ..ROW
    },
    OptionSpec {
        name: "cleanup_timeout",
        value: ValueKind::Duration,
        role: Role::CleanupTimeout,
        example: "cleanup_timeout = \"5s\"",
        doc: Doc {
            what: "How long each future given to `mainspring::cleanup` may run.",
            since: Since::V0_2,
            section: Section::Run,
            values: DURATION,
            default: "10 s for each cleanup",
            becomes: "each future given to `mainspring::cleanup` in the body gets at most that \
                      long, in real time; one that runs longer is dropped and fails the fn (after \
                      the body's own failure, if it failed)",
        },
        ..ROW
    },
    OptionSpec {
        name: "stack_size",
        value: ValueKind::Bytes,
        role: Role::StackSize,
        example: "stack_size = \"64MiB\"",
        doc: Doc {
            what: "Runs the runtime and the body on a new thread with this much stack.",
            section: Section::Run,
            values: BYTES,
            default: "the calling thread's stack",
            becomes: "the runtime and the body run on a new thread with that stack; the return \
                      value and any panic come back unchanged",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "fail_on_task_panic",
        role: Role::FailOnTaskPanic,
        example: "fail_on_task_panic = true",
        doc: Doc {
            what: "Fails the fn when a task spawned on its runtime panics, even one that nobody awaits.",
            section: Section::Run,
            values: "`true`, `false`",
            default: "`false`",
            becomes: "a panic in any task spawned on the runtime (or in `spawn_blocking` work) \
                      fails the test (or `main`) with that panic's message, even when nobody \
                      awaits its `JoinHandle`; after the body's own failure (its panic, or its \
                      `Err`, with the task's panic written after it)",
            ..ROW.doc
        },
        ..ROW
    },
    OptionSpec {
        name: "fail_on_leaked_tasks",
        role: Role::FailOnLeakedTasks,
        example: "fail_on_leaked_tasks = true",
        doc: Doc {
            what: "Fails the fn when tasks it spawned are still running when its body returns.",
            since: Since::V0_2,
            section: Section::Run,
            values: "`true`, `false`",
            default: "`false`",
            becomes: "when the body has returned and the runtime has run what was ready to run, \
                      a panic if tasks spawned on it are still alive, whatever they wait for (they \
                      would be cancelled unseen): how many and, under `--cfg tokio_unstable`, \
                      where each was spawned; `spawn_blocking` work is not counted. An `Err` the \
                      body returned comes first, with the leak written after it",
        },
        ..ROW
    },
    OptionSpec {
        name: "fail_on_blocking",
        value: ValueKind::Duration,
        role: Role::FailOnBlocking,
        conflicts: &[("builder", BLOCKING_WITH_BUILDER)],
        example: "fail_on_blocking = \"100ms\"",
        doc: Doc {
            what: "Fails the fn when one poll keeps a thread of its runtime from the scheduler this long.",
            since: Since::V0_2,
            section: Section::Run,
            values: DURATION,
            default: "none",
            becomes: "a panic when a thread of the runtime (the body's, a worker) is kept from its \
                      scheduler that long by one poll (a `std::thread::sleep`, a blocking read, a \
                      lock held across a slow call, a loop that never yields), in the time the \
                      thread ran or slept, not the time it waited for a core: what was polled (the \
                      body, or a task: under `--cfg tokio_unstable` its id and where it was \
                      spawned) and for how long. The body fails at its next poll; after its own \
                      `Err`, if it had returned one",
        },
        ..ROW
    },
    OptionSpec {
        name: "warn_on_blocking",
        value: ValueKind::Duration,
        role: Role::WarnOnBlocking,
        conflicts: &[("builder", BLOCKING_WITH_BUILDER)],
        example: "warn_on_blocking = \"50ms\"",
        doc: Doc {
            what: "Writes a line to stderr when one poll keeps a thread of its runtime from the scheduler this long.",
            since: Since::V0_2,
            section: Section::Run,
            values: DURATION,
            default: "none",
            becomes: "the same check, as a line on stderr for each occurrence, with how long it \
                      lasted (at most 5 lines a second); the fn goes on",
        },
        ..ROW
    },
    OptionSpec {
        name: "shared",
        value: ValueKind::Shared,
        role: Role::Shared,
        attrs: Attrs::TestOnly,
        example: "shared",
        doc: Doc {
            what: "Runs the test on a runtime built once per test binary, which the tests that ask for it share.",
            section: Section::Run,
            values: "nothing (`shared`, which needs feature `rt-multi-thread`), `true`, `false`, \
                     or a path to a `static` of type `mainspring::SharedRuntime`",
            default: "`false`: a runtime of the test's own",
            becomes: "the test runs on a runtime built once per test binary (by the static's \
                      builder fn, or `multi_thread` with every driver) and never shut down; only \
                      `timeout` and `crate` go with it",
            ..ROW.doc
        },
        ..ROW
    },
];

/// The row of an option.
pub(crate) fn spec(name: &str) -> Option<&'static OptionSpec> {
    OPTIONS.iter().find(|spec| spec.name == name)
}

/// The names of the options an attribute takes, in the table's order.
pub(crate) fn names(kind: Macro) -> Vec<&'static str> {
    OPTIONS
        .iter()
        .filter(|spec| spec.attrs.takes(kind))
        .map(|spec| spec.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_a_row_once_and_every_conflict_names_a_row() {
        for (i, spec) in OPTIONS.iter().enumerate() {
            assert!(
                OPTIONS[..i].iter().all(|other| other.name != spec.name),
                "`{}` has two rows",
                spec.name
            );
            for (other, _) in spec.conflicts {
                assert!(
                    super::spec(other).is_some(),
                    "`{}` conflicts with `{other}`",
                    spec.name
                );
            }
            assert!(spec.example.starts_with(spec.name), "{}", spec.example);
        }
    }

    #[test]
    fn every_renamed_key_is_renamed_to_a_row() {
        for (old, new) in crate::symbol::RENAMED_KEYS {
            assert!(
                spec(new).is_some(),
                "`{old}` is renamed to `{new}`, no option"
            );
        }
    }
}
