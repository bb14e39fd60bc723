//! The wording of the errors about options, built from the table's rows, in one file so that
//! they read alike: lowercase, the option in backticks, the fix in the message.

use crate::build::Feature;
use crate::model::Macro;
use crate::suggest::closest;
use crate::symbol::{DRIVERS, FLAVORS, RENAMED_FLAVORS, RENAMED_KEYS, UNHANDLED_PANICS};
use crate::table::{self, Flavors, OptionSpec, Role, ValueKind};

/// What a value of this option must be: the error for a value of the wrong kind.
pub(crate) fn wrong_kind(spec: &OptionSpec) -> String {
    let option = spec.name;
    match spec.value {
        ValueKind::Count(_) => {
            format!("`{option}` takes an integer, such as `{option} = 4`, or an expression")
        }
        ValueKind::Seed => format!(
            "`{option}` takes an integer (`u64`), such as `{option} = 42`, or an expression"
        ),
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
        ValueKind::Flavor => format!(
            "`{option}` takes a string literal: `{option} = \"current_thread\"`, `\"multi_thread\"` or `\"local\"`"
        ),
        ValueKind::UnhandledPanic => format!(
            "`{option}` takes a string literal: `{option} = \"ignore\"` or `\"shutdown_runtime\"`"
        ),
        ValueKind::Drivers => format!(
            "`{option}` takes a list of drivers, such as `{option} = [\"io\", \"time\"]` (or `[]` for none)"
        ),
        ValueKind::CratePath => format!(
            "`{option}` takes a path, such as `my_renamed_mainspring` or `\"::mainspring\"`"
        ),
        ValueKind::BuilderFn => format!(
            "`{option}` takes a path to a fn returning a `tokio::runtime::Builder`, such as `{option} = my_builder`"
        ),
        ValueKind::Shared => format!(
            "`{option}` takes `true`, `false`, or a path to a `static` of type `mainspring::SharedRuntime`, such as `{option} = DB_RUNTIME`; or write `{option}` alone"
        ),
    }
}

/// A value outside the option's set of words (a flavor, a behaviour, a driver), with the
/// closest word or the list of them.
pub(crate) fn unknown_value(spec: &OptionSpec, text: &str) -> String {
    let text = shown(text);
    match spec.value {
        ValueKind::Flavor => {
            if let Some((_, new)) = RENAMED_FLAVORS.iter().find(|(old, _)| *old == text) {
                return format!(
                    "the `{text}` flavor is called `{new}` since tokio 1.0; use `flavor = \"{new}\"`"
                );
            }
            match closest(&text, FLAVORS) {
                Some(guess) => format!("unknown flavor `{text}`; did you mean `{guess}`?"),
                None => format!(
                    "unknown flavor `{text}`; expected `current_thread`, `multi_thread` or `local`"
                ),
            }
        }
        ValueKind::Drivers => match closest(&text, DRIVERS) {
            Some(guess) => format!("unknown driver `{text}`; did you mean `{guess}`?"),
            None => format!("unknown driver `{text}`; expected `io` or `time`"),
        },
        _ => match closest(&text, UNHANDLED_PANICS) {
            Some(guess) => format!(
                "unknown `{}` behaviour `{text}`; did you mean `{guess}`?",
                spec.name
            ),
            None => format!(
                "unknown `{}` behaviour `{text}`; expected `ignore` or `shutdown_runtime`",
                spec.name
            ),
        },
    }
}

/// An option written without `= value`.
pub(crate) fn needs_value(spec: &OptionSpec) -> String {
    format!("`{}` needs a value, such as `{}`", spec.name, spec.example)
}

/// A word that is no option, written without `= value`: a flavor's name (old or new) says how
/// to set the flavor; anything else is an unknown option.
pub(crate) fn bare_word(name: &str, kind: Macro) -> String {
    let attr = kind.attr();
    if FLAVORS.contains(&name) {
        return format!("set the flavor with `#[{attr}(flavor = \"{name}\")]`");
    }
    match RENAMED_FLAVORS.iter().find(|(old, _)| *old == name) {
        Some((_, new)) => format!(
            "the `{name}` flavor is called `{new}` since tokio 1.0; use `#[{attr}(flavor = \"{new}\")]`"
        ),
        None => unknown_key(name, kind),
    }
}

