//! Value parsers: one option's value, checked against its kind, to what the plan holds.

use crate::errors::Errors;
use crate::messages::{shown, tidy, unknown_value, wrong_kind};
use crate::model::{Arg, Driver, Flavor, UnhandledPanic};
use crate::parse::Value;
use crate::private::Private;
use crate::symbol::{CURRENT_THREAD, IGNORE, IO, LOCAL, MULTI_THREAD, SHUTDOWN_RUNTIME, TIME};
use crate::table::{Int, OptionSpec, ValueKind};
use crate::units::{parse_bytes, parse_duration};
use proc_macro2::{Delimiter, Literal, Span, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::{Expr, ExprLit, ExprPath, ExprUnary, Ident, Lit, LitInt, LitStr, Path, UnOp};

/// The argument of a `Builder` method (or of `timeout`, `stack_size`): a literal is checked
/// now; an expression is checked when it runs (counts, sizes, names) or by the method's own
/// type (durations, callbacks, bools).
pub(crate) fn arg(spec: &OptionSpec, value: &Value, errors: &mut Errors) -> Option<Arg> {
    let option = spec.name;
    let lit = literal(&value.expr);
    match (spec.value, lit) {
        (ValueKind::Count(int), Some(Lit::Int(lit))) => count_literal(option, lit, int, errors),
        (ValueKind::Bytes, Some(Lit::Int(lit))) => count_literal(option, lit, Int::Usize, errors),
        (ValueKind::Bytes, Some(Lit::Str(text))) => bytes_literal(option, text, errors),
        (ValueKind::Count(int), None) => Some(Arg::RunTimeCheck {
            check: int.check(),
            option,
            expr: non_negative(option, value, errors)?,
        }),
        (ValueKind::Bytes, None) => Some(Arg::RunTimeCheck {
            check: Int::Usize.check(),
            option,
            expr: non_negative(option, value, errors)?,
        }),
        (ValueKind::Seed, Some(Lit::Int(lit))) => {
            integer_literal(option, lit, ("u64", u64::MAX.into()), 0, errors)
        }
        (ValueKind::Seed, None) => Some(Arg::Expr(non_negative(option, value, errors)?)),
        (ValueKind::Duration, Some(Lit::Str(text))) => duration_literal(option, text, errors),
        (ValueKind::Text | ValueKind::Name, Some(Lit::Str(text))) => {
            if spec.value == ValueKind::Name && text.value().trim().is_empty() {
                errors.at(text.span(), format!("`{option}` must not be empty"));
                return None;
            }
            Some(Arg::Checked(TokenTree::Literal(text.token()).into()))
        }
        (ValueKind::Name, None) => Some(Arg::RunTimeCheck {
            check: Private::CheckName,
            option,
            expr: value.tokens.clone(),
        }),
        (ValueKind::Bool, Some(Lit::Bool(b))) => {
            let word = if b.value { "true" } else { "false" };
            Some(Arg::Checked(
                TokenTree::Ident(Ident::new(word, b.span)).into(),
            ))
        }
        (ValueKind::Duration | ValueKind::Text | ValueKind::Bool | ValueKind::Callback, None) => {
            Some(Arg::Expr(value.tokens.clone()))
        }
        (ValueKind::UnhandledPanic, _) => {
            unhandled_panic(spec, value, errors).map(Arg::UnhandledPanic)
        }
        _ => {
            errors.spanned(&value.tokens, wrong_kind(spec));
            None
        }
    }
}

fn count_literal(option: &str, int: &LitInt, ty: Int, errors: &mut Errors) -> Option<Arg> {
    integer_literal(option, int, (ty.name(), ty.max()), 1, errors)
}

/// An integer literal of type `(name, max)` that must be at least `min`.
fn integer_literal(
    option: &str,
    int: &LitInt,
    (ty, max): (&str, u128),
    min: u128,
    errors: &mut Errors,
) -> Option<Arg> {
    match int.base10_parse::<u128>() {
        Ok(n) if n < min => errors.at(int.span(), format!("`{option}` must be at least {min}")),
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
        // As `Int::max` says for counts: a target's `usize` is 64 bits at most, and on a
        // narrower one rustc reports the literal this becomes as out of range.
        Ok(n) if n > u128::from(u64::MAX) => errors.at(
            text.span(),
            format!("`{option}` is too large; the limit is {} bytes", u64::MAX),
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
    {
        if literal(expr).is_some() {
            errors.spanned(&value.tokens, format!("`{option}` cannot be negative"));
            return None;
        }
    }
    Some(value.tokens.clone())
}

/// The text `timeout`'s message quotes: `"5s"` with its quotes, or the expression as written.
pub(crate) fn as_written(value: &Value) -> String {
    match literal(&value.expr) {
        Some(Lit::Str(text)) => format!("{:?}", text.value()),
        _ => tidy(&value.tokens.to_string()),
    }
}

/// `fail_on_task_panic = true`: a `bool` literal.
pub(crate) fn bool_literal(spec: &OptionSpec, value: &Value, errors: &mut Errors) -> Option<bool> {
    if let Some(Lit::Bool(b)) = literal(&value.expr) {
        return Some(b.value);
    }
    errors.spanned(&value.tokens, wrong_kind(spec));
    None
}

/// The flavor option as given: one, or a list (tests only; the caller checks).
pub(crate) struct GivenFlavors {
    pub(crate) flavors: Vec<Flavor>,
    pub(crate) is_list: bool,
}

/// `flavor = "current_thread"`, or a list, `flavor = ["current_thread", "multi_thread"]`.
pub(crate) fn flavors(
    spec: &OptionSpec,
    value: &Value,
    errors: &mut Errors,
) -> Option<GivenFlavors> {
    let Expr::Array(array) = &value.expr else {
        let flavor = flavor(spec, &value.expr, &value.tokens, errors)?;
        return Some(GivenFlavors {
            flavors: vec![flavor],
            is_list: false,
        });
    };
    if array.elems.is_empty() {
        errors.spanned(
            &value.tokens,
            "the list of flavors is empty; name at least one",
        );
        return None;
    }
    let mut flavors = Vec::new();
    for (element, tokens) in array.elems.iter().zip(elements(value)) {
        let Some(flavor) = flavor(spec, element, &tokens, errors) else {
            continue;
        };
        if flavors.contains(&flavor) {
            errors.spanned(&tokens, "this flavor is listed twice; remove this one");
            continue;
        }
        flavors.push(flavor);
    }
    (flavors.len() == array.elems.len()).then_some(GivenFlavors {
        flavors,
        is_list: true,
    })
}

fn flavor(
    spec: &OptionSpec,
    value: &Expr,
    tokens: &TokenStream,
    errors: &mut Errors,
) -> Option<Flavor> {
    let lit = str_lit(spec, value, tokens, errors)?;
    let text = lit.value();
    match text.as_str() {
        CURRENT_THREAD => Some(Flavor::CurrentThread),
        MULTI_THREAD => Some(Flavor::MultiThread),
        LOCAL => Some(Flavor::Local),
        _ => {
            errors.at(lit.span(), unknown_value(spec, &text));
            None
        }
    }
}

fn unhandled_panic(
    spec: &OptionSpec,
    value: &Value,
    errors: &mut Errors,
) -> Option<UnhandledPanic> {
    let lit = str_lit(spec, &value.expr, &value.tokens, errors)?;
    let text = lit.value();
    match text.as_str() {
        IGNORE => Some(UnhandledPanic::Ignore),
        SHUTDOWN_RUNTIME => Some(UnhandledPanic::ShutdownRuntime),
        _ => {
            errors.at(lit.span(), unknown_value(spec, &text));
            None
        }
    }
}

/// The tokens of each element of an array value (`[a, b]`), to point at one of them. When the
/// tokens do not split into as many elements as syn found (a comma inside `<..>`), every element
/// gets the whole value.
fn elements(value: &Value) -> Vec<TokenStream> {
    let Expr::Array(array) = &value.expr else {
        return Vec::new();
    };
    let mut split = Vec::new();
    if let Some(TokenTree::Group(group)) = value.tokens.clone().into_iter().last() {
        if group.delimiter() == Delimiter::Bracket {
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
    }
    if split.len() == array.elems.len() {
        split
    } else {
        vec![value.tokens.clone(); array.elems.len()]
    }
}

/// `enable = ["io", "time"]`; `enable = []` enables no driver.
pub(crate) fn drivers(
    spec: &OptionSpec,
    value: &Value,
    errors: &mut Errors,
) -> Option<Vec<Driver>> {
    let Expr::Array(array) = &value.expr else {
        errors.spanned(&value.tokens, wrong_kind(spec));
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
                errors.at(name.span(), unknown_value(spec, &text));
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
pub(crate) fn crate_path(
    spec: &OptionSpec,
    value: &Value,
    errors: &mut Errors,
) -> Option<TokenStream> {
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
            errors.spanned(&value.tokens, wrong_kind(spec));
            None
        }
    }
}

/// `builder = path::to::fn`, a fn taking nothing and returning a `tokio::runtime::Builder`.
pub(crate) fn builder_path(
    spec: &OptionSpec,
    value: &Value,
    errors: &mut Errors,
) -> Option<TokenStream> {
    if is_plain_path(&value.expr) {
        return Some(value.tokens.clone());
    }
    errors.spanned(&value.tokens, wrong_kind(spec));
    None
}

/// What `shared` says: a runtime of the test's own, the default shared runtime, or a named one.
pub(crate) enum Shared {
    Off,
    Default,
    Named(TokenStream),
}

/// `shared = true`, `shared = false` or `shared = PATH` (a bare `shared` is `true`).
pub(crate) fn shared(spec: &OptionSpec, value: &Value, errors: &mut Errors) -> Option<Shared> {
    if is_plain_path(&value.expr) {
        return Some(Shared::Named(value.tokens.clone()));
    }
    match literal(&value.expr) {
        Some(Lit::Bool(b)) if b.value => Some(Shared::Default),
        Some(Lit::Bool(_)) => Some(Shared::Off),
        _ => {
            errors.spanned(&value.tokens, wrong_kind(spec));
            None
        }
    }
}

/// `a::b::c`, with no `<T as Trait>::` and no attributes.
fn is_plain_path(value: &Expr) -> bool {
    matches!(value, Expr::Path(ExprPath { attrs, qself: None, .. }) if attrs.is_empty())
}

/// A string literal, or an error that says so (and how to quote a bare word).
fn str_lit<'a>(
    spec: &OptionSpec,
    value: &'a Expr,
    tokens: &TokenStream,
    errors: &mut Errors,
) -> Option<&'a LitStr> {
    if let Some(Lit::Str(lit)) = literal(value) {
        return Some(lit);
    }
    let found = match value {
        Expr::Path(path) => path
            .path
            .get_ident()
            .map(|word| format!("; write `\"{word}\"` in quotes"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    errors.spanned(tokens, format!("{}{found}", wrong_kind(spec)));
    None
}

fn literal(value: &Expr) -> Option<&Lit> {
    match value {
        Expr::Lit(ExprLit { attrs, lit }) if attrs.is_empty() => Some(lit),
        Expr::Group(group) => literal(&group.expr),
        _ => None,
    }
}
