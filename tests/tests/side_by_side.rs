//! Side by side with tokio's own attributes. Each program in `src/bin/` built with
//! `#[mainspring::main]` has a `tokio_*` twin with the same body under `#[tokio::main]`; both run
//! as child processes and must agree on exit code, stdout (thread ids reduced to "same thread as
//! main or not") and the `Error: ...` / panic lines of stderr. In-process pairs, written once by
//! `side_by_side!` under `#[tokio::test]` and `#[mainspring::test]`, check the default flavor,
//! `multi_thread` with 2 workers, the paused clock of `start_paused`, `Result` tests using `?`,
//! and `#[should_panic(expected = ...)]`.

use std::process::Command;
use std::thread;
use std::time::Duration;

use mainspring_tests::child::{Output, run};

// ---- child processes ----

fn program(path: &str, args: &[&str]) -> Command {
    let mut command = mainspring_tests::child::program(path);
    command.args(args);
    // No backtraces, so stderr holds only the report lines.
    command.env("RUST_BACKTRACE", "0");
    command.env_remove("RUST_LIB_BACKTRACE");
    command
}

/// Keeps the lines of stderr a user reads as the report: `Error: ...`, the panic header and
/// message. Drops `note: ...` hints, blank lines and any backtrace, removes the OS thread id from
/// the panic header, and reduces the panic location `<path>/<file>.rs:<line>:<col>` to
/// `<file>.rs:<line>:<col>` (the twins include one body from `src/programs/`, so the location
/// must agree to the column).
fn report_lines(stderr: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("stack backtrace:") {
            break;
        }
        if line.starts_with("note: ") || line.trim().is_empty() {
            continue;
        }
        let line = match line.split_once(" panicked at ") {
            Some((thread, location)) => {
                let file = location.rsplit(['/', '\\']).next().unwrap_or(location);
                format!("{} panicked at {file}", without_os_id(thread))
            }
            None => line.to_owned(),
        };
        lines.push(line);
    }
    lines
}

/// `thread 'main' (12345)` to `thread 'main'`: the OS thread id differs from run to run.
fn without_os_id(thread: &str) -> &str {
    match thread.rsplit_once(" (") {
        Some((name, id))
            if id
                .strip_suffix(')')
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())) =>
        {
            name
        }
        _ => thread,
    }
}

/// stdout unchanged: for programs that print only facts that do not vary between runs.
fn as_is(stdout: &str) -> String {
    stdout.to_owned()
}

/// For `<who> <thread id> <thread name>` lines: replaces each thread id with whether it is the
/// thread `main` ran on, so runs with different ids compare equal while the fact is kept.
fn thread_facts(stdout: &str) -> String {
    let parsed: Vec<(&str, &str, &str)> = stdout
        .lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(who), Some(id), Some(name)) => (who, id, name),
                _ => panic!("not a `<who> <thread id> <thread name>` line: {line:?}"),
            }
        })
        .collect();
    let main_id = parsed
        .iter()
        .find(|(who, _, _)| *who == "main")
        .map(|(_, id, _)| *id)
        .unwrap_or_else(|| panic!("no `main` line in stdout:\n{stdout}"));
    let mut facts = String::new();
    for (who, id, name) in &parsed {
        let on_main = *id == main_id;
        facts.push_str(&format!("{who} on main thread: {on_main}, named {name}\n"));
    }
    let all_on_main = parsed.iter().all(|(_, id, _)| *id == main_id);
    facts.push_str(&format!("all tasks on main thread: {all_on_main}\n"));
    facts
}

/// One program and its twin, run with the same arguments and environment.
struct Pair {
    mainspring: Output,
    tokio: Output,
}

impl Pair {
    fn run(mainspring: &str, tokio: &str, args: &[&str]) -> Pair {
        Pair {
            mainspring: run(program(mainspring, args)),
            tokio: run(program(tokio, args)),
        }
    }

    /// Asserts the same exit code, the same normalised stdout and the same report lines in
    /// stderr, printing both sides on a mismatch. Returns the common normalised stdout.
    fn assert_same(&self, normalise: fn(&str) -> String) -> String {
        let (m, t) = (&self.mainspring, &self.tokio);
        let both = format!(
            "mainspring: {:?}\n--- stdout\n{}--- stderr\n{}\ntokio: {:?}\n--- stdout\n{}--- stderr\n{}",
            m.status, m.stdout, m.stderr, t.status, t.stdout, t.stderr
        );
        assert_eq!(
            m.status.code(),
            t.status.code(),
            "exit codes differ\n{both}"
        );
        let stdout = normalise(&m.stdout);
        assert_eq!(stdout, normalise(&t.stdout), "stdout differs\n{both}");
        assert_eq!(
            report_lines(&m.stderr),
            report_lines(&t.stderr),
            "stderr differs\n{both}"
        );
        stdout
    }

    fn code(&self) -> Option<i32> {
        self.tokio.status.code()
    }

    fn report(&self) -> Vec<String> {
        report_lines(&self.tokio.stderr)
    }
}

#[test]
fn main_result_ok_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_main_result"),
        env!("CARGO_BIN_EXE_tokio_main_result"),
        &[],
    );
    let stdout = pair.assert_same(as_is);
    assert_eq!(pair.code(), Some(0));
    assert_eq!(stdout, "step returned 7\n");
    assert!(pair.report().is_empty(), "{:?}", pair.report());
}

