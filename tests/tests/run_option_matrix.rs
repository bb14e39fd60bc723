//! Every pair of run options (`timeout`, `shutdown_timeout`, `stack_size`,
//! `fail_on_task_panic`, `fail_on_leaked_tasks`, and the blocking check, which this body never
//! trips, with two of them; `shared` with `timeout`, the one run option it takes) on every flavor and a flavor list, times each way out of the body (a return, an
//! `Err`, a panic, a timeout): each case, run alone in a child process, ends as the docs say
//! (`mainspring_tests::matrix`): passes or fails, with the message that comes first and those
//! after it, within a time bound. The same pairs on `main` (`src/bin/run_option_matrix.rs`)
//! exit with the status `main` has.
//!
//! The body (`programs/matrix_body.rs`) registers a cleanup, which must run in every case,
//! leaves a task that panicked and a task still running, and with `shutdown_timeout`, a blocking
//! task sleeping for a minute.

use std::process::Command;
use std::sync::Mutex;
use std::thread;

use mainspring_tests::child::{Output, run};

/// What the body's cleanup writes when it runs, in every case, however the body ended.
const CLEANUP_RAN: &str = "matrix cleanup ran";
use mainspring_tests::matrix::{PAIRS, check_time, exits, expected, has, mismatch, time_bound};

macro_rules! cases {
    ($($pair:ident: ($($args:tt)*);)*) => {
        mod matrix {
            $(
                mod $pair {
                    #[mainspring::test(flavor = "current_thread", $($args)*)]
                    #[ignore = "run by `every_pair_on_every_flavor_ends_as_documented`"]
                    async fn current_thread() -> Result<(), String> {
                        include!("../src/programs/matrix_body.rs")
                    }

                    #[mainspring::test(flavor = "multi_thread", $($args)*)]
                    #[ignore = "run by `every_pair_on_every_flavor_ends_as_documented`"]
                    async fn multi_thread() -> Result<(), String> {
                        include!("../src/programs/matrix_body.rs")
                    }

                    #[mainspring::test(flavor = "local", $($args)*)]
                    #[ignore = "run by `every_pair_on_every_flavor_ends_as_documented`"]
                    async fn local() -> Result<(), String> {
                        include!("../src/programs/matrix_body.rs")
                    }

                    #[mainspring::test(flavor = ["current_thread", "multi_thread"], $($args)*)]
                    #[ignore = "run by `every_pair_on_every_flavor_ends_as_documented`"]
                    async fn both() -> Result<(), String> {
                        include!("../src/programs/matrix_body.rs")
                    }
                }
            )*

            #[mainspring::test(shared, timeout = "1s")]
            #[ignore = "run by `shared_with_a_timeout_ends_as_documented`"]
            async fn shared_timeout() -> Result<(), String> {
                include!("../src/programs/matrix_body.rs")
            }
        }
    };
}

mainspring_tests::matrix_pairs!(cases);

/// Runs `filter` of this binary's ignored tests (each one at a time) with the body ending as
/// `exit` says.
fn run_case(filter: &str, exit: &str, blocking: bool) -> Output {
    let mut command = Command::new(std::env::current_exe().expect("path of the test binary"));
    command.args([filter, "--ignored", "--test-threads=1"]);
    command
        .env("MATRIX_EXIT", exit)
        .env_remove("RUST_TEST_NOCAPTURE");
    if blocking {
        command.env("MATRIX_BLOCKING", "1");
    }
    run(command)
}

/// The output of one test of a child's run: its captured output, shown by libtest for a test
/// that failed; nothing for one that passed.
fn section<'a>(output: &'a Output, test: &str) -> &'a str {
    let header = format!("---- {test} stdout ----");
    let Some(start) = output.stdout.find(&header) else {
        return "";
    };
    let rest = &output.stdout[start + header.len()..];
    let end = rest
        .find("\n---- ")
        .or_else(|| rest.find("\nfailures:\n"))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Checks one child's run of `tests` (the test names) against what `options` and `exit` must
