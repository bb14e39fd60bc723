//! Stage 2: raw options to a `Config` that cannot be invalid. Every rule lives here.

use crate::errors::Errors;
use crate::parse::{RawOption, Value};
use crate::suggest::closest;
use crate::symbol::{
    BUILDER, CRATE, CURRENT_THREAD, DRIVERS, ENABLE, EVENT_INTERVAL, FAIL_ON_TASK_PANIC, FLAVOR,
    FLAVORS, GLOBAL_QUEUE_INTERVAL, IGNORE, IO, KEYS, LOCAL, MAX_BLOCKING_THREADS,
    MAX_IO_EVENTS_PER_TICK, MULTI_THREAD, NAME, ON_THREAD_PARK, ON_THREAD_START, ON_THREAD_STOP,
    ON_THREAD_UNPARK, RENAMED_FLAVORS, RENAMED_KEYS, SHUTDOWN_RUNTIME, STACK_SIZE, START_PAUSED,
    THREAD_KEEP_ALIVE, THREAD_NAME, THREAD_NAME_FN, THREAD_STACK_SIZE, TIME, TIMEOUT,
    UNHANDLED_PANIC, UNHANDLED_PANICS, WORKER_THREADS,
};
use crate::units::{parse_bytes, parse_duration};
use proc_macro2::{Delimiter, Literal, TokenTree};
use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use std::collections::HashSet;
use syn::ext::IdentExt;
use syn::{Expr, ExprLit, ExprPath, ExprUnary, Ident, Lit, LitInt, LitStr, Path, UnOp};

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

    fn default_flavor(self) -> Flavor {
        match self {
            Kind::Main => Flavor::MultiThread,
            Kind::Test => Flavor::CurrentThread,
        }
    }
}

