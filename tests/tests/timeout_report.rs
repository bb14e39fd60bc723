//! What a timed-out test says beyond its limit: how many tasks were still running on its
//! runtime; with a task dump (`--cfg tokio_unstable`, mainspring's `taskdump` feature, Linux),
//! where the body and each task were waiting, by the user's own functions, `file:line`, and what
//! each awaited; without one, how to get it. A dump that cannot be taken (a worker blocked) is
//! given up after a second. A body that blocks its thread past the limit is reported on stderr
//! at once, by name, while it still runs.
//!
//! The tests that time out are `#[ignore]`d and run by this binary as a child process.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use mainspring_tests::child::{Output, Ran, program, run, run_within, this_binary};

/// What a test waits for: a reply that never comes.
async fn wait_for_reply(reply: oneshot::Receiver<u32>) -> u32 {
    reply.await.unwrap_or(0)
}

/// A task parked on a channel nobody writes to.
async fn park(_sender: mpsc::Sender<()>, mut receiver: mpsc::Receiver<()>) {
    receiver.recv().await;
}

fn spawn_parked() {
    let (sender, receiver) = mpsc::channel::<()>(1);
    tokio::spawn(park(sender, receiver));
}

#[mainspring::test(timeout = "200ms")]
#[ignore = "times out on purpose; run by the tests below"]
async fn stuck_with_two_tasks() {
    spawn_parked();
    spawn_parked();
    let (_reply_sender, reply) = oneshot::channel();
    wait_for_reply(reply).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, timeout = "200ms")]
#[ignore = "times out on purpose; run by the tests below"]
async fn stuck_on_multi_thread() {
    spawn_parked();
    // A task that is nothing but tokio's own future.
    tokio::spawn(tokio::time::sleep(Duration::from_secs(60)));
    let (_reply_sender, reply) = oneshot::channel();
    wait_for_reply(reply).await;
}

/// A shared runtime's tasks belong to every test on it: a report there counts and dumps none
/// of them, and says so; where the body waited is still shown with a task dump.
#[mainspring::test(shared, timeout = "200ms")]
#[ignore = "times out on purpose; run by the tests below"]
async fn stuck_on_a_shared_runtime() {
    spawn_parked();
    spawn_parked();
    let (_reply_sender, reply) = oneshot::channel();
    wait_for_reply(reply).await;
}

#[test]
fn a_timeout_on_a_shared_runtime_leaves_its_tasks_alone() {
    let output = timed_out("stuck_on_a_shared_runtime");
    let all = output.all();
    assert!(
        all.contains(
            "`timeout = \"200ms\"`\n(on a shared runtime the tasks belong to every test on it: \
             they are not counted or dumped)"
        ),
        "{all}"
    );
    assert!(!all.contains("spawned on its runtime"), "{all}");
    if cfg!(all(tokio_unstable, target_os = "linux")) {
        assert!(
            all.contains("the body:\n  timeout_report::stuck_on_a_shared_runtime at ")
                && all.contains("└ timeout_report::wait_for_reply at "),
            "{all}"
        );
        assert!(!all.contains("\ntask "), "{all}");
    }
}

fn timed_out(test: &str) -> Output {
    let output = this_binary(&[test, "--exact", "--ignored"]);
    assert_eq!(output.code(), Some(101), "{}", output.all());
    assert!(
        output
            .all()
            .contains("timed out: it ran longer than its `timeout = \"200ms\"`\n"),
        "{}",
        output.all()
    );
    output
}

#[test]
fn a_timeout_says_how_many_tasks_were_still_running() {
    let output = timed_out("stuck_with_two_tasks");
    assert!(
        output
            .all()
            .contains("`timeout = \"200ms\"`\n2 tasks spawned on its runtime were still running"),
        "{}",
        output.all()
    );
    let output = timed_out("stuck_on_multi_thread");
    assert!(
        output
            .all()
            .contains("`timeout = \"200ms\"`\n2 tasks spawned on its runtime were still running"),
        "{}",
        output.all()
    );
}

/// Without a task dump, one line says how to get it.
#[cfg(not(all(tokio_unstable, target_os = "linux")))]
#[test]
fn without_a_task_dump_the_report_says_how_to_get_one() {
    let output = timed_out("stuck_with_two_tasks");
    assert!(
        output.all().contains(
            "still running\n(to see where the body and each task were waiting, build with \
             `RUSTFLAGS=\"--cfg tokio_unstable\"` and mainspring's `taskdump` feature, on Linux on \
             x86, x86_64, aarch64 or s390x: elsewhere tokio has no task dump)"
        ),
        "{}",
        output.all()
    );
}

