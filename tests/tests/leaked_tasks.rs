//! `fail_on_leaked_tasks = true`: a test whose body returns while tasks it spawned are still
//! running fails, with how many; under `--cfg tokio_unstable` the message also says where each
//! was spawned (`file:line:column`). Tasks that were awaited, aborted, drained from a `JoinSet`,
//! or in a dropped `JoinSet`, and finished tasks not yet released (tokio issue 7591) are not
//! leaks: 200 such tests on both flavors run 20 times in parallel without one failing.
//!
//! The leaking tests are `#[ignore]`d and run by this binary as a child process, so that their
//! failure is what is checked.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::task::{JoinSet, yield_now};

use mainspring_tests::child::{Output, program, run, this_binary, this_binary_on};

/// A task left running: parked on a channel nobody writes to (the sender lives on in it).
fn spawn_parked() {
    let (sender, receiver) = mpsc::channel::<()>(1);
    tokio::spawn(park(sender, receiver)); // leak: parked
}

async fn park(_sender: mpsc::Sender<()>, mut receiver: mpsc::Receiver<()>) {
    receiver.recv().await;
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `every_leak_fails_with_its_count`"]
async fn leaks_a_task_never_awaited() {
    tokio::spawn(tokio::time::sleep(Duration::from_secs(60))); // leak: never awaited
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `every_leak_fails_with_its_count`"]
async fn leaks_an_endless_loop() {
    tokio::spawn(async {
        loop {
            yield_now().await;
        }
    }); // leak: endless loop
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `every_leak_fails_with_its_count`"]
async fn leaks_a_task_parked_on_a_channel() {
    spawn_parked();
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `every_leak_fails_with_its_count`"]
async fn leaks_three_tasks() {
    for _ in 0..3 {
        spawn_parked();
    }
}

/// The false pass the option exists for: the assertion in the task never runs, and without
/// the option the test is green.
#[mainspring::test(fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `an_assertion_in_a_task_that_never_ran_fails_the_test`"]
async fn leaks_an_assertion_with_the_option() {
    let got = 1 + 1;
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(got, 3);
    });
}

#[mainspring::test]
#[ignore = "passes although its assertion never runs; run by `an_assertion_in_a_task_that_never_ran_fails_the_test`"]
async fn leaks_an_assertion_without_the_option() {
    let got = 1 + 1;
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(got, 3);
    });
}

/// A task that had not run yet when the body returned, and panics when it gets to run as the
/// runtime settles: that panic fails the test.
#[mainspring::test(fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `a_leaked_task_that_panics_as_it_ends_fails_with_its_panic`"]
async fn leaks_a_task_that_panics_late() {
    tokio::spawn(async { panic!("the late assertion failed") });
}

#[test]
fn a_leaked_task_that_panics_as_it_ends_fails_with_its_panic() {
    let output = run_failing("leaks_a_task_that_panics_late", 1);
    assert!(
        output.all().contains(
            "a task still running when the body returned panicked as it ended \
             (`fail_on_leaked_tasks = true`): the late assertion failed"
        ),
        "{}",
        output.all()
    );
}

/// The body's own failure comes first: a test that returned `Err` (often early, with `?`, which
/// is why a task is still running) fails with its `Err`, and the leak is added after it.
#[mainspring::test(fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `the_err_of_the_body_comes_before_the_leak`"]
async fn leaks_and_returns_err() -> Result<(), String> {
    spawn_parked();
    Err("connection refused".to_owned())
}

#[test]
fn the_err_of_the_body_comes_before_the_leak() {
    let output = run_failing("leaks_and_returns_err", 1);
    let all = output.all();
    let err = all.find("Error: \"connection refused\"");
    let leak = all.find("1 task spawned on this runtime was still running");
    assert!(
        matches!((err, leak), (Some(err), Some(leak)) if err < leak),
        "the `Err` first, then the leak:\n{all}"
    );
}