/// give; the problems found, one line each.
fn check(output: &Output, tests: &[String], options: &str, exit: &str) -> Vec<String> {
    let expected = expected(options, exit);
    let mut problems = Vec::new();
    let cleanups = output.stderr.matches(CLEANUP_RAN).count();
    if cleanups != tests.len() {
        problems.push(format!("{tests:?} {exit}: {cleanups} cleanups ran"));
    }
    for test in tests {
        let verdict = match expected.first {
            None => "ok",
            Some(_) => "FAILED",
        };
        if !output
            .stdout
            .contains(&format!("test {test} ... {verdict}"))
        {
            problems.push(format!(
                "{test} {exit}: not `{verdict}`; its output:\n{}",
                section(output, test)
            ));
            continue;
        }
        if let Some(problem) = mismatch(section(output, test), &expected) {
            problems.push(format!("{test} {exit}: {problem}"));
        }
    }
    problems
}

/// Runs `jobs` three at a time; each returns its problems.
fn in_parallel(jobs: Vec<Box<dyn FnOnce() -> Vec<String> + Send>>) -> Vec<String> {
    let jobs = Mutex::new(jobs);
    let problems = Mutex::new(Vec::new());
    thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                loop {
                    let Some(job) = jobs.lock().unwrap().pop() else {
                        return;
                    };
                    let found = job();
                    problems.lock().unwrap().extend(found);
                }
            });
        }
    });
    problems.into_inner().unwrap()
}

#[test]
fn every_pair_on_every_flavor_ends_as_documented() {
    let mut jobs: Vec<Box<dyn FnOnce() -> Vec<String> + Send>> = Vec::new();
    for (pair, options) in PAIRS {
        for flavor in ["current_thread", "multi_thread", "local", "both"] {
            for exit in exits(options) {
                jobs.push(Box::new(move || {
                    let tests: Vec<String> = match flavor {
                        "both" => ["current_thread", "multi_thread"]
                            .iter()
                            .map(|case| format!("matrix::{pair}::both::{case}"))
                            .collect(),
                        _ => vec![format!("matrix::{pair}::{flavor}")],
                    };
                    let filter = match flavor {
                        "both" => format!("matrix::{pair}::both::"),
                        _ => format!("matrix::{pair}::{flavor}"),
                    };
                    let output = run_case(&filter, exit, has(options, "shutdown_timeout"));
                    let runs = format!("running {} test", tests.len());
                    assert!(output.stdout.contains(&runs), "{filter}: {}", output.all());
                    let bound = time_bound(options) * u32::try_from(tests.len()).unwrap();
                    check_time(&output, bound, &filter);
                    check(&output, &tests, options, exit)
                }));
            }
        }
    }
    let problems = in_parallel(jobs);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn shared_with_a_timeout_ends_as_documented() {
    let options = "timeout = \"1s\"";
    let mut problems = Vec::new();
    for exit in exits(options) {
        let output = run_case("matrix::shared_timeout", exit, false);
        check_time(&output, time_bound(options), exit);
        problems.extend(check(
            &output,
            &["matrix::shared_timeout".to_owned()],
            options,
            exit,
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_pair_on_main_exits_as_documented() {
    let mut jobs: Vec<Box<dyn FnOnce() -> Vec<String> + Send>> = Vec::new();
    for (pair, options) in PAIRS {
        for flavor in ["current_thread", "multi_thread", "local"] {
            for exit in exits(options) {
                jobs.push(Box::new(move || {
                    let variant = format!("{pair}::{flavor}");
                    let mut command = Command::new(env!("CARGO_BIN_EXE_run_option_matrix"));
                    command
                        .arg(&variant)
                        .env("MATRIX_EXIT", exit)
                        .env("RUST_BACKTRACE", "0");
                    if has(options, "shutdown_timeout") {
                        command.env("MATRIX_BLOCKING", "1");
                    }
                    let output = run(command);
                    check_time(&output, time_bound(options), &variant);
                    let expected = expected(options, exit);
                    let mut problems = Vec::new();
                    if output.code() != Some(expected.code) {
                        problems.push(format!(
                            "{variant} {exit}: exit {:?}, expected {}",
                            output.code(),
                            expected.code
                        ));
                    }
                    if let Some(problem) = mismatch(&output.stderr, &expected) {
                        problems.push(format!("{variant} {exit}: {problem}"));
                    }
                    if !output.stderr.contains(CLEANUP_RAN) {
                        problems.push(format!("{variant} {exit}: its cleanup did not run"));
                    }
                    problems
                }));
            }
        }
    }
    let problems = in_parallel(jobs);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