/// The dump names the user's function the body was waiting in, and where, then what it
/// awaited; each task the same way.
#[cfg(all(tokio_unstable, target_os = "linux"))]
#[test]
fn the_task_dump_names_where_the_body_and_each_task_were_waiting() {
    for test in ["stuck_with_two_tasks", "stuck_on_multi_thread"] {
        let output = timed_out(test);
        let all = output.all();
        // The first line holding `marker` after the line holding `after`, 1-based.
        let line = |after: &str, marker: &str| {
            let source = include_str!("timeout_report.rs");
            let start = source
                .lines()
                .position(|line| line.contains(after))
                .unwrap();
            source
                .lines()
                .skip(start)
                .position(|line| line.contains(marker))
                .map_or_else(
                    || panic!("no line with {marker:?} after {after:?}"),
                    |index| start + index + 1,
                )
        };
        let body = format!(
            "where each was waiting (a task dump):\nthe body:\n  \
             timeout_report::{test} at tests/timeout_report.rs:{}\n  \
             └ timeout_report::wait_for_reply at tests/timeout_report.rs:{}\n    \
             └ awaiting tokio::sync::oneshot::Receiver<T>",
            line(
                &format!("async fn {test}()"),
                "    wait_for_reply(reply).await;"
            ),
            line("async fn wait_for_reply(", "    reply.await.unwrap_or(0)"),
        );
        assert!(all.contains(&body), "{test}: {body}\nin:\n{all}");
        let task = format!(
            ":\n  timeout_report::park at tests/timeout_report.rs:{}\n  \
             └ awaiting tokio::sync::mpsc::bounded::Receiver<T>::recv",
            line("async fn park(", "    receiver.recv().await;"),
        );
        assert!(all.contains(&task), "{test}: {task}\nin:\n{all}");
        if test == "stuck_on_multi_thread" {
            // A task with no function of the user's: the future it is.
            assert!(
                all.contains(":\n  in tokio::time::sleep::Sleep\n"),
                "{test}:\n{all}"
            );
        }
        // The report ends where the panic's message does (a backtrace may follow).
        let start = all.find("where each was waiting").unwrap();
        let report = all[start..].split("\n\n").next().unwrap();
        let report = report.split("\nstack backtrace:").next().unwrap();
        assert!(
            report.contains("\ntask ") && !report.contains("tokio::runtime::"),
            "{test}: tokio's own frames are left out:\n{report}"
        );
    }
}

/// A task waiting at one of ten places, each a line of its own.
async fn wait_at(place: u32) {
    let long = Duration::from_secs(60);
    match place {
        0 => tokio::time::sleep(long).await,
        1 => tokio::time::sleep(long).await,
        2 => tokio::time::sleep(long).await,
        3 => tokio::time::sleep(long).await,
        4 => tokio::time::sleep(long).await,
        5 => tokio::time::sleep(long).await,
        6 => tokio::time::sleep(long).await,
        7 => tokio::time::sleep(long).await,
        8 => tokio::time::sleep(long).await,
        _ => tokio::time::sleep(long).await,
    }
}

/// Tasks waiting at more places than a report shows; one of them a boxed future of tokio's,
/// polled through the standard library's `Pin<Box<_>>`.
#[mainspring::test(timeout = "200ms")]
#[ignore = "times out on purpose; run by the tests below"]
async fn stuck_at_many_places() {
    for place in 0..10 {
        tokio::spawn(wait_at(place));
    }
    let boxed: Pin<Box<dyn Future<Output = ()> + Send>> =
        Box::pin(tokio::time::sleep(Duration::from_secs(60)));
    tokio::spawn(boxed);
    let (_reply_sender, reply) = oneshot::channel();
    wait_for_reply(reply).await;
}