#[test]
fn main_returning_err_with_a_leak_exits_1_with_the_err_first() {
    let output = run(program(env!("CARGO_BIN_EXE_leaky_main_err")));
    assert_eq!(output.code(), Some(1), "{}", output.all());
    let err = output.stderr.find("Error: \"connection refused\"");
    let leak = output
        .stderr
        .find("1 task spawned on this runtime was still running");
    assert!(
        matches!((err, leak), (Some(err), Some(leak)) if err < leak),
        "stderr:\n{}",
        output.stderr
    );
}

/// On a fn that is neither `main` nor a test, the `Err` is returned to the caller.
#[mainspring::main(fail_on_leaked_tasks = true)]
async fn connect() -> Result<(), String> {
    spawn_parked();
    Err("connection refused".to_owned())
}

#[test]
fn a_fn_returns_its_err_with_a_leak() {
    assert_eq!(connect(), Err("connection refused".to_owned()));
}

/// A task left waiting on a timer is a leak however short the timer: the check does not wait
/// for time to pass, on any flavor.
#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `a_task_waiting_on_a_short_timer_is_a_leak_on_every_flavor`"]
async fn leaks_a_short_sleep() {
    tokio::spawn(tokio::time::sleep(Duration::from_millis(50)));
}

#[test]
fn a_task_waiting_on_a_short_timer_is_a_leak_on_every_flavor() {
    let output = run_failing("leaks_a_short_sleep", 2);
    assert_eq!(
        output
            .all()
            .matches("1 task spawned on this runtime was still running")
            .count(),
        2,
        "{}",
        output.all()
    );
}

