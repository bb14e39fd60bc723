//! Expansion snapshots: each case is expanded by `entry::expand` and pretty-printed into
//! `macro/snapshots/<case>.rs`, which is what `cargo expand` shows a user. Update with
//! `UPDATE_EXPECT=1 cargo test -p mainspring-macros`, then read the diff.

use crate::build::{Build, Features};
use crate::entry::expand;
use crate::model::Macro;
use crate::test_support::{ALL, IDE};
use expect_test::expect_file;
use proc_macro2::TokenStream;

fn render(kind: Macro, build: Build, args: &str, item: &str) -> String {
    let args: TokenStream = args.parse().expect("args are tokens");
    let item: TokenStream = item.parse().expect("item is tokens");
    let output = expand(args, item, kind, build);
    let file: syn::File = syn::parse2(output).expect("the expansion is a valid file");
    prettyplease::unparse(&file)
}

/// The item with its body's closing brace on a line of its own: most bodies span several lines,
/// and a body on one line expands differently (see `expand::one_line`; the `one_line_*` cases).
fn over_lines(item: &str) -> String {
    match item.strip_suffix('}') {
        Some(head) => format!("{head}\n}}"),
        None => item.to_owned(),
    }
}

/// `case: Macro("args") "item";` rows, each a test comparing the expansion with
/// `snapshots/<case>.rs`; `$body` says how the item is fed: `over_lines` (most bodies span
/// several lines) or `as_written` (the `one_line_*` cases); `$features` what it is expanded
/// with: `ALL` (what rustc and `cargo expand` get) or `IDE` (what rust-analyzer gets).
macro_rules! snapshots {
    ($body:ident, $features:ident: $($case:ident: $kind:ident($args:literal) $item:literal;)*) => {$(
        #[test]
        fn $case() {
            let actual = render(Macro::$kind, $features, $args, &$body($item));
            expect_file![concat!("../snapshots/", stringify!($case), ".rs")].assert_eq(&actual);
        }
    )*};
}

fn as_written(item: &str) -> String {
    item.to_owned()
}

snapshots! {
    as_written, ALL:
    one_line_main_value: Main("") "pub async fn answer() -> i32 { 40 + 2 }";
    one_line_test: Test("") "async fn t() { assert_ne!(1, 2) }";
    one_line_empty: Test("") "async fn nothing() {}";
    one_line_inner_attributes: Main("flavor = \"current_thread\"") "async fn f() -> u8 { #![allow(unused_variables)] #![deny(clippy::all)] let x = 1; 2 }";
    one_line_never: Main("") "async fn main() -> ! { loop {} }";
    one_line_every_run_option: Test("timeout = \"5s\", stack_size = \"8MiB\", fail_on_task_panic = true") "async fn t() -> u8 { 7 }";
}

