//! Rules that only the macro's output shows, each checked through it: a value of each option
//! is read as its kind, each kind's message names what it takes, a test-only option on `main`
//! is refused, bare and renamed words get their own messages, the fallback of an item with
//! errors keeps the `crate` path, and the outline of an item syn cannot parse finds its parts. Each test here catches a change that mutation testing found no other test catching
//! (`CONTRIBUTING.md`).

use crate::entry::expand;
use crate::model::Macro;
use crate::parse::outline;
use crate::test_support::{ALL, top_level_errors};
use proc_macro2::{TokenStream, TokenTree};

/// The messages of the errors `#[<kind>(args)]` on `item` reports.
fn errors(kind: Macro, args: &str, item: &str) -> Vec<String> {
    let args: TokenStream = args.parse().unwrap();
    let item: TokenStream = item.parse().unwrap();
    top_level_errors(&expand(args, item, kind, ALL))
        .into_iter()
        .map(|(message, _)| message)
        .collect()
}

/// The output of `#[<kind>(args)]` on `item`, as text.
fn output(kind: Macro, args: &str, item: &str) -> String {
    expand(args.parse().unwrap(), item.parse().unwrap(), kind, ALL).to_string()
}

#[test]
fn each_option_reads_its_value_as_its_kind() {
    // A switch takes `true` or `false` as written, not an expression.
    assert_eq!(
        errors(
            Macro::Main,
            "eager_driver_handoff = enabled()",
            "async fn main() {}"
        ),
        ["`eager_driver_handoff` takes `true` or `false`"]
    );
    // A hook takes a path or a closure.
    let hook = errors(Macro::Main, "on_after_task_poll = 5", "async fn main() {}");
    assert!(
        hook[0].contains("takes a path to a fn or a closure"),
        "{hook:?}"
    );
    // A limit takes a duration.
    let limit = errors(Macro::Test, "warn_on_blocking = true", "async fn t() {}");
    assert!(
        limit[0].starts_with("`warn_on_blocking` takes a duration"),
        "{limit:?}"
    );
    // A literal with an attribute on it is an expression, checked when it runs.
    assert!(
        errors(
            Macro::Main,
            "worker_threads = #[allow(unused)] 0",
            "async fn main() {}"
        )
        .is_empty()
    );
    // A size in a string too large for any target's `usize`.
    let size = errors(
        Macro::Main,
        "stack_size = \"100000000000GiB\"",
        "async fn main() {}",
    );
    assert!(size[0].contains("is too large; the limit is"), "{size:?}");
}

#[test]
fn each_option_of_its_own_kind_says_what_it_takes() {
    // Every task hook takes a callback, not a `bool` (the row's own value kind).
    for hook in ["on_task_spawn", "on_task_terminate"] {
        let message = errors(Macro::Main, &format!("{hook} = 5"), "async fn main() {}");
        assert!(
            message[0].starts_with(&format!("`{hook}` takes a path to a fn or a closure")),
            "{message:?}"
        );
    }
    assert!(
        errors(Macro::Main, "builder = 5", "async fn main() {}")[0]
            .starts_with("`builder` takes a path to a fn returning a `tokio::runtime::Builder`")
    );
    assert!(
        errors(Macro::Test, "shared = 5", "async fn t() {}")[0]
            .starts_with("`shared` takes `true`, `false`, or a path to a `static`")
    );
    // A word where a string literal goes: the fix is to quote it.
    assert!(
        errors(Macro::Main, "flavor = multi_thread", "async fn main() {}")[0]
            .ends_with("; write `\"multi_thread\"` in quotes")
    );
    // The blocking check next to `shared` says why it cannot be.
    for check in ["fail_on_blocking", "warn_on_blocking"] {
        let found = errors(
            Macro::Test,
            &format!("shared, {check} = \"1s\""),
            "async fn t() {}",
        );
        assert!(
            found[0].starts_with(&format!(
                "`{check}` cannot go with `shared`: a runtime tests share"
            )),
            "{found:?}"
        );
    }
    // A test-only option on `main`.
    assert_eq!(
        errors(Macro::Main, "shared", "async fn main() {}"),
        [
            "`shared` is an option of `#[mainspring::test]`, for tests; `#[mainspring::main]` \
          does not take it"
        ]
    );
}