/// A dump shows the first places (by what they say) and counts the rest; a task with none of
/// the user's frames is named by the outermost future that is not the runtime's or the
/// standard library's.
#[cfg(all(tokio_unstable, target_os = "linux"))]
#[test]
fn a_dump_counts_the_places_it_does_not_show() {
    let output = timed_out("stuck_at_many_places");
    let all = output.all();
    assert!(
        all.contains("`timeout = \"200ms\"`\n11 tasks spawned on its runtime were still running"),
        "{all}"
    );
    assert!(
        all.contains("\n(and tasks waiting at 3 more places)"),
        "{all}"
    );
    assert!(all.contains(":\n  in tokio::time::sleep::Sleep\n"), "{all}");
    assert!(
        !all.contains("in core::") && !all.contains("in std::"),
        "{all}"
    );
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 1,
    timeout = "200ms",
    shutdown_timeout = "0s"
)]
#[ignore = "times out on purpose; run by the tests below"]
async fn stuck_on_a_blocked_worker() {
    // The only worker blocks, so tokio cannot dump the tasks: the report must not wait for it.
    let blocker = tokio::spawn(async {
        std::thread::sleep(Duration::from_secs(30));
    });
    blocker.await.unwrap();
}

/// A runtime too stuck to be dumped still reports the timeout within a second more.
#[test]
fn a_dump_that_cannot_be_taken_is_given_up_within_a_second() {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command.args(["stuck_on_a_blocked_worker", "--exact", "--ignored"]);
    let limit = Duration::from_millis(200) + Duration::from_secs(1) + Duration::from_secs(2);
    let output = match run_within(command, limit) {
        Ran::Exited(output) => output,
        Ran::StillRunning(output) => panic!("no report within {limit:?}:\n{}", output.all()),
    };
    assert_eq!(output.code(), Some(101), "{}", output.all());
    let all = output.all();
    assert!(
        all.contains("`timeout = \"200ms\"`\n1 task spawned on its runtime was still running"),
        "{all}"
    );
    if cfg!(all(tokio_unstable, target_os = "linux")) {
        assert!(
            all.contains(
                "(the tasks were not dumped: worker 0 has run one task without a break for \
                 100ms or more, which blocks it, and a dump waits for every worker)"
            ),
            "{all}"
        );
    }
}

/// Once the report is made and what blocked the worker has ended, the process has the threads
/// it had before the body started.
#[test]
fn a_report_leaves_no_thread_behind() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let output = run(program(env!("CARGO_BIN_EXE_report_threads")));
    assert_eq!(output.code(), Some(0), "{}", output.all());
    assert_eq!(
        output.value("threads_after"),
        output.value("threads_before"),
        "{}",
        output.all()
    );
}

#[mainspring::test(timeout = "200ms")]
#[ignore = "blocks its thread on purpose; run by the tests below"]
async fn blocks_its_thread() {
    std::thread::sleep(Duration::from_secs(30));
    tokio::task::yield_now().await;
}

#[mainspring::test(timeout = "200ms")]
#[ignore = "a task blocks its thread on purpose; run by the tests below"]
async fn its_task_blocks_the_thread() {
    tokio::spawn(async { std::thread::sleep(Duration::from_secs(30)) });
    let (_reply_sender, reply) = oneshot::channel();
    wait_for_reply(reply).await;
}

/// The watchdog's line, on stderr while the test still runs (libtest does not capture it).
fn said_at_once(test: &str) -> String {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command.args([test, "--exact", "--ignored"]);
    match run_within(command, Duration::from_secs(3)) {
        Ran::StillRunning(output) => output.stderr,
        Ran::Exited(output) => panic!("{test} ended:\n{}", output.all()),
    }
}

#[test]
fn a_body_blocking_its_thread_is_reported_at_once_by_name() {
    let stderr = said_at_once("blocks_its_thread");
    assert!(
        stderr.contains(
            "mainspring: `blocks_its_thread` ran past its `timeout = \"200ms\"` and has not \
             yielded for "
        ) && stderr.contains(
            "something in it blocks its thread without `.await` (a blocking call, a lock, a busy \
             loop); it fails when it next yields"
        ),
        "stderr:\n{stderr}"
    );
}

#[test]
fn a_body_whose_thread_a_task_blocks_is_reported_at_once_by_name() {
    let stderr = said_at_once("its_task_blocks_the_thread");
    assert!(
        stderr.contains(
            "mainspring: `its_task_blocks_the_thread` ran past its `timeout = \"200ms\"` and has \
             not been polled since: a task or a blocking call holds the thread it runs on"
        ),
        "stderr:\n{stderr}"
    );
}

/// A body that only waits is woken, and fails with the report: the watchdog says nothing.
#[test]
fn a_body_that_only_waits_gets_no_line_from_the_watchdog() {
    let output = timed_out("stuck_with_two_tasks");
    assert!(
        !output.stderr.contains("mainspring: `"),
        "{}",
        output.stderr
    );
}
