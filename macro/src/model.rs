//! The types validation produces and the expansion reads: a plan that passed every rule.

use crate::private::Private;
use crate::symbol::{CURRENT_THREAD, LOCAL, MULTI_THREAD};
use proc_macro2::{Span, TokenStream};
use syn::Ident;

/// Which of the two attribute macros is being expanded: it sets the default flavor and the
/// messages' wording.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Macro {
    Main,
    Test,
}

impl Macro {
    pub(crate) fn attr(self) -> &'static str {
        match self {
            Macro::Main => "mainspring::main",
            Macro::Test => "mainspring::test",
        }
    }

    pub(crate) fn default_flavor(self) -> Flavor {
        match self {
            Macro::Main => Flavor::MultiThread,
            Macro::Test => Flavor::CurrentThread,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Flavor {
    CurrentThread,
    MultiThread,
    Local,
}

impl Flavor {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Flavor::CurrentThread => CURRENT_THREAD,
            Flavor::MultiThread => MULTI_THREAD,
            Flavor::Local => LOCAL,
        }
    }
}

/// Where the `Builder` comes from.
#[derive(Clone)]
pub(crate) enum Start {
    New(Flavor),
    /// `builder = path::to::fn`: the user's fn returns a `Builder`, which fixes the flavor.
    UserBuilder(TokenStream),
    /// `shared`: no runtime of the fn's own, but the default shared runtime (`None`) or the
    /// `static` this path names.
    Shared(Option<TokenStream>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Driver {
    Io,
    Time,
}

/// Which drivers to enable: tokio's attributes always enable all of them.
#[derive(Clone)]
pub(crate) enum Enable {
    All,
    Only(Vec<Driver>),
    /// With `builder` and no `enable`: keep what the user's builder chose.
    AsBuilt,
}

/// The argument of one `Builder` method call.
#[derive(Clone)]
pub(crate) enum Arg {
    /// Checked at compile time and emitted as tokens (`4`, `"w"`, `Duration::from_millis(250)`).
    Checked(TokenStream),
    /// Evaluated at run time through a check of the shim, which names the option when the value
    /// is bad: `__private::check::<check>("<option>", <expr>)`.
    RunTimeCheck {
        check: Private,
        option: &'static str,
        expr: TokenStream,
    },
    /// Passed as written; the method's own signature is the check (a closure, a `Duration`).
    Expr(TokenStream),
    UnhandledPanic(UnhandledPanic),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UnhandledPanic {
    Ignore,
    ShutdownRuntime,
}

/// One `Builder` method call, `.method(arg)` or `.method(<wrap>(arg))`; the method carries the
/// option key's span.
#[derive(Clone)]
pub(crate) struct Knob {
    pub(crate) method: Ident,
    pub(crate) wrap: Option<Wrap>,
    pub(crate) arg: Arg,
}

/// What a `Builder` method's argument is passed through.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Wrap {
    /// A fn of the shim: `__private::<name>(arg)`.
    Private(Private),
    /// A method of a record of the shim that a run option needs the hook for, kept in the local
    /// `record`: `<record>.<method>(arg)`, which wraps the user's hook so that it is still
    /// called; `<record>.<method>()` is the record's own hook, where the user gave none.
    Record {
        record: &'static str,
        method: &'static str,
    },
}

/// A `Builder` hook that a run option needs: the record it feeds, and how.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Hook {
    /// `fail_on_leaked_tasks` under `--cfg tokio_unstable`: where each task was spawned.
    TaskSpawn,
    TaskTerminate,
    /// `fail_on_leaked_tasks` on `multi_thread`: the runtime's threads, whose state tells when
    /// it is idle; the blocking check's workers, known from their start.
    ThreadStart,
    /// `shutdown_timeout` on `current_thread` and `local`: the runtime's threads, counted as
    /// they are spawned (by the name fn, which tokio calls then) and as they stop, for the
    /// bounded wait.
    ThreadName,
    ThreadStop,
    /// `fail_on_blocking` and `warn_on_blocking`: when each thread goes idle and wakes, and
    /// under `--cfg tokio_unstable` each poll of a task.
    ThreadPark,
    ThreadUnpark,
    TaskPollStart,
    TaskPollStop,
}

impl Hook {
    /// The `Builder` method the hook is given to.
    pub(crate) fn method(self) -> &'static str {
        match self {
            Hook::TaskSpawn => "on_task_spawn",
            Hook::TaskTerminate => "on_task_terminate",
            Hook::ThreadStart => "on_thread_start",
            Hook::ThreadName => "thread_name_fn",
            Hook::ThreadStop => "on_thread_stop",
            Hook::ThreadPark => "on_thread_park",
            Hook::ThreadUnpark => "on_thread_unpark",
            Hook::TaskPollStart => "on_before_task_poll",
            Hook::TaskPollStop => "on_after_task_poll",
        }
    }