/// A task that waits for blocking work is a leak, whether the blocking thread computes or
/// sleeps, on every flavor: it waits, and a blocking thread's work is not a task.
async fn spawn_waiting_for_blocking_work(compute: bool) {
    /// Tells the blocking work to end when dropped: when the runtime shuts down and drops the
    /// task that waits for it, not before (however long the leak check takes on a loaded
    /// machine, the task is still waiting then).
    struct EndsTheWork(Arc<AtomicBool>);
    impl Drop for EndsTheWork {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let end = Arc::new(AtomicBool::new(false));
    let ends_the_work = EndsTheWork(end.clone());
    drop(tokio::spawn(async move {
        let _ends_the_work = ends_the_work;
        tokio::task::spawn_blocking(move || {
            while !end.load(Ordering::SeqCst) {
                if !compute {
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        })
        .await
        .unwrap();
    }));
    yield_now().await;
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `a_task_waiting_for_blocking_work_is_a_leak_on_every_flavor`"]
async fn leaks_a_wait_for_computing_blocking_work() {
    spawn_waiting_for_blocking_work(true).await;
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[ignore = "leaks on purpose; run by `a_task_waiting_for_blocking_work_is_a_leak_on_every_flavor`"]
async fn leaks_a_wait_for_sleeping_blocking_work() {
    spawn_waiting_for_blocking_work(false).await;
}

#[test]
fn a_task_waiting_for_blocking_work_is_a_leak_on_every_flavor() {
    for test in [
        "leaks_a_wait_for_computing_blocking_work",
        "leaks_a_wait_for_sleeping_blocking_work",
    ] {
        let output = run_failing(test, 2);
        assert_eq!(
            output
                .all()
                .matches("1 task spawned on this runtime was still running")
                .count(),
            2,
            "{}",
            output.all()
        );
    }
}

/// A panic of `spawn_blocking` work while the runtime settles is not a task's: the task that
/// makes it happen ends cleanly, and nothing is left running.
#[mainspring::test(fail_on_leaked_tasks = true)]
async fn a_blocking_panic_as_the_runtime_settles_is_not_a_leak() {
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let (unwound, panicked) = std::sync::mpsc::channel::<()>();
    drop(tokio::task::spawn_blocking(move || {
        let _signal_when_unwound = unwound;
        wait.recv().unwrap();
        panic!("blocking work panicked");
    }));
    // Ready when the body returns, so it runs as the runtime settles: it lets the blocking work
    // panic, and waits until that panic has been through the panic hook.
    drop(tokio::spawn(async move {
        go.send(()).unwrap();
        let _ = panicked.recv();
    }));
}

/// The line of this file that holds `marker`, 1-based.
fn line_of(marker: &str) -> usize {
    include_str!("leaked_tasks.rs")
        .lines()
        .position(|line| line.contains(marker) && !line.contains("line_of"))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("no line with {marker:?}"))
}

/// Runs the ignored tests matching `filter`, checks that each of them failed and returns the
/// output.
fn run_failing(filter: &str, tests: usize) -> Output {
    let output = this_binary(&[filter, "--ignored"]);
    assert!(
        output.stdout.contains(&format!("running {tests} test")),
        "{}",
        output.all()
    );
    assert_eq!(output.code(), Some(101), "{}", output.all());
    assert!(
        output.stdout.contains(&format!("0 passed; {tests} failed")),
        "{}",
        output.all()
    );
    output
}

#[test]
fn every_leak_fails_with_its_count() {
    for (test, count) in [
        (
            "leaks_a_task_never_awaited",
            "1 task spawned on this runtime was",
        ),
        (
            "leaks_an_endless_loop",
            "1 task spawned on this runtime was",
        ),
        (
            "leaks_a_task_parked_on_a_channel",
            "1 task spawned on this runtime was",
        ),
        ("leaks_three_tasks", "3 tasks spawned on this runtime were"),
    ] {
        let output = run_failing(test, 2);
        for flavor in ["current_thread", "multi_thread"] {
            assert!(
                output
                    .stdout
                    .contains(&format!("test {test}::{flavor} ... FAILED")),
                "{}",
                output.all()
            );
        }
        let message =
            format!("{count} still running when the body returned (`fail_on_leaked_tasks = true`)");
        assert_eq!(
            output.all().matches(&message).count(),
            2,
            "{test}: {message:?} in\n{}",
            output.all()
        );
    }
}

/// Where each leaked task was spawned: known under `--cfg tokio_unstable` only.
#[test]
fn a_leak_names_where_the_task_was_spawned_or_how_to_see_it() {
    let never_awaited = run_failing("leaks_a_task_never_awaited", 2);
    let three = run_failing("leaks_three_tasks", 2);
    if cfg!(tokio_unstable) {
        let sleep = format!(
            "spawned at tests/tests/leaked_tasks.rs:{}:5",
            line_of("// leak: never awaited")
        );
        assert_eq!(
            never_awaited.all().matches(&sleep).count(),
            2,
            "{sleep:?} in\n{}",
            never_awaited.all()
        );
        let parked = format!(
            "spawned at tests/tests/leaked_tasks.rs:{}:5 (3 tasks)",
            line_of("// leak: parked")
        );
        assert_eq!(
            three.all().matches(&parked).count(),
            2,
            "{parked:?} in\n{}",
            three.all()
        );
    } else {
        let hint =
            "(build with `RUSTFLAGS=\"--cfg tokio_unstable\"` to see where each was spawned)";
        assert_eq!(never_awaited.all().matches(hint).count(), 2);
        assert_eq!(three.all().matches(hint).count(), 2);
    }
}

#[test]
fn an_assertion_in_a_task_that_never_ran_fails_the_test() {
    let output = run_failing("leaks_an_assertion_with_", 1);
    assert!(
        output
            .all()
            .contains("1 task spawned on this runtime was still running"),
        "{}",
        output.all()
    );
    // The assertion itself never ran: the leak is what fails the test.
    assert!(!output.all().contains("left: 2"), "{}", output.all());
    let without = this_binary(&["leaks_an_assertion_without_the_option", "--ignored"]);
    assert!(without.status.success(), "{}", without.all());
    assert!(without.stdout.contains("1 passed"), "{}", without.all());
}

/// On `main`, a task left running is an error too: exit status 101 with the message.
#[test]
fn main_exits_101_when_it_leaves_a_task_running() {
    let output = run(program(env!("CARGO_BIN_EXE_leaky_main")));
    assert_eq!(output.code(), Some(101), "{}", output.all());
    assert_eq!(output.stdout, "returning\n");
    assert!(
        output.stderr.contains("thread 'main'")
            && output
                .stderr
                .contains("1 task spawned on this runtime was still running"),
        "stderr:\n{}",
        output.stderr
    );
}

#[mainspring::test(
    flavor = "multi_thread",
    fail_on_leaked_tasks = true,
    timeout = "30s",
    fail_on_task_panic = true,
    stack_size = "4MiB",
    shutdown_timeout = "1s"
)]
#[should_panic(expected = "1 task spawned on this runtime was still running")]
async fn a_leak_fails_with_every_other_run_option() {
    spawn_parked();
}

#[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
#[should_panic(expected = "1 task spawned on this runtime was still running")]
async fn a_leak_fails_each_case_of_a_flavor_list() {
    spawn_parked();
}

/// `spawn_blocking` work is not counted: tokio's count of alive tasks leaves it out.
#[mainspring::test(fail_on_leaked_tasks = true)]
async fn blocking_work_left_running_is_not_a_leak() {
    let (started, running) = oneshot::channel();
    drop(tokio::task::spawn_blocking(move || {
        let _ = started.send(());
        std::thread::sleep(Duration::from_millis(200));
    }));
    running.await.unwrap();
}

/// A body that leaves nothing behind in one of the ways that must not count, chosen by `case`.
async fn leave_nothing(case: usize) {
    match case % 6 {
        // Awaited to the end.
        0 => tokio::spawn(async { yield_now().await }).await.unwrap(),
        // Aborted, and the handle awaited.
        1 => {
            let task = tokio::spawn(std::future::pending::<()>());
            task.abort();
            assert!(task.await.unwrap_err().is_cancelled());
        }
        // A drained `JoinSet`.
        2 => {
            let mut set = JoinSet::new();
            for n in 0..4 {
                set.spawn(async move { n * 2 });
            }
            while set.join_next().await.is_some() {}
        }
        // A `JoinSet` dropped with its tasks still running: dropping it aborts them.
        3 => {
            let mut set = JoinSet::new();
            for _ in 0..4 {
                set.spawn(std::future::pending::<()>());
            }
            yield_now().await;
            drop(set);
        }
        // Finished, but maybe not yet released when the body returns: the body only waits
        // for what the task sent, never for the task.
        4 => {
            let (send, receive) = oneshot::channel();
            drop(tokio::spawn(async move { send.send(7).unwrap() }));
            assert_eq!(receive.await.unwrap(), 7);
        }
        // Aborted, and the handle dropped unawaited.
        _ => tokio::spawn(std::future::pending::<()>()).abort(),
    }
}

/// 100 tests on both flavors, each leaving nothing behind in the way its number picks.
macro_rules! settles {
    ($($case:literal => $name:ident,)*) => {
        mod settles {
            $(
                #[mainspring::test(
                    flavor = ["current_thread", "multi_thread"],
                    fail_on_leaked_tasks = true
                )]
                async fn $name() {
                    super::leave_nothing($case).await;
                }
            )*
        }
    };
}

