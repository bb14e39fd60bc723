//! `mainspring::cleanup` at its edges, each a case a review found broken: a cleanup that blocks
//! its thread past its limit is said and fails the fn; a timed-out cleanup whose drop panics,
//! or registers another, adds to the body's failure rather than replacing it (or hanging); a
//! cleanup registered as the body ends is run, never dropped unrun; a body's locals may register
//! as they drop, also on a shared runtime after a timeout; a nested runtime's tasks are not the
//! body's; a large cleanup future is boxed at once; `main` returning an `ExitCode` keeps it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mainspring_tests::child::{Output, program, run, this_binary};

/// The ignored case `name`, alone in a child: it must fail.
fn failing(name: &str) -> Output {
    let output = this_binary(&[name, "--exact", "--ignored"]);
    assert!(
        output
            .stdout
            .contains("test result: FAILED. 0 passed; 1 failed"),
        "{name} did not fail:\n{}",
        output.all()
    );
    output
}

#[mainspring::test(flavor = "current_thread", cleanup_timeout = "200ms")]
#[ignore = "blocks on purpose; run by `a_cleanup_that_blocks_its_thread_fails_and_is_said`"]
async fn blocking_cleanup_current_thread() {
    mainspring::cleanup(async { std::thread::sleep(Duration::from_millis(1500)) });
}

#[mainspring::test(flavor = "multi_thread", cleanup_timeout = "200ms")]
#[ignore = "blocks on purpose; run by `a_cleanup_that_blocks_its_thread_fails_and_is_said`"]
async fn blocking_cleanup_multi_thread() {
    mainspring::cleanup(async { std::thread::sleep(Duration::from_millis(1500)) });
}

#[mainspring::test(flavor = "current_thread", cleanup_timeout = "200ms")]
#[ignore = "blocks on purpose; run by `a_cleanup_that_blocks_its_thread_fails_and_is_said`"]
async fn cleanup_awaiting_a_blocking_task() {
    mainspring::cleanup(async {
        tokio::spawn(async { std::thread::sleep(Duration::from_millis(1500)) })
            .await
            .unwrap();
    });
}

#[test]
fn a_cleanup_that_blocks_its_thread_fails_and_is_said() {
    for name in [
        "blocking_cleanup_current_thread",
        "blocking_cleanup_multi_thread",
        "cleanup_awaiting_a_blocking_task",
    ] {
        let output = failing(name);
        let all = output.all();
        // On stderr while it blocks, then the failure.
        assert!(
            all.contains(
                "has run past its limit of 200ms (`cleanup_timeout`), and its thread is blocked"
            ),
            "{name}:\n{all}"
        );
        assert!(
            all.contains("past its limit of 200ms (`cleanup_timeout`): its thread was blocked"),
            "{name}:\n{all}"
        );
    }
}

/// Panics when dropped, unless the thread is unwinding already.
struct PanicsWhenDropped;

impl Drop for PanicsWhenDropped {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("the hanging cleanup's drop panicked");
        }
    }
}

/// Registers a cleanup when dropped.
struct RegistersWhenDropped;

impl Drop for RegistersWhenDropped {
    fn drop(&mut self) {
        let _ = mainspring::try_cleanup(async {});
    }
}

#[mainspring::test(flavor = "current_thread", cleanup_timeout = "200ms")]
#[should_panic(expected = "the body's own panic")]
async fn a_timed_out_cleanup_whose_drop_panics_keeps_the_bodys_panic() {
    let guard = PanicsWhenDropped;
    mainspring::cleanup(async move {
        let _guard = guard;
        std::future::pending::<()>().await;
    });
    panic!("the body's own panic");
}

