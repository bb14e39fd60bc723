//! The runtime `#[mainspring::main]` gives `main`, observed from outside (programs in
//! `src/bin/`, run as child processes): tasks still running when `main` returns are dropped, the
//! threads tasks run on for each flavor, the worker count of the default flavor (one per core,
//! or `TOKIO_WORKER_THREADS`) and of `worker_threads`, and the runtime `name`.

use std::thread;

use mainspring_tests::child::{Output, program, run};

fn assert_pending_task_is_dropped(output: &Output) {
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    let lines: Vec<&str> = output.stdout.lines().collect();
    assert_eq!(
        lines,
        ["task started", "main returning", "task dropped"],
        "stderr:\n{}",
        output.stderr
    );
    assert!(!output.stdout.contains("task finished"));
}

#[test]
fn spawned_tasks_are_dropped_when_main_returns() {
    let output = run(program(env!("CARGO_BIN_EXE_cancel_on_return")));
    assert_pending_task_is_dropped(&output);
}

#[test]
fn spawned_tasks_are_dropped_when_main_returns_current_thread() {
    let output = run(program(env!(
        "CARGO_BIN_EXE_cancel_on_return_current_thread"
    )));
    assert_pending_task_is_dropped(&output);
}

/// Parses the `<who> <thread id> <thread name>` lines: the `main` line and the task lines.
fn threads(output: &Output) -> (String, Vec<String>) {
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    let mut main = None;
    let mut tasks = Vec::new();
    for line in output.stdout.lines() {
        let (who, thread) = line.split_once(' ').expect("`<who> <thread>` line");
        if who == "main" {
            main = Some(thread.to_owned());
        } else {
            assert!(who.starts_with("task"), "unexpected line {line:?}");
            tasks.push(thread.to_owned());
        }
    }
    let main = main.expect("no `main` line");
    assert_eq!(tasks.len(), 8, "stdout:\n{}", output.stdout);
    (main, tasks)
}

#[test]
fn current_thread_flavor_runs_spawned_tasks_on_the_main_thread() {
    let (main, tasks) = threads(&run(program(env!("CARGO_BIN_EXE_threads_current_thread"))));
    assert!(main.ends_with(" main"), "main runs on {main:?}");
    for task in &tasks {
        assert_eq!(task, &main);
    }
}

#[test]
fn default_flavor_runs_spawned_tasks_on_worker_threads() {
    let (main, tasks) = threads(&run(program(env!("CARGO_BIN_EXE_threads_default"))));
    assert!(main.ends_with(" main"), "main runs on {main:?}");
    for task in &tasks {
        assert_ne!(task, &main);
        assert!(task.ends_with(" tokio-rt-worker"), "task ran on {task:?}");
    }
}

#[test]
fn default_flavor_has_one_worker_per_available_core() {
    let output = run(program(env!("CARGO_BIN_EXE_workers_default")));
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    let expected = thread::available_parallelism().unwrap().get();
    assert_eq!(output.value("flavor"), "MultiThread");
    assert_eq!(output.value("workers"), expected.to_string());
    assert_eq!(output.value("parallelism"), expected.to_string());
    assert_eq!(output.value("name"), "None");
}

#[test]
fn default_flavor_follows_tokio_worker_threads() {
    let mut command = program(env!("CARGO_BIN_EXE_workers_default"));
    command.env("TOKIO_WORKER_THREADS", "5");
    let output = run(command);
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    assert_eq!(output.value("workers"), "5");
}

#[test]
fn worker_threads_and_name_configure_the_runtime() {
    let output = run(program(env!("CARGO_BIN_EXE_workers_three_named")));
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    assert_eq!(output.value("flavor"), "MultiThread");
    assert_eq!(output.value("workers"), "3");
    assert_eq!(output.value("name"), r#"Some("three-worker-runtime")"#);
}

#[test]
fn worker_threads_wins_over_tokio_worker_threads() {
    let mut command = program(env!("CARGO_BIN_EXE_workers_three_named"));
    command.env("TOKIO_WORKER_THREADS", "5");
    let output = run(command);
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    assert_eq!(output.value("workers"), "3");
}