/// A key that is no option of this attribute: a tokio 0.2 name, the other attribute's option,
/// a typo, or a word that is nothing like any option.
pub(crate) fn unknown_key(name: &str, kind: Macro) -> String {
    if let Some((_, new)) = RENAMED_KEYS.iter().find(|(old, _)| *old == name) {
        return format!("`{name}` is called `{new}` since tokio 1.0; use `{new} = ...`");
    }
    if let Some((_, new)) = RENAMED_FLAVORS.iter().find(|(old, _)| *old == name) {
        return format!("`{name}` is not an option; the flavor is set with `flavor = \"{new}\"`");
    }
    if table::spec(name).is_some() {
        return format!(
            "`{name}` is an option of `#[mainspring::test]`, for tests; `#[{}]` does not take it",
            kind.attr()
        );
    }
    let name = shown(name);
    let keys = table::names(kind);
    match closest(&name, &keys) {
        Some(guess) => format!("unknown option `{name}`; did you mean `{guess}`?"),
        None => format!(
            "unknown option `{name}`; the options are {}",
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// An option given on a flavor it does not apply to.
pub(crate) fn wrong_flavor(spec: &OptionSpec, kind: Macro) -> String {
    let (option, attr) = (spec.name, kind.attr());
    match spec.flavors {
        Flavors::MultiThread => {
            format!("`{option}` requires `#[{attr}(flavor = \"multi_thread\")]`")
        }
        Flavors::NotMultiThread | Flavors::Any => {
            format!("`{option}` requires `#[{attr}(flavor = \"current_thread\")]` (or `\"local\"`)")
        }
    }
}

/// Why an option cannot go with `shared`, if it cannot: it configures a runtime (which a shared
/// runtime does where it is declared), or it needs a runtime of the test's own.
pub(crate) fn not_with_shared(spec: &OptionSpec) -> Option<String> {
    let option = spec.name;
    match spec.role {
        Role::FailOnTaskPanic => Some(
            "`fail_on_task_panic` cannot go with `shared`: on a runtime tests share, a task's panic \
             cannot be told apart per test (tokio has no stable way to know which test spawned a \
             task); give the test a runtime of its own to use it"
                .to_owned(),
        ),
        Role::FailOnLeakedTasks => Some(
            "`fail_on_leaked_tasks` cannot go with `shared`: the tasks on a runtime tests share \
             may be any test's, so none can be counted against one; give the test a runtime of \
             its own to use it"
                .to_owned(),
        ),
        Role::FailOnBlocking | Role::WarnOnBlocking => Some(format!(
            "`{option}` cannot go with `shared`: a runtime tests share runs every test's tasks on \
             the same threads, so a blocked thread cannot be told to be one test's; give the test \
             a runtime of its own to use it"
        )),
        Role::ShutdownTimeout => Some(format!(
            "`{option}` cannot go with `shared`: a shared runtime is never shut down while the \
             test binary runs, so there is no shutdown to bound; remove `{option}`, or give the \
             test a runtime of its own"
        )),
        role if role.configures_runtime() => Some(format!(
            "`{option}` configures a runtime, and a shared runtime is configured where it is declared: \
             set it in the builder fn of a `static NAME: mainspring::SharedRuntime` and write \
             `shared = NAME`, or remove `shared`"
        )),
        _ => None,
    }
}

/// An option whose feature is not enabled.
pub(crate) fn missing_feature(spec: &OptionSpec, feature: Feature) -> String {
    let option = spec.name;
    match feature {
        Feature::TestUtil => format!(
            "`{option}` needs the `test-util` feature of `mainspring`: \
             `mainspring = {{ version = \"..\", features = [\"test-util\"] }}`"
        ),
        Feature::TokioUnstable => format!(
            "`{option}` is an unstable tokio feature; build with \
             `RUSTFLAGS=\"--cfg tokio_unstable\"` to use it"
        ),
    }
}

/// The `multi_thread` flavor without the `rt-multi-thread` feature.
pub(crate) fn needs_rt_multi_thread(given: bool, list: bool) -> String {
    let what = if given {
        "the `multi_thread` flavor"
    } else {
        "the default flavor of `#[mainspring::main]`, `multi_thread`,"
    };
    let or = if list {
        "take `\"multi_thread\"` out of the list"
    } else {
        "use `flavor = \"current_thread\"`"
    };
    format!(
        "{what} needs the `rt-multi-thread` feature of `mainspring` (on by default): \
         `mainspring = {{ version = \"..\", features = [\"rt-multi-thread\"] }}`; or {or}"
    )
}

/// Tokens as text for a message, without the spaces `to_string` puts between them:
/// `Duration :: from_secs (TEN / 2)` -> `Duration::from_secs(TEN / 2)`,
/// `# [tokio :: test]` -> `#[tokio::test]`.
pub(crate) fn tidy(tokens: &str) -> String {
    let mut text = tokens.to_owned();
    for (spaced, tight) in [
        (" :: ", "::"),
        (":: ", "::"),
        ("# [", "#["),
        ("[ ", "["),
        (" ]", "]"),
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

/// A value as quoted in a message: at most 40 characters, so a 1 MB string is not echoed whole.
pub(crate) fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}