#[mainspring::test(flavor = "multi_thread", cleanup_timeout = "200ms")]
#[ignore = "fails on purpose; run by `a_timed_out_cleanup_whose_drop_panics_keeps_the_bodys_err`"]
async fn err_then_a_hanging_cleanup_whose_drop_panics() -> Result<(), String> {
    let guard = PanicsWhenDropped;
    mainspring::cleanup(async move {
        let _guard = guard;
        std::future::pending::<()>().await;
    });
    Err("the body's own error".to_owned())
}

#[test]
fn a_timed_out_cleanup_whose_drop_panics_keeps_the_bodys_err() {
    let output = failing("err_then_a_hanging_cleanup_whose_drop_panics");
    let all = output.all();
    assert!(all.contains("Error: \"the body's own error\""), "{all}");
    assert!(
        all.contains("did not end within 200ms (`cleanup_timeout`), and was dropped; it panicked as it was dropped: the hanging cleanup's drop panicked"),
        "{all}"
    );
}

#[mainspring::test(flavor = "current_thread", cleanup_timeout = "200ms")]
#[ignore = "fails on purpose; run by `a_cleanup_dropped_unrun_may_register_from_its_drop`"]
async fn unrun_cleanup_that_registers_when_dropped() {
    // Runs second: dropped unrun when the first, hanging, panicked as it was dropped.
    let registers = RegistersWhenDropped;
    mainspring::cleanup(async move {
        let _registers = registers;
        println!("the earlier cleanup ran");
    });
    let guard = PanicsWhenDropped;
    mainspring::cleanup(async move {
        let _guard = guard;
        std::future::pending::<()>().await;
    });
}

#[test]
fn a_cleanup_dropped_unrun_may_register_from_its_drop() {
    // It used to hang: the hanging cleanup's drop panicked out of the run, and the earlier one
    // was dropped unrun with the registry's lock held, and registered from its drop.
    let output = failing("unrun_cleanup_that_registers_when_dropped");
    let all = output.all();
    assert!(all.contains("the earlier cleanup ran"), "{all}");
    assert!(all.contains("it panicked as it was dropped"), "{all}");
}

/// Cleanups registered and run, counted by the tasks that race the body's end.
static REGISTERED: AtomicUsize = AtomicUsize::new(0);
static RAN: AtomicUsize = AtomicUsize::new(0);

#[mainspring::main(flavor = "multi_thread", worker_threads = 2)]
async fn races_its_end() {
    // A task on a worker registers a cleanup the moment the last one ran, as the body's end
    // runs them, until one is refused: each accepted one must run.
    let last_ran = Arc::new(AtomicBool::new(true));
    tokio::spawn(async move {
        let started = Instant::now();
        loop {
            while !last_ran.load(Ordering::SeqCst) {
                std::hint::spin_loop();
                if started.elapsed() > Duration::from_secs(2) {
                    return;
                }
            }
            last_ran.store(false, Ordering::SeqCst);
            let ran = last_ran.clone();
            let accepted = mainspring::try_cleanup(async move {
                RAN.fetch_add(1, Ordering::SeqCst);
                ran.store(true, Ordering::SeqCst);
            });
            if accepted.is_err() {
                return;
            }
            REGISTERED.fetch_add(1, Ordering::SeqCst);
        }
    });
    tokio::time::sleep(Duration::from_millis(2)).await;
}

#[test]
fn a_cleanup_registered_as_the_body_ends_runs() {
    // A registration between the last cleanup and the body's end was accepted and dropped in
    // about one run in eight.
    for _ in 0..100 {
        races_its_end();
        assert_eq!(
            REGISTERED.load(Ordering::SeqCst),
            RAN.load(Ordering::SeqCst),
            "every accepted cleanup ran"
        );
    }
}