#[test]
fn sizes_and_durations_become_plain_numbers() {
    let sized = output(Macro::Main, "stack_size = 8388608", "async fn main() {}");
    assert!(sized.contains("8388608"), "{sized}");
    let timed = output(Macro::Test, "timeout = \"1500ms\"", "async fn t() {}");
    assert!(timed.contains("from_millis (1500"), "{timed}");
    let timed = output(Macro::Test, "timeout = \"250us\"", "async fn t() {}");
    assert!(timed.contains("from_nanos (250000"), "{timed}");
}

#[test]
fn an_old_flavor_written_alone_gets_its_new_name() {
    assert_eq!(
        errors(Macro::Main, "basic_scheduler", "async fn main() {}"),
        [
            "the `basic_scheduler` flavor is called `current_thread` since tokio 1.0; use \
             `#[mainspring::main(flavor = \"current_thread\")]`"
        ]
    );
    let unknown = errors(Macro::Main, "fast", "async fn main() {}");
    assert!(
        unknown[0].starts_with("unknown option `fast`"),
        "{unknown:?}"
    );
}

#[test]
fn the_fallback_of_an_item_with_errors_keeps_the_crate_path() {
    let fallback = output(
        Macro::Main,
        "crate = \"::renamed\", flavour = \"current_thread\"",
        "async fn main() {}",
    );
    assert!(fallback.contains(":: renamed :: __private"), "{fallback}");
    assert!(!fallback.contains("mainspring :: __private"), "{fallback}");
}

fn trees(item: &str) -> Vec<TokenTree> {
    item.parse::<TokenStream>().unwrap().into_iter().collect()
}

#[test]
fn the_outline_of_an_unparsable_item_finds_its_parts() {
    // `async` only when written.
    let plain = outline(&trees("pub unsafe fn f(x: u8) garbage")).unwrap();
    assert!(plain.asyncness.is_none());
    let asynchronous = outline(&trees("pub async fn f(x: u8) garbage")).unwrap();
    assert!(asynchronous.asyncness.is_some());
    // The inputs, past generics holding parentheses and `->`.
    for item in [
        "async fn f<F: Fn() -> u8>(x: F) garbage",
        "async fn f<T: Into<(u8, u8)>>(x: T) garbage",
        "async fn f<T>(x: T) -> Vec<u8> garbage",
    ] {
        let found = outline(&trees(item)).unwrap();
        let inputs = found.inputs.map(|group| group.stream().to_string());
        let expected = if item.contains("(x: F)") {
            "x : F"
        } else {
            "x : T"
        };
        assert_eq!(inputs.as_deref(), Some(expected), "{item}");
    }
    // Parentheses after something else than generics are not its inputs.
    let stray = outline(&trees("async fn f garbage (x: u8)")).unwrap();
    assert!(stray.inputs.is_none());
}