snapshots! {
    over_lines, ALL:
    main_default: Main("") "async fn main() { println!(\"hello\"); }";
    main_current_thread: Main("flavor = \"current_thread\"") "async fn main() {}";
    main_worker_threads: Main("worker_threads = 4") "async fn main() {}";
    main_max_worker_threads: Main("max_worker_threads = 8") "async fn main() {}";
    test_max_worker_threads_expression: Test("flavor = \"multi_thread\", max_worker_threads = cores() / 2") "async fn capped() {}";
    main_local: Main("flavor = \"local\"") "async fn main() { tokio::task::spawn_local(async {}).await.unwrap(); }";
    main_name: Main("name = \"my-runtime\"") "async fn main() {}";
    main_unhandled_panic: Main("flavor = \"current_thread\", unhandled_panic = \"shutdown_runtime\"") "async fn main() {}";
    main_crate_string: Main("crate = \"::renamed\"") "async fn main() {}";
    main_crate_path: Main("crate = my::reexport") "async fn main() {}";
    main_result: Main("") "async fn main() -> Result<(), Box<dyn std::error::Error>> { let n: u32 = \"4\".parse()?; Ok(()) }";
    main_never: Main("") "async fn main() -> ! { loop { tokio::task::yield_now().await; } }";
    main_inner_attributes: Main("") "/// Docs.\n#[allow(unused)] async fn main() { #![allow(unused_variables)] let x = 1; }";
    fn_with_arguments: Main("flavor = \"current_thread\"") "pub(crate) async fn sum(a: u32, mut b: u32, (c, d): (u32, u32)) -> u32 { b += 1; a + b + c + d }";
    fn_generic: Main("flavor = \"current_thread\"") "async fn make<T: Default, const N: usize>() -> [T; N] where T: Copy { [T::default(); N] }";
    fn_generic_impl_trait_arg: Main("flavor = \"current_thread\"") "async fn show<T: Clone>(x: T, y: impl std::fmt::Display) -> String { y.to_string() }";
    method_self: Main("flavor = \"current_thread\"") "async fn run(&self, n: u32) -> u32 { self.0 + n }";
    fn_mentions_self: Main("flavor = \"current_thread\"") "async fn new() -> Self { Self::default() }";
    test_default: Test("") "async fn it_works() { assert_eq!(1 + 1, 2); }";
    test_start_paused: Test("start_paused = true") "async fn paused() {}";
    test_multi_thread: Test("flavor = \"multi_thread\", worker_threads = 2") "async fn parallel() {}";
    test_should_panic: Test("") "#[should_panic(expected = \"boom\")] async fn panics() { panic!(\"boom\"); }";
    test_result: Test("") "async fn fallible() -> Result<(), std::num::ParseIntError> { let _: u8 = \"1\".parse()?; Ok(()) }";
    knobs_literals: Main("worker_threads = 4, thread_name = \"my-worker\", thread_stack_size = \"3MiB\", max_blocking_threads = 512, thread_keep_alive = \"10s\", global_queue_interval = 31, event_interval = 61, max_io_events_per_tick = 1024") "async fn main() {}";
    knobs_expressions: Main("worker_threads = cores() / 2, thread_stack_size = 3 * 1024 * 1024, thread_keep_alive = Duration::from_millis(250), name = std::env::var(\"NAME\").unwrap_or_default(), thread_name = format!(\"pool-{}\", 1)") "async fn main() {}";
    knobs_bool_expression: Test("start_paused = PAUSED") "async fn paused() {}";
    knobs_hooks: Test("thread_name_fn = || \"w\".to_owned(), on_thread_start = started, on_thread_stop = || {}, on_thread_park = hooks::parked, on_thread_unpark = hooks::unparked") "async fn hooked() {}";
    enable_io_only: Main("enable = [\"io\"]") "async fn main() {}";
    enable_none: Test("enable = []") "async fn no_drivers() {}";
    user_builder: Main("builder = runtime::my_builder, thread_name = \"custom\"") "async fn main() {}";
    user_builder_with_enable: Main("builder = my_builder, enable = [\"time\"]") "async fn main() {}";
    test_timeout: Test("timeout = \"5s\"") "async fn bounded() {}";
    test_shared: Test("shared") "async fn on_the_default_shared_runtime() -> Result<(), String> { Ok(()) }";
    test_shared_named_with_timeout: Test("shared = runtimes::DB, timeout = \"30s\"") "async fn on_a_named_shared_runtime() {}";
    test_timeout_expression: Test("timeout = Duration::from_millis(LIMIT)") "async fn bounded() {}";
    test_fail_on_task_panic: Test("fail_on_task_panic = true") "async fn strict() { tokio::spawn(async {}); }";
    main_stack_size: Main("stack_size = \"64MiB\"") "async fn main() -> Result<(), Box<dyn std::error::Error>> { Ok(()) }";
    test_every_run_option: Test("flavor = \"multi_thread\", timeout = \"2m\", stack_size = 1 << 26, fail_on_task_panic = true") "async fn everything(x: u32) {}";
    test_flavor_matrix: Test("flavor = [\"current_thread\", \"multi_thread\"], worker_threads = 2, start_paused = true") "/// Docs.\n#[allow(unused_variables)]\n#[should_panic]\nasync fn both() -> Result<(), MyError> { let x = 1; Ok(()) }";
    main_max_io_events_per_busy_tick: Main("max_io_events_per_tick = 256, max_io_events_per_busy_tick = 8") "async fn main() {}";
    main_shutdown_timeout: Main("shutdown_timeout = \"5s\"") "async fn main() -> Result<(), std::io::Error> { Ok(()) }";
    main_shutdown_timeout_local_hooks: Main("flavor = \"local\", shutdown_timeout = \"1s\", thread_name = \"io\", on_thread_stop = stopped") "async fn main() {}";
    main_fail_on_leaked_tasks_multi_thread_hook: Main("fail_on_leaked_tasks = true, on_thread_start = started") "async fn main() {}";
    test_shutdown_timeout_with_every_run_option: Test("flavor = \"local\", shutdown_timeout = \"0s\", timeout = \"10s\", fail_on_task_panic = true, stack_size = \"8MiB\"") "async fn bounded() {}";
    test_shutdown_timeout_flavor_matrix: Test("flavor = [\"current_thread\", \"multi_thread\"], shutdown_timeout = LIMIT") "async fn both() {}";
    main_unstable_knobs: Main("rng_seed = 42, disable_lifo_slot = true, eager_driver_handoff = false, on_task_spawn = spawned, on_task_terminate = |meta| drop(meta), on_before_task_poll = hooks::polling, on_after_task_poll = hooks::polled") "async fn main() {}";
    test_unstable_knobs_expressions: Test("flavor = \"multi_thread\", rng_seed = seed() ^ 1, eager_driver_handoff = true") "async fn seeded() {}";
    test_fail_on_leaked_tasks: Test("fail_on_leaked_tasks = true") "async fn no_leaks() { tokio::spawn(async {}).await.unwrap(); }";
    test_fail_on_leaked_tasks_with_every_run_option: Test("flavor = \"multi_thread\", on_task_terminate = ended, fail_on_leaked_tasks = true, timeout = \"5s\", stack_size = \"8MiB\", fail_on_task_panic = true, shutdown_timeout = \"1s\"") "async fn strict() -> Result<(), String> { Ok(()) }";
    test_fail_on_leaked_tasks_flavor_matrix: Test("flavor = [\"current_thread\", \"multi_thread\"], fail_on_leaked_tasks = true") "async fn both() {}";
    error_unknown_option: Main("flavour = \"current_thread\", worker_threads = 0") "async fn main() {}";
    error_second_test_attribute: Test("") "#[test] async fn twice() {}";
    test_above_test_case: Test("") "#[test_case::test_case(1)] #[test_case::test_case(2)] async fn cases(x: u32) { assert!(x > 0); }";
    test_above_another_crates_test: Test("") "#[test_log::test] async fn logged() {}";
    error_main_arguments: Main("") "async fn main(x: u32) {}";
    error_main_arguments_never: Main("") "async fn main(x: u32) -> ! { loop {} }";
    main_never_in_parens: Main("") "async fn main() -> (!) { loop {} }";
    fn_returns_impl_trait: Main("flavor = \"current_thread\"") "async fn helper() -> impl std::fmt::Debug { 5 }";
    test_returning_below_serial: Test("") "#[serial] async fn serial() -> Result<(), String> { Ok(()) }";
    test_returning_with_built_in_attributes: Test("") "#[ignore] #[rustfmt::skip] #[allow(dead_code)] async fn plain() -> Result<(), String> { Ok(()) }";
    test_above_test_case_returning: Test("") "#[test_case::test_case(2 => 4)] async fn doubled(x: u32) -> u32 { x * 2 }";
    test_fail_on_blocking: Test("flavor = \"multi_thread\", fail_on_blocking = \"100ms\", warn_on_blocking = \"50ms\", on_thread_park = parked") "async fn watched() {}";
    test_fail_on_blocking_current_thread: Test("fail_on_blocking = \"100ms\"") "async fn watched() -> Result<(), String> { Ok(()) }";
    error_not_a_function: Main("") "struct NotAFunction;";
}

