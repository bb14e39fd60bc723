//! The types validation produces and the expansion reads: a plan that passed every rule.

use crate::options::Feature;
use crate::symbol::{CURRENT_THREAD, LOCAL, MULTI_THREAD};
use proc_macro2::{Span, TokenStream};
use syn::Ident;

/// Which attribute is being expanded: it sets the default flavor and the messages' wording.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Main,
    Test,
}

impl Kind {
    pub(crate) fn attr(self) -> &'static str {
        match self {
            Kind::Main => "mainspring::main",
            Kind::Test => "mainspring::test",
        }
    }

    pub(crate) fn default_flavor(self) -> Flavor {
        match self {
            Kind::Main => Flavor::MultiThread,
            Kind::Test => Flavor::CurrentThread,
        }
    }
}

/// What the build of the facade crate makes available, mirrored into the macro crate's features,
/// and who the expansion is for.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::struct_excessive_bools)] // Independent switches, named at every use.
pub struct Features {
    pub rt_multi_thread: bool,
    pub test_util: bool,
    pub tokio_unstable: bool,
    /// The expansion is for an editor (rust-analyzer), which gets the option keys named
    /// (`ide.rs`); rustc does not.
    pub ide: bool,
}

impl Features {
    pub(crate) fn has(self, feature: Feature) -> bool {
        match feature {
            Feature::TestUtil => self.test_util,
            Feature::TokioUnstable => self.tokio_unstable,
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

/// An item of `::mainspring::__private` that the expansion names. Codegen spells these names in
/// one place (`Private::name`), and a test checks them against the shim's exports, so a
/// misspelled name fails the macro crate's build or tests, never a user's build.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Private {
    Builder,
    UnhandledPanic,
    BlockOn,
    FailOnTaskPanic,
    Output,
    Timeout,
    WithStackSize,
    WithStackSizeReport,
    /// In `__private::check`: tokio's default worker count, capped.
    MaxWorkerThreads,
    /// A `u64` as tokio's `RngSeed`.
    RngSeed,
    /// The built runtime, shut down within a limit when dropped.
    ShutdownTimeout,
    /// The body, then a check that no task is left running on its runtime.
    FailOnLeakedTasks,
    /// A record of where a runtime's tasks were spawned, for the leak check (unstable).
    TrackSpawns,
    /// The module of one documented item per option, which the keys are named as (`ide.rs`).
    Options,
    BlockOnShared,
    /// The default shared runtime, a `static`.
    Shared,
    /// In `__private::check`: a `usize` count that must be at least 1.
    CheckUsize,
    /// In `__private::check`: a `u32` count that must be at least 1.
    CheckU32,
    /// In `__private::check`: a name that must not be blank.
    CheckName,
    /// In `__private::check`: `builder = f`, typed as `fn() -> Builder`.
    CheckBuilder,
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
    /// A method of the leak check's record of spawned tasks: `spawns.<name>(arg)`.
    Spawns(&'static str),
}

/// One of tokio's two task hooks that the leak check records spawned tasks through.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Hook {
    Spawn,
    Terminate,
}

impl Hook {
    pub(crate) const BOTH: [Hook; 2] = [Hook::Spawn, Hook::Terminate];

    /// The `Builder` method.
    pub(crate) fn method(self) -> &'static str {
        match self {
            Hook::Spawn => "on_task_spawn",
            Hook::Terminate => "on_task_terminate",
        }
    }

    /// The record's method that wraps the user's hook.
    pub(crate) fn wrapping(self) -> &'static str {
        match self {
            Hook::Spawn => "on_spawn",
            Hook::Terminate => "on_terminate",
        }
    }

    /// The record's method that is the hook when the user gave none.
    pub(crate) fn alone(self) -> &'static str {
        match self {
            Hook::Spawn => "spawn_hook",
            Hook::Terminate => "terminate_hook",
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
    pub(crate) fail_on_leaked_tasks: Option<Leaks>,
    pub(crate) fail_on_task_panic: bool,
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
pub(crate) struct Emit {
    /// Add `#[::core::prelude::v1::test]` after the user's attributes.
    pub(crate) test_attr: bool,
    /// `main` was given arguments (an error already reported): emit `fn main()` without them.
    pub(crate) drop_inputs: bool,
    /// The function is `main` or a test, whose value only matters as `Termination`.
    pub(crate) terminates: bool,
}