#[test]
fn main_result_err_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_main_result"),
        env!("CARGO_BIN_EXE_tokio_main_result"),
        &["fail"],
    );
    let stdout = pair.assert_same(as_is);
    assert_eq!(pair.code(), Some(1));
    assert_eq!(stdout, "");
    assert_eq!(
        pair.report(),
        [r#"Error: ChildFailure { stage: "load", code: 7 }"#]
    );
}

#[test]
fn main_panics_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_main_panics"),
        env!("CARGO_BIN_EXE_tokio_main_panics"),
        &[],
    );
    let stdout = pair.assert_same(as_is);
    assert_eq!(pair.code(), Some(101));
    assert_eq!(stdout, "");
    assert_eq!(
        pair.report(),
        [
            "thread 'main' panicked at main_panics.rs:4:5:",
            "main gave up on purpose with value 42",
        ]
    );
}

#[test]
fn cancel_on_return_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_cancel_on_return"),
        env!("CARGO_BIN_EXE_tokio_cancel_on_return"),
        &[],
    );
    let stdout = pair.assert_same(as_is);
    assert_eq!(pair.code(), Some(0));
    assert_eq!(stdout, "task started\nmain returning\ntask dropped\n");
}

#[test]
fn threads_current_thread_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_threads_current_thread"),
        env!("CARGO_BIN_EXE_tokio_threads_current_thread"),
        &[],
    );
    let stdout = pair.assert_same(thread_facts);
    assert_eq!(pair.code(), Some(0));
    assert!(
        stdout.ends_with("all tasks on main thread: true\n"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1 + 8 + 1, "{stdout}");
}

#[test]
fn workers_default_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_workers_default"),
        env!("CARGO_BIN_EXE_tokio_workers_default"),
        &[],
    );
    let stdout = pair.assert_same(as_is);
    assert_eq!(pair.code(), Some(0));
    assert!(stdout.starts_with("flavor=MultiThread\n"), "{stdout}");
}

#[test]
fn workers_three_named_matches_tokio() {
    let pair = Pair::run(
        env!("CARGO_BIN_EXE_workers_three_named"),
        env!("CARGO_BIN_EXE_tokio_workers_three_named"),
        &[],
    );
    let stdout = pair.assert_same(as_is);
    assert_eq!(pair.code(), Some(0));
    let parallelism = thread::available_parallelism().unwrap().get();
    assert_eq!(
        stdout,
        format!(
            "flavor=MultiThread\nworkers=3\nname=Some(\"three-worker-runtime\")\n\
             parallelism={parallelism}\n"
        )
    );
}

// ---- in-process pairs ----

/// Writes one async test body twice, in a module named after the case: `with_tokio` under
/// `#[tokio::test(<options>)]` and `with_mainspring` under `#[mainspring::test(<options>)]`.
/// Attributes written before `async fn` (e.g. `#[should_panic]`) go on both.
/// The body is passed on as a `$body:block` fragment, which reaches both attributes wrapped in
/// an invisible group (tokio issue #5243; mainspring once rejected it).
macro_rules! side_by_side {
    (
        $case:ident ($($options:tt)*)
        $(#[$($extra:tt)*])*
        async fn $(-> $ret:ty)? $body:block
    ) => {
        mod $case {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test($($options)*)]
            $(#[$($extra)*])*
            async fn with_tokio() $(-> $ret)? $body

            #[mainspring::test($($options)*)]
            $(#[$($extra)*])*
            async fn with_mainspring() $(-> $ret)? $body
        }
    };
}

side_by_side! {
    default_flavor_is_current_thread ()
    async fn {
        use tokio::runtime::{Handle, RuntimeFlavor};
        assert_eq!(Handle::current().runtime_flavor(), RuntimeFlavor::CurrentThread);
        let test_thread = thread::current().id();
        let task_thread = tokio::spawn(async { thread::current().id() }).await.unwrap();
        assert_eq!(task_thread, test_thread);
    }
}

side_by_side! {
    multi_thread_with_two_workers (flavor = "multi_thread", worker_threads = 2)
    async fn {
        use tokio::runtime::{Handle, RuntimeFlavor};
        let handle = Handle::current();
        assert_eq!(handle.runtime_flavor(), RuntimeFlavor::MultiThread);
        assert_eq!(handle.metrics().num_workers(), 2);
    }
}

side_by_side! {
    start_paused_join_advances_by_the_longest_sleep (start_paused = true)
    async fn {
        use tokio::time::{Instant, sleep};
        let start = Instant::now();
        tokio::join!(
            sleep(Duration::from_millis(100)),
            sleep(Duration::from_millis(150)),
        );
        assert_eq!(start.elapsed(), Duration::from_millis(150));
    }
}

side_by_side! {
    result_test_with_question_mark ()
    async fn -> Result<(), Box<dyn std::error::Error>> {
        let parsed: u32 = "21".parse()?;
        let doubled = tokio::spawn(async move { parsed * 2 }).await?;
        assert_eq!(doubled, 42);
        Ok(())
    }
}

side_by_side! {
    should_panic_with_expected_message ()
    #[should_panic(expected = "both attributes report this")]
    async fn {
        tokio::task::yield_now().await;
        panic!("both attributes report this");
    }
}
