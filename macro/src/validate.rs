//! Stage 2: raw options to a `Config` that cannot be invalid. Every rule lives here.

use crate::errors::Errors;
use crate::parse::RawOption;
use crate::suggest::closest;
use crate::symbol::{
    CRATE, CURRENT_THREAD, FLAVOR, FLAVORS, IGNORE, KEYS, LOCAL, MULTI_THREAD, NAME,
    RENAMED_FLAVORS, RENAMED_KEYS, SHUTDOWN_RUNTIME, START_PAUSED, UNHANDLED_PANIC,
    UNHANDLED_PANICS, WORKER_THREADS,
};
use proc_macro2::Span;
use std::collections::HashSet;
use syn::ext::IdentExt;
use syn::{Expr, ExprLit, ExprPath, Lit, LitBool, LitInt, LitStr, Path};

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

/// What the build of the facade crate makes available; the facade picks the entry point.
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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UnhandledPanic {
    Ignore,
    ShutdownRuntime,
}

/// A runtime configuration that passed every rule. Literals keep their spans for codegen.
pub(crate) struct Config {
    pub(crate) flavor: Flavor,
    pub(crate) worker_threads: Option<LitInt>,
    pub(crate) start_paused: Option<LitBool>,
    pub(crate) unhandled_panic: Option<UnhandledPanic>,
    pub(crate) name: Option<LitStr>,
    pub(crate) krate: Option<Path>,
}

impl Config {
    /// What a function is expanded with when its options have errors: it needs no feature and
    /// keeps rustc from adding follow-on errors (E0752, "`main` function not found").
    pub(crate) fn fallback(krate: Option<Path>) -> Config {
        Config {
            flavor: Flavor::CurrentThread,
            worker_threads: None,
            start_paused: None,
            unhandled_panic: None,
            name: None,
            krate,
        }
    }
}

/// Options as given, each with the key it came with (for spans on flavor-dependent rules).
#[derive(Default)]
struct Given {
    flavor: Option<(Flavor, Span)>,
    worker_threads: Option<(LitInt, Span)>,
    start_paused: Option<(LitBool, Span)>,
    unhandled_panic: Option<(UnhandledPanic, Span)>,
    name: Option<LitStr>,
    krate: Option<Path>,
}

pub(crate) fn config(
    options: Vec<RawOption>,
    kind: Kind,
    features: Features,
    errors: &mut Errors,
) -> Config {
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
        match name.as_str() {
            FLAVOR => given.flavor = flavor(&value, errors).map(|f| (f, span)),
            WORKER_THREADS => {
                given.worker_threads = worker_threads(&value, errors).map(|n| (n, span))
            }
            START_PAUSED => {
                given.start_paused = bool_lit(&value, START_PAUSED, errors).map(|b| (b, span))
            }
            UNHANDLED_PANIC => {
                given.unhandled_panic = unhandled_panic(&value, errors).map(|u| (u, span))
            }
            NAME => given.name = runtime_name(&value, errors),
            CRATE => given.krate = crate_path(&value, errors),
            _ => errors.at(key.span(), unknown_key_message(&name)),
        }
    }
    combine(given, kind, features, errors)
}