static GUARD_RAN: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// A local whose drop registers the async part of its teardown.
struct Teardown(&'static str);

impl Drop for Teardown {
    fn drop(&mut self) {
        let name = self.0;
        mainspring::cleanup(async move { GUARD_RAN.lock().unwrap().push(name) });
    }
}

#[mainspring::test(shared, timeout = "100ms")]
#[ignore = "times out on purpose; run by `a_local_registers_as_it_drops_after_a_timeout`"]
async fn shared_times_out_holding_a_teardown() {
    let _teardown = Teardown("shared");
    std::future::pending::<()>().await;
}

#[mainspring::test(flavor = "multi_thread", timeout = "100ms")]
#[ignore = "times out on purpose; run by `a_local_registers_as_it_drops_after_a_timeout`"]
async fn own_runtime_times_out_holding_a_teardown() {
    let _teardown = Teardown("own");
    std::future::pending::<()>().await;
}

#[test]
fn a_local_registers_as_it_drops_after_a_timeout() {
    for name in [
        "shared_times_out_holding_a_teardown",
        "own_runtime_times_out_holding_a_teardown",
    ] {
        let output = failing(name);
        let all = output.all();
        assert!(all.contains("timed out"), "{name}:\n{all}");
        assert!(
            !all.contains("mainspring::cleanup was called"),
            "{name}:\n{all}"
        );
    }
}

#[mainspring::test]
async fn a_local_registers_as_it_drops_and_the_cleanup_runs() {
    let _teardown = Teardown("returned");
    tokio::task::yield_now().await;
}

#[test]
fn teardowns_of_returned_bodies_ran() {
    // The test above, and this check, in one child: the order of tests is not fixed.
    let output = this_binary(&[
        "a_local_registers_as_it_drops_and_the_cleanup_runs",
        "--exact",
    ]);
    assert!(output.stdout.contains("1 passed"), "{}", output.all());
}

/// Which runtime ran the cleanup registered by a task of the inner annotated fn.
static RAN_ON: Mutex<Option<(String, String)>> = Mutex::new(None);

#[mainspring::main(flavor = "current_thread")]
async fn inner() {
    let inner = tokio::runtime::Handle::current().id().to_string();
    tokio::spawn(async move {
        mainspring::cleanup(async move {
            let ran = tokio::runtime::Handle::current().id().to_string();
            *RAN_ON.lock().unwrap() = Some((inner, ran));
        });
    })
    .await
    .unwrap();
}

#[mainspring::main(flavor = "multi_thread", worker_threads = 2)]
async fn outer() {
    tokio::task::block_in_place(inner);
    assert!(
        RAN_ON.lock().unwrap().is_some(),
        "ran at the inner fn's end"
    );
}

#[test]
fn a_nested_fns_task_registers_with_that_fn() {
    outer();
    let (registered, ran) = RAN_ON.lock().unwrap().clone().expect("the cleanup ran");
    assert_eq!(registered, ran);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nested_hand_written_runtimes_task_is_not_the_bodys() {
    // Driven inside the body's poll, on its thread: its task's cleanup would outlive it.
    let refused = tokio::task::block_in_place(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            tokio::spawn(async { mainspring::try_cleanup(async {}).is_err() })
                .await
                .unwrap()
        })
    });
    assert!(refused);
}

/// A future `tokio::spawn` takes on a test thread's 2 MiB stack in a debug build: moved through
/// `cleanup`'s frames unboxed, it overflowed that stack.
const LARGE: usize = 600 * 1024;

#[mainspring::test]
async fn a_large_cleanup_future_fits_a_test_threads_stack() {
    let large = [7u8; LARGE];
    mainspring::cleanup(async move {
        tokio::task::yield_now().await;
        assert_eq!(
            large.iter().map(|&byte| usize::from(byte)).sum::<usize>(),
            7 * LARGE
        );
    });
}

#[test]
fn main_returning_an_exit_code_keeps_it_when_a_cleanup_fails() {
    let output = run(program(env!("CARGO_BIN_EXE_cleanup_exit_code")));
    assert_eq!(output.code(), Some(3), "{}", output.all());
    assert!(
        output
            .stderr
            .contains("mainspring: the cleanup registered at")
            && output.stderr.contains("the cleanup's panic"),
        "{}",
        output.all()
    );
}