#[test]
fn attributes_below_are_told_apart_by_their_whole_path() {
    // A tool's attribute is built in: a test returning a value reports it (`ExitCode`); another
    // crate's two-segment attribute may read the return type, which stays.
    let result = "async fn t() -> Result<(), String> { Ok(()) }";
    for attr in [
        "#[rustfmt::skip]",
        "#[clippy::cognitive_complexity = \"9\"]",
    ] {
        let out = output(Macro::Test, "", &format!("{attr} {result}"));
        assert!(out.contains("ExitCode"), "{attr}: {out}");
    }
    let out = output(Macro::Test, "", &format!("#[other::thing] {result}"));
    assert!(!out.contains("ExitCode"), "{out}");
    // The standard test attribute by its prelude paths; not another crate's.
    for attr in [
        "#[core::prelude::v1::test]",
        "#[std::prelude::rust_2024::test]",
    ] {
        let found = errors(Macro::Test, "", &format!("{attr} async fn t() {{}}"));
        assert_eq!(found.len(), 1, "{attr}: {found:?}");
        assert!(
            found[0].starts_with("a second test attribute is given"),
            "{found:?}"
        );
    }
    assert!(
        errors(
            Macro::Test,
            "",
            "#[alloc::prelude::v1::test] async fn t() {}"
        )
        .is_empty()
    );
    // test-case's attributes, by each of their paths, make the tests: ours adds no `#[test]`.
    let standard = ":: core :: prelude :: v1 :: test";
    for attr in [
        "#[test_case(1)]",
        "#[test_matrix([1])]",
        "#[test_case::test_case(1)]",
        "#[test_case::case(1)]",
        "#[test_case::test_matrix([1])]",
    ] {
        let out = output(Macro::Test, "", &format!("{attr} async fn t(x: u8) {{}}"));
        assert!(!out.contains(standard), "{attr}: {out}");
    }
    for attr in ["#[other::case(1)]", "#[test_case::other(1)]", "#[other(1)]"] {
        let out = output(Macro::Test, "", &format!("{attr} async fn t(x: u8) {{}}"));
        assert!(out.contains(standard), "{attr}: {out}");
    }
}