/// The rules that relate options to each other and to the crate's features.
fn combine(given: Given, kind: Kind, features: Features, errors: &mut Errors) -> Config {
    let flavor = given
        .flavor
        .map_or(kind.default_flavor(), |(flavor, _)| flavor);
    let attr = kind.attr();
    if flavor == Flavor::MultiThread && !features.rt_multi_thread {
        let (span, what) = match given.flavor {
            Some((_, span)) => (span, "the `multi_thread` flavor"),
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
    if let Some((_, span)) = &given.worker_threads
        && flavor != Flavor::MultiThread
    {
        errors.at(
            *span,
            format!("`worker_threads` requires `#[{attr}(flavor = \"multi_thread\")]`"),
        );
    }
    if let Some((_, span)) = &given.start_paused {
        if flavor == Flavor::MultiThread {
            errors.at(
                *span,
                format!(
                    "`start_paused` requires `#[{attr}(flavor = \"current_thread\")]` (or `\"local\"`)"
                ),
            );
        } else if !features.test_util {
            errors.at(
                *span,
                "`start_paused` needs the `test-util` feature of `mainspring`: \
                 `mainspring = { version = \"..\", features = [\"test-util\"] }`",
            );
        }
    }
    if let Some((_, span)) = &given.unhandled_panic {
        if flavor == Flavor::MultiThread {
            errors.at(
                *span,
                format!("`unhandled_panic` requires `#[{attr}(flavor = \"current_thread\")]` (or `\"local\"`)"),
            );
        } else if !features.tokio_unstable {
            errors.at(
                *span,
                "`unhandled_panic` is an unstable tokio feature; build with \
                 `RUSTFLAGS=\"--cfg tokio_unstable\"` to use it",
            );
        }
    }
    Config {
        flavor,
        worker_threads: given.worker_threads.map(|(n, _)| n),
        start_paused: given.start_paused.map(|(b, _)| b),
        unhandled_panic: given.unhandled_panic.map(|(u, _)| u),
        name: given.name,
        krate: given.krate,
    }
}

fn flavor(value: &Expr, errors: &mut Errors) -> Option<Flavor> {
    let lit = str_lit(value, FLAVOR, errors)?;
    let text = lit.value();
    match text.as_str() {
        CURRENT_THREAD => return Some(Flavor::CurrentThread),
        MULTI_THREAD => return Some(Flavor::MultiThread),
        LOCAL => return Some(Flavor::Local),
        _ => {}
    }
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

fn worker_threads(value: &Expr, errors: &mut Errors) -> Option<LitInt> {
    let Some(Lit::Int(lit)) = literal(value) else {
        errors.push(syn::Error::new_spanned(
            value,
            "`worker_threads` takes an integer literal, such as `4`",
        ));
        return None;
    };
    match lit.base10_parse::<usize>() {
        Ok(0) => errors.at(lit.span(), "`worker_threads` must be at least 1"),
        Ok(_) if !matches!(lit.suffix(), "" | "usize") => errors.at(
            lit.span(),
            format!(
                "`worker_threads` is a `usize`; remove the `{}` suffix",
                lit.suffix()
            ),
        ),
        Ok(_) => return Some(lit.clone()),
        Err(_) => errors.at(
            lit.span(),
            format!("`worker_threads` is too large; the limit is {}", usize::MAX),
        ),
    }
    None
}

fn unhandled_panic(value: &Expr, errors: &mut Errors) -> Option<UnhandledPanic> {
    let lit = str_lit(value, UNHANDLED_PANIC, errors)?;
    let text = lit.value();
    match text.as_str() {
        IGNORE => Some(UnhandledPanic::Ignore),
        SHUTDOWN_RUNTIME => Some(UnhandledPanic::ShutdownRuntime),
        _ => {
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

fn runtime_name(value: &Expr, errors: &mut Errors) -> Option<LitStr> {
    let lit = str_lit(value, NAME, errors)?;
    if lit.value().trim().is_empty() {
        errors.at(lit.span(), "`name` must not be empty");
        return None;
    }
    Some(lit)
}

/// `crate = "path::to::mainspring"` (tokio's spelling) or `crate = path::to::mainspring`.
fn crate_path(value: &Expr, errors: &mut Errors) -> Option<Path> {
    match value {
        Expr::Path(ExprPath {
            attrs,
            qself: None,
            path,
        }) if attrs.is_empty() => Some(path.clone()),
        _ => {
            match literal(value) {
                Some(Lit::Str(lit)) => match lit.parse::<Path>() {
                    Ok(path) => Some(path),
                    Err(_) => {
                        errors.at(lit.span(), format!("`crate` must be a path, such as `\"::mainspring\"`; `{}` is not one", lit.value()));
                        None
                    }
                },
                _ => {
                    errors.push(syn::Error::new_spanned(value, "`crate` takes a path, such as `my_renamed_mainspring` or `\"::mainspring\"`"));
                    None
                }
            }
        }
    }
}

fn str_lit(value: &Expr, key: &str, errors: &mut Errors) -> Option<LitStr> {
    if let Some(Lit::Str(lit)) = literal(value) {
        return Some(lit.clone());
    }
    let hint = match key {
        FLAVOR => "`flavor = \"current_thread\"`, `\"multi_thread\"` or `\"local\"`",
        UNHANDLED_PANIC => "`unhandled_panic = \"ignore\"` or `\"shutdown_runtime\"`",
        _ => "`name = \"my-runtime\"`",
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
    errors.push(syn::Error::new_spanned(
        value,
        format!("`{key}` takes a string literal: {hint}{found}"),
    ));
    None
}

fn bool_lit(value: &Expr, key: &str, errors: &mut Errors) -> Option<LitBool> {
    if let Some(Lit::Bool(lit)) = literal(value) {
        return Some(lit.clone());
    }
    errors.push(syn::Error::new_spanned(
        value,
        format!("`{key}` takes `true` or `false`"),
    ));
    None
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
    match name {
        FLAVOR => "`flavor` needs a value: `flavor = \"current_thread\"`, `\"multi_thread\"` or `\"local\"`".into(),
        WORKER_THREADS => "`worker_threads` needs a value, such as `worker_threads = 4`".into(),
        START_PAUSED => "`start_paused` needs a value: `start_paused = true`".into(),
        CRATE => "`crate` needs a value, such as `crate = \"::mainspring\"`".into(),
        UNHANDLED_PANIC => "`unhandled_panic` needs a value: `unhandled_panic = \"ignore\"` or `\"shutdown_runtime\"`".into(),
        NAME => "`name` needs a value, such as `name = \"my-runtime\"`".into(),
        CURRENT_THREAD | MULTI_THREAD | LOCAL => format!("set the flavor with `#[{attr}(flavor = \"{name}\")]`"),
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
    match closest(name, KEYS) {
        Some(guess) => format!("unknown option `{name}`; did you mean `{guess}`?"),
        None => format!(
            "unknown option `{name}`; expected one of `flavor`, `worker_threads`, `start_paused`, \
             `crate`, `unhandled_panic`, `name`"
        ),
    }
}