settles! {
    0 => t00, 1 => t01, 2 => t02, 3 => t03, 4 => t04, 5 => t05, 6 => t06, 7 => t07, 8 => t08,
    9 => t09, 10 => t10, 11 => t11, 12 => t12, 13 => t13, 14 => t14, 15 => t15, 16 => t16,
    17 => t17, 18 => t18, 19 => t19, 20 => t20, 21 => t21, 22 => t22, 23 => t23, 24 => t24,
    25 => t25, 26 => t26, 27 => t27, 28 => t28, 29 => t29, 30 => t30, 31 => t31, 32 => t32,
    33 => t33, 34 => t34, 35 => t35, 36 => t36, 37 => t37, 38 => t38, 39 => t39, 40 => t40,
    41 => t41, 42 => t42, 43 => t43, 44 => t44, 45 => t45, 46 => t46, 47 => t47, 48 => t48,
    49 => t49, 50 => t50, 51 => t51, 52 => t52, 53 => t53, 54 => t54, 55 => t55, 56 => t56,
    57 => t57, 58 => t58, 59 => t59, 60 => t60, 61 => t61, 62 => t62, 63 => t63, 64 => t64,
    65 => t65, 66 => t66, 67 => t67, 68 => t68, 69 => t69, 70 => t70, 71 => t71, 72 => t72,
    73 => t73, 74 => t74, 75 => t75, 76 => t76, 77 => t77, 78 => t78, 79 => t79, 80 => t80,
    81 => t81, 82 => t82, 83 => t83, 84 => t84, 85 => t85, 86 => t86, 87 => t87, 88 => t88,
    89 => t89, 90 => t90, 91 => t91, 92 => t92, 93 => t93, 94 => t94, 95 => t95, 96 => t96,
    97 => t97, 98 => t98, 99 => t99,
}