    /// The local the expansion keeps the record in: a `Watch` or a `Threads` of the shim.
    pub(crate) fn record(self) -> &'static str {
        match self {
            Hook::TaskSpawn
            | Hook::TaskTerminate
            | Hook::ThreadStart
            | Hook::ThreadPark
            | Hook::ThreadUnpark
            | Hook::TaskPollStart
            | Hook::TaskPollStop => "watch",
            Hook::ThreadName | Hook::ThreadStop => "threads",
        }
    }

    /// The options that give this hook, each with the record's method that wraps its value.
    pub(crate) fn given_by(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Hook::TaskSpawn => &[("on_task_spawn", "on_spawn")],
            Hook::TaskTerminate => &[("on_task_terminate", "on_terminate")],
            Hook::ThreadStart => &[("on_thread_start", "on_thread_start")],
            Hook::ThreadName => &[("thread_name", "name"), ("thread_name_fn", "name_fn")],
            Hook::ThreadStop => &[("on_thread_stop", "on_stop")],
            Hook::ThreadPark => &[("on_thread_park", "on_thread_park")],
            Hook::ThreadUnpark => &[("on_thread_unpark", "on_thread_unpark")],
            Hook::TaskPollStart => &[("on_before_task_poll", "on_poll_start")],
            Hook::TaskPollStop => &[("on_after_task_poll", "on_poll_stop")],
        }
    }

    /// The record's method that is the hook when the user gave none.
    pub(crate) fn own_hook(self) -> &'static str {
        match self {
            Hook::TaskSpawn => "spawn_hook",
            Hook::TaskTerminate => "terminate_hook",
            Hook::ThreadStart => "thread_start_hook",
            Hook::ThreadName => "default_name",
            Hook::ThreadStop => "stop_hook",
            Hook::ThreadPark => "park_hook",
            Hook::ThreadUnpark => "unpark_hook",
            Hook::TaskPollStart => "poll_start_hook",
            Hook::TaskPollStop => "poll_stop_hook",
        }
    }
}

/// A runtime configuration that passed every rule.
pub(crate) struct Config {
    pub(crate) start: Start,
    /// In the order written, so the expansion reads like the attribute.
    pub(crate) knobs: Vec<Knob>,
    pub(crate) enable: Enable,
    pub(crate) krate: Option<TokenStream>,
    pub(crate) run: RunWith,
}

/// How the body is run beyond `block_on`.
#[derive(Clone, Default)]
pub(crate) struct RunWith {
    /// The limit and its text for the message (`"5s"`, or the expression as written).
    pub(crate) timeout: Option<(Arg, String)>,
    /// With the key's span: a return type that is not `Send` is reported there.
    pub(crate) stack_size: Option<(Arg, Span)>,
    /// How long blocking tasks get when the runtime is shut down.
    pub(crate) shutdown_timeout: Option<Arg>,
    /// How long each cleanup registered in the body gets.
    pub(crate) cleanup_timeout: Option<Arg>,
    pub(crate) fail_on_leaked_tasks: Option<Leaks>,
    pub(crate) fail_on_task_panic: bool,
    /// `fail_on_blocking` and `warn_on_blocking`: each limit and its text for the messages.
    pub(crate) fail_on_blocking: Option<(Arg, String)>,
    pub(crate) warn_on_blocking: Option<(Arg, String)>,
    /// Whether the blocking check also sees each poll of a task (the poll hooks, `--cfg
    /// tokio_unstable`).
    pub(crate) blocking_polls: bool,
}

impl RunWith {
    /// Whether the fn ends through the shim's `Watch`, which may add what it found.
    pub(crate) fn watched(&self) -> bool {
        self.fail_on_task_panic || self.fail_on_leaked_tasks.is_some() || self.blocking()
    }

    /// Whether the blocking check is on.
    pub(crate) fn blocking(&self) -> bool {
        self.fail_on_blocking.is_some() || self.warn_on_blocking.is_some()
    }
}

/// How `fail_on_leaked_tasks` tells what was left running.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Leaks {
    /// How many tasks (tokio's metrics).
    Counted,
    /// How many, and where each was spawned (tokio's task hooks, `--cfg tokio_unstable`).
    Located,
}

/// What to expand: one runtime, or (`flavor = [..]` on a test) one test per flavor.
pub(crate) struct Plan {
    pub(crate) cases: Vec<Case>,
}

pub(crate) struct Case {
    /// The flavor's name for a test of a flavor list, which becomes `test_name::<flavor>`.
    pub(crate) name: Option<&'static str>,
    pub(crate) config: Config,
}

impl Plan {
    /// What a function is expanded with when its options have errors: it needs no feature and
    /// keeps rustc from adding follow-on errors (E0752, "`main` function not found").
    pub(crate) fn fallback(krate: Option<TokenStream>) -> Plan {
        let config = Config {
            start: Start::New(Flavor::CurrentThread),
            knobs: Vec::new(),
            enable: Enable::All,
            krate,
            run: RunWith::default(),
        };
        Plan {
            cases: vec![Case { name: None, config }],
        }
    }

    pub(crate) fn krate(&self) -> Option<&TokenStream> {
        self.cases
            .first()
            .and_then(|case| case.config.krate.as_ref())
    }
}

/// What the rules decided about the function itself, beyond its runtime.
pub(crate) struct FnShape {
    /// Add `#[::core::prelude::v1::test]` after the user's attributes.
    pub(crate) test_attr: bool,
    /// The places among the fn's attributes of those to leave out (a second test attribute,
    /// an error already reported), so that the fn stays one test and another attribute macro
    /// adds no errors of its own.
    pub(crate) dropped_attrs: Vec<usize>,
    /// `main` was given arguments (an error already reported): emit `fn main()` without them.
    pub(crate) drop_inputs: bool,
    /// The function is `main` or a test, whose value only matters as `Termination`.
    pub(crate) terminates: bool,
}
