//! `stack_size = ..`: a future holding 12 MiB across an `.await` crashes the program
//! `src/bin/big_future.rs` without the option and runs with it; exit codes, panics
//! (payloads included) and return values come back unchanged, on `main` and on tests.

use std::process::Command;

use tokio::runtime::Handle;

use mainspring_tests::child::run;
use mainspring_tests::probe::thread_name;

/// Bytes a future holds across an `.await` in the big-future tests: more than the 8 MiB main
/// thread and the 2 MiB test threads have.
const BIG: usize = 12 * 1024 * 1024;

#[test]
fn big_future_overflows_the_main_thread_without_stack_size() {
    let output = run(Command::new(env!("CARGO_BIN_EXE_big_future")));
    assert!(
        !output.status.success(),
        "the 12 MiB future fit on the main thread; stdout:\n{}",
        output.stdout
    );
    // Killed by a signal (SIGSEGV, or SIGABRT after Rust's overflow message), not an exit code.
    assert_eq!(output.status.code(), None, "{:?}", output.status);
    assert!(
        output.stderr.contains("overflow"),
        "stderr:\n{}",
        output.stderr
    );
    assert!(
        !output.stdout.contains("held"),
        "stdout:\n{}",
        output.stdout
    );
}

#[test]
fn big_future_runs_with_stack_size() {
    let output = run(Command::new(env!("CARGO_BIN_EXE_big_future_stack_size")));
    assert_eq!(output.status.code(), Some(0), "{}", output.all());
    assert_eq!(
        output.stdout,
        format!("held {BIG} bytes summing to {} on thread main\n", 7 * BIG)
    );
    assert_eq!(output.stderr, "");
}

#[test]
fn stack_size_main_returning_ok_exits_0_on_a_thread_named_main() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stack_size_exit"));
    command.arg("ok");
    let output = run(command);
    assert_eq!(output.status.code(), Some(0), "{}", output.all());
    assert_eq!(output.value("thread"), "main");
    // The body ran on another thread than the process's first one (where readable).
    assert_ne!(output.value("os_main_thread"), "true");
    assert_eq!(output.stderr, "");
}

#[test]
fn stack_size_main_returning_err_exits_1_with_the_error() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stack_size_exit"));
    command.arg("fail");
    let output = run(command);
    assert_eq!(output.status.code(), Some(1), "{}", output.all());
    assert_eq!(
        output.stderr,
        "Error: Refused { reason: \"asked to fail\" }\n"
    );
    assert_eq!(output.stdout, "");
}

#[test]
fn stack_size_main_that_panics_exits_101_naming_thread_main() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stack_size_exit"));
    command.arg("panic").env_remove("RUST_BACKTRACE");
    let output = run(command);
    assert_eq!(output.status.code(), Some(101), "{}", output.all());
    let panicked: Vec<&str> = output
        .stderr
        .lines()
        .filter(|line| line.contains("panicked at"))
        .collect();
    // Reported once, by the big-stack thread, which carries the name `main`.
    assert_eq!(panicked.len(), 1, "stderr:\n{}", output.stderr);
    assert!(
        panicked[0].starts_with("thread 'main'"),
        "stderr:\n{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("the big-stack body panicked on purpose"),
        "stderr:\n{}",
        output.stderr
    );
    assert_eq!(output.stdout, "");
}

#[mainspring::test(stack_size = "64MiB")]
async fn stack_size_test_holds_a_big_future_and_returns_ok() -> Result<(), String> {
    let big = [3u8; BIG];
    tokio::task::yield_now().await;
    std::hint::black_box(&big);
    // The big-stack thread takes the test thread's name, which libtest set to the test's.
    assert_eq!(
        thread_name(),
        "stack_size_test_holds_a_big_future_and_returns_ok"
    );
    let sum: usize = big.iter().map(|&byte| usize::from(byte)).sum();
    if sum == 3 * BIG {
        Ok(())
    } else {
        Err(format!("sum {sum}"))
    }
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, stack_size = 32 * 1024 * 1024)]
async fn stack_size_from_an_expression_on_multi_thread() {
    let big = [1u8; BIG];
    let worker = tokio::spawn(async { thread_name() }).await.unwrap();
    std::hint::black_box(&big);
    assert_eq!(worker, "tokio-rt-worker");
    assert_eq!(Handle::current().metrics().num_workers(), 2);
}

#[mainspring::test(stack_size = "16MiB")]
#[should_panic(expected = "panic from a big-stack test")]
async fn stack_size_test_panic_reaches_should_panic() {
    tokio::task::yield_now().await;
    panic!("panic from a big-stack test");
}

/// Returned through the big-stack thread: not `Copy`, so it is really moved back.
#[derive(Debug, PartialEq)]
struct Report {
    lines: Vec<String>,
    total: u64,
}

#[mainspring::main(flavor = "current_thread", stack_size = "64MiB")]
async fn big_stack_report(count: u64) -> Report {
    let big = [0u8; BIG];
    tokio::task::yield_now().await;
    std::hint::black_box(&big);
    Report {
        lines: (0..count).map(|n| format!("line {n}")).collect(),
        total: (0..count).sum(),
    }
}

#[test]
fn stack_size_carries_the_return_value_back() {
    let report = big_stack_report(4);
    assert_eq!(
        report,
        Report {
            lines: vec![
                "line 0".to_owned(),
                "line 1".to_owned(),
                "line 2".to_owned(),
                "line 3".to_owned()
            ],
            total: 6,
        }
    );
}

/// A panic payload that is not a string, to show it arrives as it was thrown.
#[derive(Debug, PartialEq)]
struct Payload(u32);

#[mainspring::main(flavor = "current_thread", stack_size = 8 * 1024 * 1024)]
async fn big_stack_panics_with(code: u32) {
    tokio::task::yield_now().await;
    std::panic::panic_any(Payload(code));
}

#[test]
fn stack_size_carries_the_panic_payload_back_unchanged() {
    let caught = std::panic::catch_unwind(|| big_stack_panics_with(42))
        .expect_err("the body panicked, so the call must panic");
    assert_eq!(caught.downcast_ref::<Payload>(), Some(&Payload(42)));
}