#[test]
fn two_hundred_tests_that_leave_nothing_pass_twenty_times_in_parallel() {
    for run in 0..20 {
        let output = this_binary_on(4, &["settles::"]);
        assert!(output.status.success(), "run {run}:\n{}", output.all());
        assert!(
            output.stdout.contains("200 passed; 0 failed"),
            "run {run}:\n{}",
            output.stdout
        );
    }
}

/// `builder = f` under `--cfg tokio_unstable`: the task hooks of the user's `Builder` cannot be
/// read back to be wrapped, so the leak check sets none and counts without places; the user's
/// hooks are still called.
#[cfg(tokio_unstable)]
mod with_a_builder {
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Tasks spawned on the runtimes of `counting`, which only `spawns_two` uses.
    static SPAWNED: AtomicUsize = AtomicUsize::new(0);

    fn counting() -> tokio::runtime::Builder {
        let mut builder = tokio::runtime::Builder::new_current_thread();
        builder.enable_all().on_task_spawn(|_| {
            SPAWNED.fetch_add(1, Ordering::SeqCst);
        });
        builder
    }

    fn plain() -> tokio::runtime::Builder {
        let mut builder = tokio::runtime::Builder::new_current_thread();
        builder.enable_all();
        builder
    }

    #[mainspring::main(builder = counting, fail_on_leaked_tasks = true)]
    async fn spawns_two() {
        tokio::spawn(async {}).await.unwrap();
        tokio::spawn(async {}).await.unwrap();
    }

    #[test]
    fn the_builders_own_task_hooks_are_kept() {
        spawns_two();
        assert_eq!(SPAWNED.load(Ordering::SeqCst), 2);
    }

    #[mainspring::test(builder = plain, fail_on_leaked_tasks = true)]
    #[should_panic(
        expected = "1 task spawned on this runtime was still running when the body \
                               returned (`fail_on_leaked_tasks = true`)"
    )]
    async fn a_leak_is_still_found() {
        super::spawn_parked();
    }

    #[test]
    fn the_leak_says_why_it_has_no_places() {
        let output = super::run_failing("with_a_builder::leaks_with_a_builder", 1);
        assert!(
            output.all().contains(
                "(where each was spawned is not shown with `builder = ..`: the task hooks of \
                 your builder are kept, and mainspring sets none)"
            ),
            "{}",
            output.all()
        );
    }

    #[mainspring::test(builder = plain, fail_on_leaked_tasks = true)]
    #[ignore = "leaks on purpose; run by `the_leak_says_why_it_has_no_places`"]
    async fn leaks_with_a_builder() {
        super::spawn_parked();
    }
}