// What rust-analyzer gets: the option keys named for completion and hover (`ide.rs`).
snapshots! {
    over_lines, IDE:
    ide_main_keys: Main("worker_threads = 2, thread_name = \"w\", crate = \"::mainspring\"") "async fn main() {}";
    ide_test_keys_typo_and_empty_slot: Test("flavour = \"x\", timeout = \"5s\",") "async fn t() {}";
    ide_test_empty: Test("") "async fn t() {}";
    ide_flavor_matrix: Test("flavor = [\"current_thread\", \"multi_thread\"], timeout = \"5s\"") "async fn both() {}";
    ide_main_arguments: Main("worker_threads = 2") "async fn main(x: u32) {}";
}

/// `ALL` without `--cfg tokio_unstable`.
const STABLE: Build = Build {
    features: Features {
        tokio_unstable: false,
        ..ALL.features
    },
    ..ALL
};

// Without `--cfg tokio_unstable` the leak check counts tasks and installs no hook, and the
// blocking check sets no poll hook.
snapshots! {
    over_lines, STABLE:
    test_fail_on_leaked_tasks_stable: Test("fail_on_leaked_tasks = true") "async fn no_leaks() { tokio::spawn(async {}).await.unwrap(); }";
    test_fail_on_blocking_stable: Test("flavor = \"multi_thread\", fail_on_blocking = \"100ms\"") "async fn watched() {}";
}