/// What the build of the facade crate makes available, mirrored into the macro crate's features.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::struct_excessive_bools)] // Independent switches, named at every use.
pub struct Features {
    pub rt_multi_thread: bool,
    pub test_util: bool,
    pub tokio_unstable: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Flavor {
    CurrentThread,
    MultiThread,
    Local,
}

/// Where the `Builder` comes from.
#[derive(Clone)]
pub(crate) enum Start {
    New(Flavor),
    /// `builder = path::to::fn`: the user's fn returns a `Builder`, which fixes the flavor.
    UserBuilder(TokenStream),
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
    /// Evaluated at run time through the shim's check of that name, which names the option when
    /// the value is bad: `__private::check::<check>("<option>", <expr>)`.
    RunTimeCheck(&'static str, TokenStream),
    /// Passed as written; the method's own signature is the check (a closure, a `Duration`).
    Expr(TokenStream),
    UnhandledPanic(UnhandledPanic),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UnhandledPanic {
    Ignore,
    ShutdownRuntime,
}

/// One `Builder` method call: the method has the option's name and the option key's span.
#[derive(Clone)]
pub(crate) struct Knob {
    pub(crate) method: Ident,
    pub(crate) arg: Arg,
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
    pub(crate) fail_on_task_panic: bool,
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

/// The flavor option as given: one, or a list for tests.
struct Flavors {
    flavors: Vec<Flavor>,
    span: Span,
    is_list: bool,
}

impl Flavor {
    fn name(self) -> &'static str {
        match self {
            Flavor::CurrentThread => CURRENT_THREAD,
            Flavor::MultiThread => MULTI_THREAD,
            Flavor::Local => LOCAL,
        }
    }
}

/// How the value of an option that is one `Builder` method is checked.
#[derive(Clone, Copy)]
enum ValueKind {
    /// A count that must be at least 1: `usize` or `u32`.
    Count {
        max: u128,
        check: &'static str,
        ty: &'static str,
    },
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
    Bool,
}

const USIZE: ValueKind = ValueKind::Count {
    max: usize::MAX as u128,
    check: "count_usize",
    ty: "usize",
};
const U32: ValueKind = ValueKind::Count {
    max: u32::MAX as u128,
    check: "count_u32",
    ty: "u32",
};

const METHOD_OPTIONS: &[(&str, ValueKind)] = &[
    (WORKER_THREADS, USIZE),
    (MAX_BLOCKING_THREADS, USIZE),
    (MAX_IO_EVENTS_PER_TICK, USIZE),
    (GLOBAL_QUEUE_INTERVAL, U32),
    (EVENT_INTERVAL, U32),
    (THREAD_STACK_SIZE, ValueKind::Bytes),
    (THREAD_KEEP_ALIVE, ValueKind::Duration),
    (THREAD_NAME, ValueKind::Text),
    (NAME, ValueKind::Name),
    (START_PAUSED, ValueKind::Bool),
    (THREAD_NAME_FN, ValueKind::Callback),
    (ON_THREAD_START, ValueKind::Callback),
    (ON_THREAD_STOP, ValueKind::Callback),
    (ON_THREAD_PARK, ValueKind::Callback),
    (ON_THREAD_UNPARK, ValueKind::Callback),
];

/// Options as given, with the key's span for the rules that relate options to each other.
#[derive(Default)]
struct Given {
    flavor: Option<Flavors>,
    run: RunWith,
    builder: Option<(TokenStream, Span)>,
    enable: Option<Vec<Driver>>,
    krate: Option<TokenStream>,
    /// Every method option, with its key's span.
    knobs: Vec<(Knob, Span)>,
}

pub(crate) fn config(
    options: Vec<RawOption>,
    kind: Kind,
    features: Features,
    errors: &mut Errors,
) -> Plan {
    let mut given = Given::default();
    let mut seen = HashSet::new();
    for RawOption { key, value } in options {
        let name = key.unraw().to_string();
        let Some(value) = value else {
            errors.at(key.span(), bare_key_message(&name, kind));
            continue;
        };
        if KEYS.contains(&name.as_str()) && !seen.insert(name.clone()) {
            errors.at(
                key.span(),
                format!("`{name}` is given more than once; remove this one"),
            );
            continue;
        }
        let span = key.span();
        if let Some((_, value_kind)) = METHOD_OPTIONS.iter().find(|(option, _)| *option == name) {
            if let Some(arg) = method_arg(&name, *value_kind, &value, errors) {
                let method = Ident::new(&name, span);
                given.knobs.push((Knob { method, arg }, span));
            }
            continue;
        }
        match name.as_str() {
            FLAVOR => given.flavor = flavors(&value, kind, span, errors),
            TIMEOUT | STACK_SIZE | FAIL_ON_TASK_PANIC => {
                run_option(&name, span, &value, &mut given.run, errors)
            }
            UNHANDLED_PANIC => {
                if let Some(behaviour) = unhandled_panic(&value, errors) {
                    let method = Ident::new(UNHANDLED_PANIC, span);
                    given.knobs.push((
                        Knob {
                            method,
                            arg: Arg::UnhandledPanic(behaviour),
                        },
                        span,
                    ));
                }
            }
            CRATE => given.krate = crate_path(&value, errors),
            BUILDER => given.builder = builder_path(&value, errors).map(|p| (p, span)),
            ENABLE => given.enable = drivers(&value, errors),
            _ => errors.at(key.span(), unknown_key_message(&name)),
        }
    }
    combine(given, kind, features, errors)
}

/// The rules that relate options to each other, to the flavor(s) and to the crate's features.
fn combine(given: Given, kind: Kind, features: Features, errors: &mut Errors) -> Plan {
    let attr = kind.attr();
    if let (Some(flavors), Some(_)) = (&given.flavor, &given.builder) {
        errors.at(
            flavors.span,
            "`flavor` cannot be combined with `builder`: the builder fn chooses the flavor \
             (`Builder::new_current_thread()` or `new_multi_thread()`)",
        );
    }
    // With a user builder the flavor is only known at run time; tokio's own checks apply there.
    let flavors: Vec<Option<Flavor>> = match (&given.builder, &given.flavor) {
        (Some(_), _) => vec![None],
        (None, Some(given)) => given.flavors.iter().copied().map(Some).collect(),
        (None, None) => vec![Some(kind.default_flavor())],
    };
    if flavors.contains(&Some(Flavor::MultiThread)) && !features.rt_multi_thread {
        let (span, what) = match &given.flavor {
            Some(given) => (given.span, "the `multi_thread` flavor"),
            None => (
                Span::call_site(),
                "the default flavor of `#[mainspring::main]`, `multi_thread`,",
            ),
        };
        errors.at(
            span,
            format!(
                "{what} needs the `rt-multi-thread` feature of `mainspring`; enable it in Cargo.toml \
                 or use `flavor = \"current_thread\"`"
            ),
        );
    }
    for (knob, span) in &given.knobs {
        let option = knob.method.to_string();
        if !flavors.iter().any(|flavor| applies(&option, *flavor)) {
            let needs = if option == WORKER_THREADS {
                format!("`worker_threads` requires `#[{attr}(flavor = \"multi_thread\")]`")
            } else {
                format!(
                    "`{option}` requires `#[{attr}(flavor = \"current_thread\")]` (or `\"local\"`)"
                )
            };
            errors.at(*span, needs);
        } else if option == START_PAUSED && !features.test_util {
            errors.at(
                *span,
                "`start_paused` needs the `test-util` feature of `mainspring`: \
                 `mainspring = { version = \"..\", features = [\"test-util\"] }`",
            );
        } else if option == UNHANDLED_PANIC && !features.tokio_unstable {
            errors.at(
                *span,
                "`unhandled_panic` is an unstable tokio feature; build with \
                 `RUSTFLAGS=\"--cfg tokio_unstable\"` to use it",
            );
        }
    }
    let enable = match (given.enable, &given.builder) {
        (Some(drivers), _) => Enable::Only(drivers),
        (None, Some(_)) => Enable::AsBuilt,
        (None, None) => Enable::All,
    };
    let matrix = given.flavor.as_ref().is_some_and(|flavor| flavor.is_list);
    let cases = flavors
        .into_iter()
        .map(|flavor| {
            let start = match (&given.builder, flavor) {
                (Some((path, _)), _) => Start::UserBuilder(path.clone()),
                (None, flavor) => Start::New(flavor.unwrap_or(Flavor::CurrentThread)),
            };
            let knobs = given
                .knobs
                .iter()
                .filter(|(knob, _)| applies(&knob.method.to_string(), flavor));
            let config = Config {
                start,
                knobs: knobs.map(|(knob, _)| knob.clone()).collect(),
                enable: enable.clone(),
                krate: given.krate.clone(),
                run: given.run.clone(),
            };
            let name = (matrix).then(|| flavor.map_or(CURRENT_THREAD, Flavor::name));
            Case { name, config }
        })
        .collect();
    Plan { cases }
}

/// Whether a flavor-specific option applies to a flavor (`None`: chosen by a user builder).
fn applies(option: &str, flavor: Option<Flavor>) -> bool {
    !matches!(
        (option, flavor),
        (WORKER_THREADS, Some(Flavor::CurrentThread | Flavor::Local))
            | (START_PAUSED | UNHANDLED_PANIC, Some(Flavor::MultiThread))
    )
}

/// `flavor = "current_thread"`, or for tests a list, `flavor = ["current_thread", "multi_thread"]`.
fn flavors(value: &Value, kind: Kind, span: Span, errors: &mut Errors) -> Option<Flavors> {
    let Expr::Array(array) = &value.expr else {
        let flavor = flavor(&value.expr, &value.tokens, errors)?;
        return Some(Flavors {
            flavors: vec![flavor],
            span,
            is_list: false,
        });
    };
    if kind == Kind::Main {
        errors.spanned(
            &value.tokens,
            "a list of flavors is for `#[mainspring::test]`, which makes one test per flavor; \
             `main` runs on one runtime",
        );
        return None;
    }
    if array.elems.is_empty() {
        errors.spanned(
            &value.tokens,
            "the list of flavors is empty; name at least one",
        );
        return None;
    }
    let mut flavors = Vec::new();
    for (element, tokens) in array.elems.iter().zip(elements(value)) {
        let Some(flavor) = flavor(element, &tokens, errors) else {
            continue;
        };
        if flavors.contains(&flavor) {
            errors.spanned(&tokens, "this flavor is listed twice; remove this one");
            continue;
        }
        flavors.push(flavor);
    }
    (flavors.len() == array.elems.len()).then_some(Flavors {
        flavors,
        span,
        is_list: true,
    })
}

/// The tokens of each element of an array value (`[a, b]`), to point at one of them. When the
/// tokens do not split into as many elements as syn found (a comma inside `<..>`), every element
/// gets the whole value.
fn elements(value: &Value) -> Vec<TokenStream> {
    let Expr::Array(array) = &value.expr else {
        return Vec::new();
    };
    let mut split = Vec::new();
    if let Some(TokenTree::Group(group)) = value.tokens.clone().into_iter().last()
        && group.delimiter() == Delimiter::Bracket
    {
        let mut current = TokenStream::new();
        for tree in group.stream() {
            if matches!(&tree, TokenTree::Punct(p) if p.as_char() == ',') {
                split.push(std::mem::take(&mut current));
            } else {
                current.extend([tree]);
            }
        }
        if !current.is_empty() {
            split.push(current);
        }
    }
    if split.len() == array.elems.len() {
        split
    } else {
        vec![value.tokens.clone(); array.elems.len()]
    }
}

/// `timeout`, `stack_size` and `fail_on_task_panic`: how the body is run.
fn run_option(name: &str, span: Span, value: &Value, run: &mut RunWith, errors: &mut Errors) {
    match name {
        TIMEOUT => {
            run.timeout = match method_arg(TIMEOUT, ValueKind::Duration, value, errors) {
                Some(arg) => {
                    let text = match literal(&value.expr) {
                        Some(Lit::Str(text)) => format!("{:?}", text.value()),
                        _ => tidy(&value.tokens.to_string()),
                    };
                    Some((arg, text))
                }
                None => None,
            };
        }
        STACK_SIZE => {
            run.stack_size =
                method_arg(STACK_SIZE, ValueKind::Bytes, value, errors).map(|arg| (arg, span));
        }
        _ => match literal(&value.expr) {
            Some(Lit::Bool(b)) => run.fail_on_task_panic = b.value,
            _ => errors.spanned(&value.tokens, format!("`{name}` takes `true` or `false`")),
        },
    }
}

/// The argument of a method option: a literal is checked now; an expression is checked when it
/// runs (counts, sizes, names) or by the method's own type (durations, callbacks, bools).
fn method_arg(option: &str, kind: ValueKind, value: &Value, errors: &mut Errors) -> Option<Arg> {
    let lit = literal(&value.expr);
    match (kind, lit) {
        (ValueKind::Count { max, ty, .. }, Some(Lit::Int(int))) => {
            count_literal(option, int, (max, ty), errors)
        }
        (ValueKind::Bytes, Some(Lit::Int(int))) => {
            count_literal(option, int, (usize::MAX as u128, "usize"), errors)
        }
        (ValueKind::Bytes, Some(Lit::Str(text))) => bytes_literal(option, text, errors),
        (ValueKind::Count { check, .. }, None) => Some(Arg::RunTimeCheck(
            check,
            non_negative(option, value, errors)?,
        )),
        (ValueKind::Bytes, None) => Some(Arg::RunTimeCheck(
            "count_usize",
            non_negative(option, value, errors)?,
        )),
        (ValueKind::Duration, Some(Lit::Str(text))) => duration_literal(option, text, errors),
        (ValueKind::Text | ValueKind::Name, Some(Lit::Str(text))) => {
            if matches!(kind, ValueKind::Name) && text.value().trim().is_empty() {
                errors.at(text.span(), format!("`{option}` must not be empty"));
                return None;
            }
            Some(Arg::Checked(TokenTree::Literal(text.token()).into()))
        }
        (ValueKind::Name, None) => Some(Arg::RunTimeCheck("name", value.tokens.clone())),
        (ValueKind::Bool, Some(Lit::Bool(b))) => {
            let word = if b.value { "true" } else { "false" };
            Some(Arg::Checked(
                TokenTree::Ident(Ident::new(word, b.span)).into(),
            ))
        }
        (ValueKind::Duration | ValueKind::Text | ValueKind::Bool | ValueKind::Callback, None) => {
            Some(Arg::Expr(value.tokens.clone()))
        }
        (_, Some(_)) => {
            errors.spanned(&value.tokens, wrong_literal_message(option, kind));
            None
        }
    }
}

fn wrong_literal_message(option: &str, kind: ValueKind) -> String {
    match kind {
        ValueKind::Count { .. } => {
            format!("`{option}` takes an integer, such as `{option} = 4`, or an expression")
        }
        ValueKind::Bytes => format!(
            "`{option}` takes a size in bytes: an integer, a string such as `\"3MiB\"`, or an expression"
        ),
        ValueKind::Duration => format!(
            "`{option}` takes a duration: a string such as `\"10s\"` or `\"250ms\"`, or a `Duration` expression"
        ),
        ValueKind::Text | ValueKind::Name => format!(
            "`{option}` takes a string, such as `{option} = \"my-runtime\"`, or an expression"
        ),
        ValueKind::Callback => format!(
            "`{option}` takes a path to a fn or a closure, such as `{option} = || println!(\"hi\")`"
        ),
        ValueKind::Bool => format!("`{option}` takes `true` or `false`"),
    }
}

fn count_literal(
    option: &str,
    int: &LitInt,
    (max, ty): (u128, &str),
    errors: &mut Errors,
) -> Option<Arg> {
    match int.base10_parse::<u128>() {
        Ok(0) => errors.at(int.span(), format!("`{option}` must be at least 1")),
        Ok(n) if n > max => errors.at(
            int.span(),
            format!("`{option}` is too large; the limit is {max}"),
        ),
        Ok(_) if !int.suffix().is_empty() && int.suffix() != ty => errors.at(
            int.span(),
            format!(
                "`{option}` is a `{ty}`; remove the `{}` suffix",
                int.suffix()
            ),
        ),
        Ok(_) => return Some(Arg::Checked(TokenTree::Literal(int.token()).into())),
        Err(_) => errors.at(
            int.span(),
            format!("`{option}` is too large; the limit is {max}"),
        ),
    }
    None
}

fn bytes_literal(option: &str, text: &LitStr, errors: &mut Errors) -> Option<Arg> {
    match parse_bytes(&text.value()) {
        Ok(0) => errors.at(text.span(), format!("`{option}` must be at least 1 byte")),
        Ok(n) if n > usize::MAX as u128 => errors.at(
            text.span(),
            format!("`{option}` is too large for this target"),
        ),
        Ok(n) => return Some(Arg::Checked(integer(n, text.span()))),
        Err(message) => errors.at(text.span(), format!("bad `{option}`: {message}")),
    }
    None
}

fn duration_literal(option: &str, text: &LitStr, errors: &mut Errors) -> Option<Arg> {
    let duration = match parse_duration(&text.value()) {
        Ok(duration) => duration,
        Err(message) => {
            errors.at(text.span(), format!("bad `{option}`: {message}"));
            return None;
        }
    };
    let span = text.span();
    let tokens = if duration.subsec_nanos() == 0 {
        let secs = integer(duration.as_secs().into(), span);
        quote_spanned!(span=> ::core::time::Duration::from_secs(#secs))
    } else if duration.subsec_nanos() % 1_000_000 == 0 {
        let millis = integer(duration.as_millis(), span);
        quote_spanned!(span=> ::core::time::Duration::from_millis(#millis))
    } else {
        let nanos = integer(duration.as_nanos(), span);
        quote_spanned!(span=> ::core::time::Duration::from_nanos(#nanos))
    };
    Some(Arg::Checked(tokens))
}

/// An unsuffixed integer literal at `span`.
fn integer(n: u128, span: Span) -> TokenStream {
    let mut literal = Literal::u128_unsuffixed(n);
    literal.set_span(span);
    TokenTree::Literal(literal).into()
}

/// A negated literal (`-1`) is rejected now; any other expression is left to its run-time check.
fn non_negative(option: &str, value: &Value, errors: &mut Errors) -> Option<TokenStream> {
    if let Expr::Unary(ExprUnary {
        op: UnOp::Neg(_),
        expr,
        ..
    }) = &value.expr
        && literal(expr).is_some()
    {
        errors.spanned(&value.tokens, format!("`{option}` cannot be negative"));
        return None;
    }
    Some(value.tokens.clone())
}

fn flavor(value: &Expr, tokens: &TokenStream, errors: &mut Errors) -> Option<Flavor> {
    let lit = str_lit(value, tokens, FLAVOR, errors)?;
    let text = lit.value();
    match text.as_str() {
        CURRENT_THREAD => return Some(Flavor::CurrentThread),
        MULTI_THREAD => return Some(Flavor::MultiThread),
        LOCAL => return Some(Flavor::Local),
        _ => {}
    }
    let text = shown(&text);
    let message = if let Some((_, new)) = RENAMED_FLAVORS.iter().find(|(old, _)| *old == text) {
        format!("the `{text}` flavor is called `{new}` since tokio 1.0; use `flavor = \"{new}\"`")
    } else if let Some(guess) = closest(&text, FLAVORS) {
        format!("unknown flavor `{text}`; did you mean `{guess}`?")
    } else {
        format!("unknown flavor `{text}`; expected `current_thread`, `multi_thread` or `local`")
    };
    errors.at(lit.span(), message);
    None
}

fn unhandled_panic(value: &Value, errors: &mut Errors) -> Option<UnhandledPanic> {
    let lit = str_lit(&value.expr, &value.tokens, UNHANDLED_PANIC, errors)?;
    let text = lit.value();
    match text.as_str() {
        IGNORE => Some(UnhandledPanic::Ignore),
        SHUTDOWN_RUNTIME => Some(UnhandledPanic::ShutdownRuntime),
        _ => {
            let text = shown(&text);
            let message = match closest(&text, UNHANDLED_PANICS) {
                Some(guess) => {
                    format!("unknown `unhandled_panic` behaviour `{text}`; did you mean `{guess}`?")
                }
                None => format!(
                    "unknown `unhandled_panic` behaviour `{text}`; expected `ignore` or `shutdown_runtime`"
                ),
            };
            errors.at(lit.span(), message);
            None
        }
    }
}

/// `enable = ["io", "time"]`; `enable = []` enables no driver.
fn drivers(value: &Value, errors: &mut Errors) -> Option<Vec<Driver>> {
    let Expr::Array(array) = &value.expr else {
        errors.spanned(
            &value.tokens,
            "`enable` takes a list of drivers, such as `enable = [\"io\", \"time\"]` (or `[]` for none)",
        );
        return None;
    };
    let mut drivers = Vec::new();
    let mut ok = true;
    for (element, tokens) in array.elems.iter().zip(elements(value)) {
        let Some(Lit::Str(name)) = literal(element) else {
            errors.spanned(&tokens, "a driver is a string: `\"io\"` or `\"time\"`");
            ok = false;
            continue;
        };
        let text = name.value();
        let driver = match text.as_str() {
            IO => Driver::Io,
            TIME => Driver::Time,
            _ => {
                let text = shown(&text);
                let message = match closest(&text, DRIVERS) {
                    Some(guess) => format!("unknown driver `{text}`; did you mean `{guess}`?"),
                    None => format!("unknown driver `{text}`; expected `io` or `time`"),
                };
                errors.at(name.span(), message);
                ok = false;
                continue;
            }
        };
        if drivers.contains(&driver) {
            errors.at(
                name.span(),
                format!("driver `{text}` is listed twice; remove this one"),
            );
            ok = false;
            continue;
        }
        drivers.push(driver);
    }
    ok.then_some(drivers)
}

/// `crate = "path::to::mainspring"` (tokio's spelling) or `crate = path::to::mainspring`.
fn crate_path(value: &Value, errors: &mut Errors) -> Option<TokenStream> {
    if is_plain_path(&value.expr) {
        return Some(value.tokens.clone());
    }
    match literal(&value.expr) {
        // The path's tokens carry the string's span, as syn gives them.
        Some(Lit::Str(lit)) => match (lit.parse::<Path>(), lit.parse::<TokenStream>()) {
            (Ok(_), Ok(tokens)) => Some(tokens),
            _ => {
                errors.at(
                    lit.span(),
                    format!(
                        "`crate` must be a path, such as `\"::mainspring\"`; `{}` is not one",
                        shown(&lit.value())
                    ),
                );
                None
            }
        },
        _ => {
            errors.spanned(
                &value.tokens,
                "`crate` takes a path, such as `my_renamed_mainspring` or `\"::mainspring\"`",
            );
            None
        }
    }
}

/// `builder = path::to::fn`, a fn taking nothing and returning a `tokio::runtime::Builder`.
fn builder_path(value: &Value, errors: &mut Errors) -> Option<TokenStream> {
    if is_plain_path(&value.expr) {
        return Some(value.tokens.clone());
    }
    errors.spanned(
        &value.tokens,
        "`builder` takes a path to a fn returning a `tokio::runtime::Builder`, such as `builder = my_builder`",
    );
    None
}

/// `a::b::c`, with no `<T as Trait>::` and no attributes.
fn is_plain_path(value: &Expr) -> bool {
    matches!(value, Expr::Path(ExprPath { attrs, qself: None, .. }) if attrs.is_empty())
}

fn str_lit<'a>(
    value: &'a Expr,
    tokens: &TokenStream,
    key: &str,
    errors: &mut Errors,
) -> Option<&'a LitStr> {
    if let Some(Lit::Str(lit)) = literal(value) {
        return Some(lit);
    }
    let hint = match key {
        FLAVOR => "`flavor = \"current_thread\"`, `\"multi_thread\"` or `\"local\"`",
        _ => "`unhandled_panic = \"ignore\"` or `\"shutdown_runtime\"`",
    };
    let found = match value {
        Expr::Path(path) if path.path.get_ident().is_some() => {
            let word = path
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("; write `\"{word}\"` in quotes")
        }
        _ => String::new(),
    };
    errors.spanned(
        tokens,
        format!("`{key}` takes a string literal: {hint}{found}"),
    );
    None
}

/// A value as quoted in a message: at most 40 characters, so a 1 MB string is not echoed whole.
fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// `Duration :: from_secs (TEN / 2)` -> `Duration::from_secs(TEN / 2)`, for messages.
fn tidy(tokens: &str) -> String {
    let mut text = tokens.to_owned();
    for (spaced, tight) in [
        (" :: ", "::"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" .", "."),
        (" ,", ","),
    ] {
        text = text.replace(spaced, tight);
    }
    text
}

fn literal(value: &Expr) -> Option<&Lit> {
    match value {
        Expr::Lit(ExprLit { attrs, lit }) if attrs.is_empty() => Some(lit),
        Expr::Group(group) => literal(&group.expr),
        _ => None,
    }
}

fn bare_key_message(name: &str, kind: Kind) -> String {
    let attr = kind.attr();
    if let Some((_, value_kind)) = METHOD_OPTIONS.iter().find(|(option, _)| *option == name) {
        return wrong_literal_message(name, *value_kind).replacen("takes", "needs a value:", 1);
    }
    match name {
        FLAVOR => "`flavor` needs a value: `flavor = \"current_thread\"`, `\"multi_thread\"` or `\"local\"`".into(),
        CRATE => "`crate` needs a value, such as `crate = \"::mainspring\"`".into(),
        UNHANDLED_PANIC => {
            "`unhandled_panic` needs a value: `unhandled_panic = \"ignore\"` or `\"shutdown_runtime\"`".into()
        }
        ENABLE => "`enable` needs a value, such as `enable = [\"io\", \"time\"]`".into(),
        BUILDER => "`builder` needs a value, such as `builder = my_builder`".into(),
        TIMEOUT => "`timeout` needs a value, such as `timeout = \"5s\"`".into(),
        STACK_SIZE => "`stack_size` needs a value, such as `stack_size = \"64MiB\"`".into(),
        FAIL_ON_TASK_PANIC => "`fail_on_task_panic` needs a value: `fail_on_task_panic = true`".into(),
        CURRENT_THREAD | MULTI_THREAD | LOCAL => {
            format!("set the flavor with `#[{attr}(flavor = \"{name}\")]`")
        }
        _ => match RENAMED_FLAVORS.iter().find(|(old, _)| *old == name) {
            Some((_, new)) => format!(
                "the `{name}` flavor is called `{new}` since tokio 1.0; use `#[{attr}(flavor = \"{new}\")]`"
            ),
            None => unknown_key_message(name),
        },
    }
}

fn unknown_key_message(name: &str) -> String {
    if let Some((_, new)) = RENAMED_KEYS.iter().find(|(old, _)| *old == name) {
        return format!("`{name}` is called `{new}` since tokio 1.0; use `{new} = ...`");
    }
    if let Some((_, new)) = RENAMED_FLAVORS.iter().find(|(old, _)| *old == name) {
        return format!("`{name}` is not an option; the flavor is set with `flavor = \"{new}\"`");
    }
    let name = shown(name);
    match closest(&name, KEYS) {
        Some(guess) => format!("unknown option `{name}`; did you mean `{guess}`?"),
        None => format!(
            "unknown option `{name}`; the options are {}",
            KEYS.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