#[test]
fn each_option_given_a_value_of_no_kind_says_what_it_takes() {
    // A char fits no option: each row's message, for its value kind and role, pinned.
    let mut said = String::new();
    for spec in crate::table::OPTIONS {
        let kind = match spec.attrs.takes(Macro::Main) {
            true => Macro::Main,
            false => Macro::Test,
        };
        let found = errors(kind, &format!("{} = 'c'", spec.name), "async fn f() {}");
        said.push_str(&format!("{}: {}\n", spec.name, found.join(" | ")));
    }
    expect_test::expect![[r#"
        flavor: `flavor` takes a string literal: `flavor = "current_thread"`, `"multi_thread"` or `"local"`
        worker_threads: `worker_threads` takes an integer, such as `worker_threads = 4`, or an expression
        max_worker_threads: `max_worker_threads` takes an integer, such as `max_worker_threads = 4`, or an expression
        start_paused: `start_paused` takes `true` or `false`
        crate: `crate` takes a path, such as `my_renamed_mainspring` or `"::mainspring"`
        unhandled_panic: `unhandled_panic` takes a string literal: `unhandled_panic = "ignore"` or `"shutdown_runtime"`
        name: `name` takes a string, such as `name = "my-runtime"`, or an expression
        thread_name: `thread_name` takes a string, such as `thread_name = "my-runtime"`, or an expression
        thread_name_fn: `thread_name_fn` takes a path to a fn or a closure, such as `thread_name_fn = || println!("hi")`
        thread_stack_size: `thread_stack_size` takes a size in bytes: an integer, a string such as `"3MiB"`, or an expression
        max_blocking_threads: `max_blocking_threads` takes an integer, such as `max_blocking_threads = 4`, or an expression
        thread_keep_alive: `thread_keep_alive` takes a duration: a string such as `"10s"` or `"250ms"`, or a `Duration` expression
        global_queue_interval: `global_queue_interval` takes an integer, such as `global_queue_interval = 4`, or an expression
        event_interval: `event_interval` takes an integer, such as `event_interval = 4`, or an expression
        max_io_events_per_tick: `max_io_events_per_tick` takes an integer, such as `max_io_events_per_tick = 4`, or an expression
        max_io_events_per_busy_tick: `max_io_events_per_busy_tick` takes an integer, such as `max_io_events_per_busy_tick = 4`, or an expression
        enable: `enable` takes a list of drivers, such as `enable = ["io", "time"]` (or `[]` for none)
        on_thread_start: `on_thread_start` takes a path to a fn or a closure, such as `on_thread_start = || println!("hi")`
        on_thread_stop: `on_thread_stop` takes a path to a fn or a closure, such as `on_thread_stop = || println!("hi")`
        on_thread_park: `on_thread_park` takes a path to a fn or a closure, such as `on_thread_park = || println!("hi")`
        on_thread_unpark: `on_thread_unpark` takes a path to a fn or a closure, such as `on_thread_unpark = || println!("hi")`
        on_task_spawn: `on_task_spawn` takes a path to a fn or a closure, such as `on_task_spawn = || println!("hi")`
        on_task_terminate: `on_task_terminate` takes a path to a fn or a closure, such as `on_task_terminate = || println!("hi")`
        on_before_task_poll: `on_before_task_poll` takes a path to a fn or a closure, such as `on_before_task_poll = || println!("hi")`
        on_after_task_poll: `on_after_task_poll` takes a path to a fn or a closure, such as `on_after_task_poll = || println!("hi")`
        rng_seed: `rng_seed` takes an integer (`u64`), such as `rng_seed = 42`, or an expression
        disable_lifo_slot: `disable_lifo_slot` takes `true` or `false`
        eager_driver_handoff: `eager_driver_handoff` takes `true` or `false`
        builder: `builder` takes a path to a fn returning a `tokio::runtime::Builder`, such as `builder = my_builder`
        timeout: `timeout` takes a duration: a string such as `"10s"` or `"250ms"`, or a `Duration` expression
        shutdown_timeout: `shutdown_timeout` takes a duration: a string such as `"10s"` or `"250ms"`, or a `Duration` expression
        cleanup_timeout: `cleanup_timeout` takes a duration: a string such as `"10s"` or `"250ms"`, or a `Duration` expression
        stack_size: `stack_size` takes a size in bytes: an integer, a string such as `"3MiB"`, or an expression
        fail_on_task_panic: `fail_on_task_panic` takes `true` or `false`
        fail_on_leaked_tasks: `fail_on_leaked_tasks` takes `true` or `false`
        fail_on_blocking: `fail_on_blocking` takes a duration: a string such as `"10s"` or `"250ms"`, or a `Duration` expression
        warn_on_blocking: `warn_on_blocking` takes a duration: a string such as `"10s"` or `"250ms"`, or a `Duration` expression
        shared: `shared` takes `true`, `false`, or a path to a `static` of type `mainspring::SharedRuntime`, such as `shared = DB_RUNTIME`; or write `shared` alone
    "#]].assert_eq(&said);
}

#[test]
fn lists_limits_and_switched_off_checks() {
    // A flavor list on `main`.
    assert_eq!(
        errors(
            Macro::Main,
            "flavor = [\"current_thread\", \"multi_thread\"]",
            "async fn main() {}"
        ),
        [
            "a list of flavors is for `#[mainspring::test]`, which makes one test per flavor; \
          `main` runs on one runtime"
        ]
    );
    // A check switched off asks for nothing, so it goes with `shared`; switched on, it does not.
    for check in ["fail_on_task_panic", "fail_on_leaked_tasks"] {
        let off = format!("shared, {check} = false");
        assert!(
            errors(Macro::Test, &off, "async fn t() {}").is_empty(),
            "{off}"
        );
        let on = format!("shared, {check} = true");
        assert_eq!(errors(Macro::Test, &on, "async fn t() {}").len(), 1, "{on}");
    }
    // The largest value an option's type holds is taken; one more is not.
    assert!(
        errors(
            Macro::Main,
            "rng_seed = 18446744073709551615",
            "async fn main() {}"
        )
        .is_empty()
    );
    assert_eq!(
        errors(
            Macro::Main,
            "rng_seed = 18446744073709551616",
            "async fn main() {}"
        ),
        ["`rng_seed` is too large; the limit is 18446744073709551615"]
    );
}

#[test]
fn an_error_in_a_list_is_at_its_element() {
    let args: TokenStream = "flavor = [\"current_thread\", \"current_thread\"]"
        .parse()
        .unwrap();
    let item: TokenStream = "async fn t() {}".parse().unwrap();
    let found = top_level_errors(&expand(args, item, Macro::Test, ALL));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "this flavor is listed twice; remove this one");
    // The second element starts at column 28 of the arguments.
    assert_eq!(found[0].1.start().column, 28, "{found:?}");
}