/// Bodies that leave nothing behind, though tasks are still alive when they return: many
/// tasks ready to run, more than a pass of the scheduler takes; a big `JoinSet` dropped.
mod many_at_once {
    #[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
    async fn a_thousand_tasks_ready_to_end() {
        for _ in 0..1000 {
            drop(tokio::spawn(async {}));
        }
    }

    #[mainspring::test(
        flavor = ["current_thread", "multi_thread"],
        event_interval = 1,
        fail_on_leaked_tasks = true
    )]
    async fn tasks_ready_to_end_one_per_pass() {
        for _ in 0..20 {
            drop(tokio::spawn(async {}));
        }
    }

    #[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
    async fn a_dropped_join_set_of_a_thousand() {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..1000 {
            set.spawn(std::future::pending::<()>());
        }
        tokio::task::yield_now().await;
        drop(set);
    }
}

/// A task made ready just before the body returns, by a timer that has fired or by bytes that
/// have arrived on its socket: the runtime runs it as it settles, on every flavor. On
/// `multi_thread` the worker that must run it may not have been given a core yet on a loaded
/// machine: its thread is then waiting for one, which the check sees.
mod ready_at_return {
    use std::io::Write;
    use std::time::Duration;
    use tokio::io::AsyncReadExt;

    pub(super) async fn timer_fired() {
        let timer = tokio::time::sleep(Duration::from_millis(1));
        drop(tokio::spawn(timer));
        std::thread::sleep(Duration::from_millis(5));
    }

    pub(super) async fn bytes_arrived() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut peer = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (ours, _) = listener.accept().unwrap();
        ours.set_nonblocking(true).unwrap();
        let mut ours = tokio::net::TcpStream::from_std(ours).unwrap();
        let (reading, waiting) = tokio::sync::oneshot::channel();
        drop(tokio::spawn(async move {
            let mut byte = [0u8; 1];
            let read = ours.read(&mut byte);
            tokio::pin!(read);
            // Registered with the driver before the byte is written.
            let polled = std::future::poll_fn(|cx| std::task::Poll::Ready(read.as_mut().poll(cx)));
            assert!(polled.await.is_pending());
            reading.send(()).unwrap();
            read.await.unwrap();
        }));
        waiting.await.unwrap();
        peer.write_all(b"x").unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }

    macro_rules! cases {
        ($($name:ident => $body:ident,)*) => {$(
            #[mainspring::test(flavor = ["current_thread", "multi_thread"], fail_on_leaked_tasks = true)]
            #[ignore = "run under load by `a_task_ready_at_return_is_no_leak_on_a_loaded_machine`"]
            async fn $name() {
                $body().await;
            }
        )*};
    }

    cases! {
        timer_0 => timer_fired, timer_1 => timer_fired, timer_2 => timer_fired,
        timer_3 => timer_fired, timer_4 => timer_fired, timer_5 => timer_fired,
        timer_6 => timer_fired, timer_7 => timer_fired, timer_8 => timer_fired,
        timer_9 => timer_fired, bytes_0 => bytes_arrived, bytes_1 => bytes_arrived,
        bytes_2 => bytes_arrived, bytes_3 => bytes_arrived, bytes_4 => bytes_arrived,
        bytes_5 => bytes_arrived, bytes_6 => bytes_arrived, bytes_7 => bytes_arrived,
        bytes_8 => bytes_arrived, bytes_9 => bytes_arrived,
    }
}

/// Forty tests whose tasks are ready at the body's return, eight at a time, ten times, while
/// three threads of this process keep both cores busy: no false alarm.
#[test]
fn a_task_ready_at_return_is_no_leak_on_a_loaded_machine() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    std::hint::spin_loop();
                }
            });
        }
        let mut failures = Vec::new();
        for run in 0..10 {
            let output = this_binary_on(8, &["ready_at_return::", "--ignored"]);
            if !output.stdout.contains("40 passed; 0 failed") {
                failures.push(format!("run {run}:\n{}", output.all()));
            }
        }
        stop.store(true, Ordering::Relaxed);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}
