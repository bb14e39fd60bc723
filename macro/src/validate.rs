//! Stage 2: raw options and the parsed function to a `Plan` and an `Emit` that cannot be
//! invalid. Every rule lives here; what each option is comes from the table (`options.rs`).

use crate::errors::Errors;
use crate::messages;
use crate::model::{
    Case, Config, Driver, Emit, Enable, Features, Flavor, Kind, Knob, Plan, RunWith, Start,
};
use crate::options::{self, Flavors, OptionSpec, Role};
use crate::parse::{ItemFn, Outline, RawOption, Value};
use crate::values::{self, GivenFlavors};
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
    /// Every option whose value was valid: what the rules between options look at.
    valid: Vec<(&'static OptionSpec, Span)>,
}

/// The runtime (or, for a flavor list, runtimes) the options describe.
pub(crate) fn plan(
    options: Vec<RawOption>,
    kind: Kind,
    features: Features,
    errors: &mut Errors,
) -> Plan {
    let mut given = Given::default();
    let mut seen = HashSet::new();
    for RawOption { key, value } in options {
        let name = key.unraw().to_string();
        let span = key.span();
        let spec = options::spec(&name).filter(|spec| spec.attrs.takes(kind));
        let (spec, value) = match (spec, value) {
            (Some(spec), Some(value)) => (spec, value),
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
        if !seen.insert(spec.name) {
            errors.at(
                span,
                format!("`{name}` is given more than once; remove this one"),
            );
            continue;
        }
        if option(spec, span, &value, kind, &mut given, errors) {
            given.valid.push((spec, span));
        }
    }
    combine(given, kind, features, errors)
}

/// Parses one option's value into `given`; whether it was valid.
fn option(
    spec: &'static OptionSpec,
    span: Span,
    value: &Value,
    kind: Kind,
    given: &mut Given,
    errors: &mut Errors,
) -> bool {
    match spec.role {
        Role::Method { method, wrap } => values::arg(spec, value, errors)
            .map(|arg| {
                let method = Ident::new(method, span);
                let option = spec.name;
                given.knobs.push((
                    spec,
                    Knob {
                        option,
                        method,
                        wrap,
                        arg,
                    },
                ));
            })
            .is_some(),
        Role::Flavor if kind == Kind::Main && matches!(value.expr, Expr::Array(_)) => {
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
    }
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    *slot = value;
    slot.is_some()
}

/// The rules that relate options to each other, to the flavor(s) and to the crate's features.
fn combine(given: Given, kind: Kind, features: Features, errors: &mut Errors) -> Plan {
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
            messages::needs_rt_multi_thread(given.flavor.is_some()),
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
            let knobs = given
                .knobs
                .iter()
                .filter(|(spec, _)| applies(spec, flavor))
                .map(|(_, knob)| knob.clone())
                .collect();
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

/// Whether an option applies to a flavor (`None`: chosen by a user builder, so tokio decides).
fn applies(spec: &OptionSpec, flavor: Option<Flavor>) -> bool {
    match (spec.flavors, flavor) {
        (Flavors::Any, _) | (_, None) => true,
        (Flavors::MultiThread, Some(flavor)) => flavor == Flavor::MultiThread,
        (Flavors::NotMultiThread, Some(flavor)) => flavor != Flavor::MultiThread,
    }
}

/// The rules on the function itself: it is `async`; `main` takes no arguments; a test has no
/// second test attribute (reported, then left out of the output, so the function stays one
/// test and another attribute macro adds no errors of its own).
pub(crate) fn function(function: &mut ItemFn, kind: Kind, errors: &mut Errors) -> Emit {
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
    if kind == Kind::Test {
        function.attrs.retain(|attr| {
            let duplicate = is_test_attribute(&attr.attr);
            if duplicate {
                errors.spanned(
                    &attr.tokens,
                    "a second test attribute is given; `#[mainspring::test]` already adds `#[test]`, remove this one",
                );
            }
            !duplicate
        });
    }
    Emit {
        test_attr: kind == Kind::Test,
        drop_inputs,
        terminates: kind == Kind::Test || function.sig.ident == "main",
    }
}

/// The rules that can be checked on what an unparsable item shows of its signature (see
/// `parse::outline`): only what is certain is reported.
pub(crate) fn outline(outline: &Outline, kind: Kind, errors: &mut Errors) {
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
    kind: Kind,
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
    let main_with_arguments = kind == Kind::Main && ident == "main" && inputs.is_some();
    if let Some(inputs) = inputs.filter(|_| main_with_arguments) {
        errors.spanned(
            inputs,
            "`main` cannot take arguments; read them with `std::env::args()` instead",
        );
    }
    main_with_arguments
}

/// `#[test]`, `#[::core::prelude::v1::test]`, `#[tokio::test]`, `#[mainspring::test]`...: any
/// word-only attribute whose last path segment is `test` makes the function a test already.
fn is_test_attribute(attr: &Attribute) -> bool {
    let path = match &attr.meta {
        Meta::Path(path) => path,
        Meta::List(list) => &list.path,
        Meta::NameValue(_) => return false,
    };
    path.segments
        .last()
        .is_some_and(|segment| segment.ident == "test")
}
