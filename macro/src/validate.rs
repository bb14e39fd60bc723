//! Stage 2: raw options and the parsed function to a `Plan` and an `FnShape` that cannot be
//! invalid. Every rule lives here; what each option is comes from the table (`table.rs`).

use crate::build::Features;
use crate::errors::Errors;
use crate::messages;
use crate::model::{
    Arg, Case, Config, Driver, Enable, Flavor, FnShape, Hook, Knob, Leaks, Macro, Plan, RunWith,
    Start, Wrap,
};
use crate::parse::{Attr, ItemFn, Outline, RawOption, Value};
use crate::table::{self, Flavors, OptionSpec, Role};
use crate::values::{self, GivenFlavors, Shared};
use proc_macro2::{Group, Span, TokenStream};
use std::collections::HashSet;
use syn::ext::IdentExt;
use syn::{Attribute, Expr, Ident, Meta};

/// The options as given and parsed, each with its row and its key's span.
#[derive(Default)]
struct Given {
    flavor: Option<(GivenFlavors, Span)>,
    run: RunWith,
    builder: Option<TokenStream>,
    enable: Option<Vec<Driver>>,
    krate: Option<TokenStream>,
    /// The options that are `Builder` calls, in the order written.
    knobs: Vec<(&'static OptionSpec, Knob)>,
    /// `shared` (not `shared = false`), with its key's span.
    shared: Option<(Option<TokenStream>, Span)>,
    /// Every option whose value was valid: what the rules between options look at.
    valid: Vec<(&'static OptionSpec, Span)>,
}

/// The runtime (or, for a flavor list, runtimes) the options describe.
pub(crate) fn plan(
    options: Vec<RawOption>,
    kind: Macro,
    features: Features,
    errors: &mut Errors,
) -> Plan {
    let mut given = Given::default();
    let mut seen = HashSet::new();
    for RawOption { key, value } in options {
        let name = key.unraw().to_string();
        let span = key.span();
        let spec = table::spec(&name).filter(|spec| spec.attrs.takes(kind));
        // A key counts once it has a value (`shared` needs none).
        let counted = spec.filter(|spec| value.is_some() || spec.role == Role::Shared);
        if counted.is_some_and(|spec| !seen.insert(spec.name)) {
            errors.at(
                span,
                format!("`{name}` is given more than once; remove this one"),
            );
            continue;
        }
        let (spec, value) = match (spec, value) {
            (Some(spec), Some(value)) => (spec, value),
            // `shared` alone is `shared = true`.
            (Some(spec), None) if spec.role == Role::Shared => {
                given.shared = Some((None, span));
                given.valid.push((spec, span));
                continue;
            }
            (Some(spec), None) => {
                errors.at(span, messages::needs_value(spec));
                continue;
            }
            (None, None) => {
                errors.at(span, messages::bare_word(&name, kind));
                continue;
            }
            (None, Some(_)) => {
                errors.at(span, messages::unknown_key(&name, kind));
                continue;
            }
        };
        if take_value(spec, span, &value, kind, &mut given, errors) {
            given.valid.push((spec, span));
        }
    }
    combine(given, kind, features, errors)
}

/// Parses one option's value into `given`; whether it was valid.
fn take_value(
    spec: &'static OptionSpec,
    span: Span,
    value: &Value,
    kind: Macro,
    given: &mut Given,
    errors: &mut Errors,
) -> bool {
    match spec.role {
        Role::Method { method, wrap } => {
            let arg = values::arg(spec, value, errors);
            knob(given, spec, (method, span), wrap.map(Wrap::Private), arg)
        }
        Role::Switch { method } => match values::bool_literal(spec, value, errors) {
            Some(true) => {
                let arg = Some(Arg::Checked(TokenStream::new()));
                knob(given, spec, (method, span), None, arg)
            }
            Some(false) => true,
            None => false,
        },
        Role::Flavor if kind == Macro::Main && matches!(value.expr, Expr::Array(_)) => {
            errors.spanned(
                &value.tokens,
                "a list of flavors is for `#[mainspring::test]`, which makes one test per flavor; \
                 `main` runs on one runtime",
            );
            false
        }
        Role::Flavor => set(
            &mut given.flavor,
            values::flavors(spec, value, errors).map(|f| (f, span)),
        ),
        Role::Crate => set(&mut given.krate, values::crate_path(spec, value, errors)),
        Role::Builder => set(
            &mut given.builder,
            values::builder_path(spec, value, errors),
        ),
        Role::Enable => set(&mut given.enable, values::drivers(spec, value, errors)),
        Role::Timeout => {
            let timeout =
                values::arg(spec, value, errors).map(|arg| (arg, values::as_written(value)));
            set(&mut given.run.timeout, timeout)
        }
        Role::CleanupTimeout => set(
            &mut given.run.cleanup_timeout,
            values::arg(spec, value, errors),
        ),
        Role::ShutdownTimeout => set(
            &mut given.run.shutdown_timeout,
            values::arg(spec, value, errors),
        ),
        Role::StackSize => {
            let stack_size = values::arg(spec, value, errors).map(|arg| (arg, span));
            set(&mut given.run.stack_size, stack_size)
        }
        Role::FailOnTaskPanic => match values::bool_literal(spec, value, errors) {
            Some(on) => {
                given.run.fail_on_task_panic = on;
                true
            }
            None => false,
        },
        Role::FailOnLeakedTasks => match values::bool_literal(spec, value, errors) {
            Some(on) => {
                given.run.fail_on_leaked_tasks = on.then_some(Leaks::Counted);
                true
            }
            None => false,
        },
        Role::FailOnBlocking => {
            let limit =
                values::arg(spec, value, errors).map(|arg| (arg, values::as_written(value)));
            set(&mut given.run.fail_on_blocking, limit)
        }
        Role::WarnOnBlocking => {
            let limit =
                values::arg(spec, value, errors).map(|arg| (arg, values::as_written(value)));
            set(&mut given.run.warn_on_blocking, limit)
        }
        Role::Shared => match values::shared(spec, value, errors) {
            Some(Shared::Off) => true,
            Some(Shared::Default) => set(&mut given.shared, Some((None, span))),
            Some(Shared::Named(path)) => set(&mut given.shared, Some((Some(path), span))),
            None => false,
        },
    }
}

/// Adds the `Builder` call `.method(arg)` (the method at the key's span), if the value gave an
/// argument; whether it did.
fn knob(
    given: &mut Given,
    spec: &'static OptionSpec,
    (method, span): (&str, Span),
    wrap: Option<Wrap>,
    arg: Option<Arg>,
) -> bool {
    let Some(arg) = arg else {
        return false;
    };
    let method = Ident::new(method, span);
    given.knobs.push((spec, Knob { method, wrap, arg }));
    true
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    *slot = value;
    slot.is_some()
}

/// `shared`: only the options that neither configure the runtime nor need one of the test's own
/// go with it (`messages::not_with_shared` says why each other one does not); the default
/// shared runtime is `multi_thread`.
fn shared(
    given: Given,
    shared: Option<TokenStream>,
    span: Span,
    features: Features,
    errors: &mut Errors,
) -> Plan {
    for (spec, key) in &given.valid {
        // `fail_on_task_panic = false` (or `fail_on_leaked_tasks`) asks for nothing, so it goes
        // with anything.
        let asks = match spec.role {
            Role::FailOnTaskPanic => given.run.fail_on_task_panic,
            Role::FailOnLeakedTasks => given.run.fail_on_leaked_tasks.is_some(),
            _ => true,
        };
        if let Some(message) = messages::not_with_shared(spec).filter(|_| asks) {
            errors.at(*key, message);
        }
    }
    if shared.is_none() && !features.rt_multi_thread {
        errors.at(
            span,
            "the default shared runtime is `multi_thread`, which needs the `rt-multi-thread` feature \
             of `mainspring`: `mainspring = { version = \"..\", features = [\"rt-multi-thread\"] }`; \
             or declare `static NAME: mainspring::SharedRuntime` with a builder fn of yours and \
             write `shared = NAME`",
        );
    }
    let config = Config {
        start: Start::Shared(shared),
        knobs: Vec::new(),
        enable: Enable::All,
        krate: given.krate,
        run: RunWith {
            timeout: given.run.timeout,
            cleanup_timeout: given.run.cleanup_timeout,
            ..RunWith::default()
        },
    };
    Plan {
        cases: vec![Case { name: None, config }],
    }
}

/// The rules that relate options to each other, to the flavor(s) and to the crate's features.
fn combine(mut given: Given, kind: Macro, features: Features, errors: &mut Errors) -> Plan {
    if let Some((path, span)) = given.shared.take() {
        return shared(given, path, span, features, errors);
    }
    // Where each leaked task was spawned comes from the task hooks, which a `builder`'s own
    // cannot be read back to be kept with (see `hooks`).
    if given.run.fail_on_leaked_tasks.is_some()
        && features.tokio_unstable
        && given.builder.is_none()
    {
        given.run.fail_on_leaked_tasks = Some(Leaks::Located);
    }
    // Each poll of a task is seen through tokio's poll hooks, which are unstable.
    given.run.blocking_polls = given.run.blocking() && features.tokio_unstable;
    for (spec, span) in &given.valid {
        for (other, why) in spec.conflicts {
            if given.valid.iter().any(|(given, _)| given.name == *other) {
                errors.at(
                    *span,
                    format!("`{}` cannot be combined with `{other}`: {why}", spec.name),
                );
            }
        }
    }
    // With a user builder the flavor is only known at run time; tokio's own checks apply there.
    let flavors: Vec<Option<Flavor>> = match (&given.builder, &given.flavor) {
        (Some(_), _) => vec![None],
        (None, Some((given, _))) => given.flavors.iter().copied().map(Some).collect(),
        (None, None) => vec![Some(kind.default_flavor())],
    };
    if flavors.contains(&Some(Flavor::MultiThread)) && !features.rt_multi_thread {
        let span = given
            .flavor
            .as_ref()
            .map_or_else(Span::call_site, |(_, span)| *span);
        errors.at(
            span,
            messages::needs_rt_multi_thread(
                given.flavor.is_some(),
                given
                    .flavor
                    .as_ref()
                    .is_some_and(|(flavor, _)| flavor.is_list),
            ),
        );
    }
    for (spec, span) in &given.valid {
        if !flavors.iter().any(|flavor| applies(spec, *flavor)) {
            errors.at(*span, messages::wrong_flavor(spec, kind));
        } else if let Some(feature) = spec.feature.filter(|feature| !features.has(*feature)) {
            errors.at(*span, messages::missing_feature(spec, feature));
        }
    }
    let enable = match (given.enable, &given.builder) {
        (Some(drivers), _) => Enable::Only(drivers),
        (None, Some(_)) => Enable::AsBuilt,
        (None, None) => Enable::All,
    };
    let matrix = given
        .flavor
        .as_ref()
        .is_some_and(|(flavor, _)| flavor.is_list);
    let cases = flavors
        .into_iter()
        .map(|flavor| {
            let start = match (&given.builder, flavor) {
                (Some(path), _) => Start::UserBuilder(path.clone()),
                (None, flavor) => Start::New(flavor.unwrap_or(Flavor::CurrentThread)),
            };
            let mut knobs: Vec<(&OptionSpec, Knob)> = given
                .knobs
                .iter()
                .filter(|(spec, _)| applies(spec, flavor))
                .cloned()
                .collect();
            for hook in hooks(&given.run, &start) {
                record_hook(&mut knobs, hook);
            }
            let knobs = knobs.into_iter().map(|(_, knob)| knob).collect();
            let config = Config {
                start,
                knobs,
                enable: enable.clone(),
                krate: given.krate.clone(),
                run: given.run.clone(),
            };
            let name = matrix.then(|| flavor.unwrap_or(Flavor::CurrentThread).name());
            Case { name, config }
        })
        .collect();
    Plan { cases }
}

/// The `Builder` hooks the run options need on a runtime that starts as `start`. None on a
/// `builder`'s runtime: a hook set in the user's own `Builder` cannot be read back, and setting
/// ours would replace it (the leak check then counts without places, the bounded shutdown
/// drops the runtime on a thread of its own; see the shim).
fn hooks(run: &RunWith, start: &Start) -> Vec<Hook> {
    let mut hooks = Vec::new();
    let Start::New(flavor) = start else {
        return hooks;
    };
    if run.fail_on_leaked_tasks == Some(Leaks::Located) {
        hooks.extend([Hook::TaskSpawn, Hook::TaskTerminate]);
    }
    if run.fail_on_leaked_tasks.is_some() && *flavor == Flavor::MultiThread {
        hooks.push(Hook::ThreadStart);
    }
    if run.shutdown_timeout.is_some() && *flavor != Flavor::MultiThread {
        hooks.extend([Hook::ThreadName, Hook::ThreadStop]);
    }
    if run.blocking() {
        if *flavor == Flavor::MultiThread && !hooks.contains(&Hook::ThreadStart) {
            hooks.push(Hook::ThreadStart);
        }
        hooks.extend([Hook::ThreadPark, Hook::ThreadUnpark]);
        if run.blocking_polls {
            hooks.extend([Hook::TaskPollStart, Hook::TaskPollStop]);
        }
    }
    hooks
}

/// Sets `hook` on the builder: the user's hook, given by an option, is wrapped by the record's
/// method, so that it is still called; where the user gave none, the record's own hook is
/// added.
fn record_hook(knobs: &mut Vec<(&'static OptionSpec, Knob)>, hook: Hook) {
    let record = hook.record();
    let mut wrapped = false;
    for (spec, knob) in knobs.iter_mut() {
        let Some((_, method)) = hook.given_by().iter().find(|(name, _)| *name == spec.name) else {
            continue;
        };
        // `thread_name = "x"` becomes `.thread_name_fn(threads.name("x"))`.
        knob.method = Ident::new(hook.method(), knob.method.span());
        knob.wrap = Some(Wrap::Record { record, method });
        wrapped = true;
    }
    if !wrapped {
        let spec = table::spec(hook.given_by()[0].0).expect("a row for each hook");
        let knob = Knob {
            method: Ident::new(hook.method(), Span::call_site()),
            wrap: Some(Wrap::Record {
                record,
                method: hook.own_hook(),
            }),
            arg: Arg::Checked(TokenStream::new()),
        };
        knobs.push((spec, knob));
    }
}

/// Whether an option applies to a flavor (`None`: chosen by a user builder, so tokio decides).
fn applies(spec: &OptionSpec, flavor: Option<Flavor>) -> bool {
    match (spec.flavors, flavor) {
        (Flavors::Any, _) | (_, None) => true,
        (Flavors::MultiThread, Some(flavor)) => flavor == Flavor::MultiThread,
        (Flavors::NotMultiThread, Some(flavor)) => flavor != Flavor::MultiThread,
    }
}

/// The rules on the function itself: it is `async`; `main` takes no arguments; a test has no
/// second test attribute and no second runtime (each reported, then left out of the output, so
/// the function stays one test and another attribute macro adds no errors of its own), and no
/// attribute above ours has turned it into something ours cannot run.
pub(crate) fn function(function: &ItemFn, kind: Macro, errors: &mut Errors) -> FnShape {
    if kind == Macro::Test {
        if let Some(message) = rewritten_above(function.body_source.as_deref()) {
            errors.at(function.body.span(), message);
        }
    }
    let sig = &function.sig;
    let inputs = (!sig.args.is_empty()).then(|| sig.inputs.stream());
    let drop_inputs = signature(
        kind,
        sig.asyncness,
        sig.fn_span,
        &sig.ident,
        inputs.as_ref(),
        errors,
    );
    let mut dropped_attrs = Vec::new();
    if kind == Macro::Test {
        for (index, attr) in function.attrs.iter().enumerate() {
            if let Some(message) = second_test(attr) {
                errors.spanned(&attr.tokens, message);
                dropped_attrs.push(index);
            }
        }
    }
    // test-case turns each `#[test_case(..)]` below ours into a fn of its own and adds `#[test]`
    // to each (the fn is no longer async once ours has expanded): a `#[test]` from ours as well
    // made every case a test twice (test-case issue 152, which tokio has).
    let cases_add_their_own = function.attrs.iter().any(|attr| is_test_case(&attr.attr));
    FnShape {
        test_attr: kind == Macro::Test && !cases_add_their_own,
        dropped_attrs,
        drop_inputs,
        // A fn whose cases test-case makes tests is called by them, for its value; and an
        // attribute macro below ours may read the return type it expands (serial_test's
        // `#[serial]` wants a `Result`), so the fn keeps it.
        terminates: ((kind == Macro::Test && !cases_add_their_own) || function.sig.ident == "main")
            && function.attrs.iter().all(|attr| is_built_in(&attr.attr)),
    }
}

/// Why an attribute below `#[mainspring::test]` cannot stay: it is the standard test attribute,
/// which ours adds (written by the user, or added by an attribute macro above ours, which says
/// in which order or form the two work), or another runtime's test attribute.
fn second_test(attr: &Attr) -> Option<String> {
    if is_runtime_test_attribute(&attr.attr) {
        let written = messages::tidy(&attr.tokens.to_string());
        return Some(format!(
            "`{written}` builds a runtime for the test too; keep one of `#[mainspring::test]` and `{written}`"
        ));
    }
    if !is_standard_test_attribute(&attr.attr) {
        return None;
    }
    // The `#` of an attribute the user wrote reads `#`; one that an attribute macro above ours
    // generated carries that macro's span, which reads as its attribute.
    let source = attr
        .tokens
        .clone()
        .into_iter()
        .next()
        .and_then(|pound| pound.span().source_text())
        .filter(|text| text.starts_with("#["));
    Some(match source {
        None => "a second test attribute is given; `#[mainspring::test]` already adds `#[test]`, remove this one".to_owned(),
        Some(above) if above.contains("test_log") => format!(
            "`{above}` above `#[mainspring::test]` has already made this fn a test; put \
             `{above}` below `#[mainspring::test]`, or write `#[test_log::test(mainspring::test)]`"
        ),
        Some(above) => format!(
            "`{above}` above `#[mainspring::test]` has already made this fn a test; put it below \
             `#[mainspring::test]`"
        ),
    })
}

/// When an attribute macro above ours rewrote the body into something that cannot run in an
/// async block, how to fix it. ntest's `#[timeout(ms)]` moves the body into a plain fn run on
/// another thread, where its `.await`s are errors (E0728, which tokio's users get alone).
fn rewritten_above(body_source: Option<&str>) -> Option<String> {
    let above = body_source?;
    let ntest = above.starts_with("#[ntest::timeout") || above.starts_with("#[timeout(");
    ntest.then(|| {
        format!(
            "`{above}` above `#[mainspring::test]` moved the body into a plain fn, where it \
             cannot `.await`; put `{above}` below `#[mainspring::test]`, or use \
             `#[mainspring::test(timeout = \"1s\")]`"
        )
    })
}

/// The rules that can be checked on what an unparsable item shows of its signature (see
/// `parse::outline`): only what is certain is reported.
pub(crate) fn outline(outline: &Outline, kind: Macro, errors: &mut Errors) {
    let inputs = outline
        .inputs
        .as_ref()
        .map(Group::stream)
        .filter(|inputs| !inputs.is_empty());
    if let Some(ident) = &outline.ident {
        signature(
            kind,
            outline.asyncness,
            outline.fn_span,
            ident,
            inputs.as_ref(),
            errors,
        );
    }
}

/// `async` is there; `main` has no arguments (`inputs`: the arguments' tokens, if any).
/// Whether the arguments are to be dropped from the output.
fn signature(
    kind: Macro,
    asyncness: Option<Span>,
    fn_span: Span,
    ident: &Ident,
    inputs: Option<&TokenStream>,
    errors: &mut Errors,
) -> bool {
    if asyncness.is_none() {
        errors.at(
            fn_span,
            format!(
                "the `async` keyword is missing from the function declaration; `#[{}]` needs an `async fn`",
                kind.attr()
            ),
        );
    }
    let main_with_arguments = kind == Macro::Main && ident == "main" && inputs.is_some();
    if let Some(inputs) = inputs.filter(|_| main_with_arguments) {
        errors.spanned(
            inputs,
            "`main` cannot take arguments; read them with `std::env::args()` instead",
        );
    }
    main_with_arguments
}

fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// The standard test attribute: `#[test]`, `#[core::prelude::v1::test]`,
/// `#[std::prelude::rust_2024::test]`, with or without a leading `::`. Only it: another crate's
/// `#[test_log::test]` stays, as with tokio (whose rule, shared by test-log, this is).
fn is_standard_test_attribute(attr: &Attribute) -> bool {
    let Meta::Path(path) = &attr.meta else {
        return false;
    };
    let segments = segments(path);
    match segments.as_slice() {
        [test] => test == "test" && path.leading_colon.is_none(),
        [root, prelude, _, test] => {
            (root == "core" || root == "std") && prelude == "prelude" && test == "test"
        }
        _ => false,
    }
}

/// An attribute of the language or its tools, which no macro expands: one that cannot see or
/// change the fn's signature.
fn is_built_in(attr: &Attribute) -> bool {
    const BUILT_IN: &[&str] = &[
        "allow",
        "warn",
        "deny",
        "forbid",
        "expect",
        "doc",
        "must_use",
        "should_panic",
        "ignore",
        "inline",
        "cold",
        "track_caller",
        "deprecated",
        "cfg",
    ];
    let path = attr.path();
    let segments = segments(path);
    match segments.as_slice() {
        [name] => BUILT_IN.contains(&name.as_str()),
        [tool, _] => tool == "rustfmt" || tool == "clippy" || tool == "diagnostic",
        _ => false,
    }
}

/// `#[tokio::test]` or `#[mainspring::test]` (with or without options): a second runtime.
fn is_runtime_test_attribute(attr: &Attribute) -> bool {
    let path = attr.path();
    let segments = segments(path);
    matches!(segments.as_slice(), [krate, test] if (krate == "tokio" || krate == "mainspring") && test == "test")
}

/// test-case's attributes (`#[test_case(..)]`, `#[test_case::case(..)]`, `#[test_matrix(..)]`
/// and the paths test-case itself looks for).
fn is_test_case(attr: &Attribute) -> bool {
    let path = attr.path();
    let segments = segments(path);
    match segments.as_slice() {
        [name] => name == "test_case" || name == "test_matrix",
        [krate, name] => {
            krate == "test_case" && (name == "test_case" || name == "case" || name == "test_matrix")
        }
        _ => false,
    }
}
