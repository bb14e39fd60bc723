//! How an `async fn main` under `#[mainspring::main]` ends, as a user sees it from outside: exit
//! status 0 for `Ok`, 1 with the `Error: ...` report for `Err`, 101 with the message for a
//! panic (programs in `src/bin/`, run as child processes).

use mainspring_tests::child::{program, run};

#[test]
fn main_returning_ok_exits_0() {
    let output = run(program(env!("CARGO_BIN_EXE_main_result")));
    assert_eq!(output.code(), Some(0), "stderr:\n{}", output.stderr);
    assert_eq!(output.stdout, "step returned 7\n");
    assert!(
        !output.stderr.contains("Error"),
        "stderr:\n{}",
        output.stderr
    );
}

#[test]
fn main_returning_err_exits_1_and_reports_the_debug_of_the_error() {
    let mut command = program(env!("CARGO_BIN_EXE_main_result"));
    command.arg("fail");
    let output = run(command);
    assert_eq!(output.code(), Some(1), "stderr:\n{}", output.stderr);
    assert!(
        output
            .stderr
            .contains(r#"Error: ChildFailure { stage: "load", code: 7 }"#),
        "stderr:\n{}",
        output.stderr
    );
    // The Debug form is reported, not the Display form.
    assert!(
        !output.stderr.contains("stage load failed"),
        "stderr:\n{}",
        output.stderr
    );
    assert_eq!(output.stdout, "");
}

#[test]
fn main_that_panics_exits_101_with_the_message() {
    let output = run(program(env!("CARGO_BIN_EXE_main_panics")));
    assert_eq!(output.code(), Some(101), "stderr:\n{}", output.stderr);
    assert!(
        output
            .stderr
            .contains("main gave up on purpose with value 42"),
        "stderr:\n{}",
        output.stderr
    );
}
