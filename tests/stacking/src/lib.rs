//! `#[mainspring::test]` stacked with other test macros: each file in `tests/` takes one crate,
//! in the orders its docs show and users write, next to the same forms under `#[tokio::test]`
//! where they compile. Each file also checks the exact list of tests its binary has (what
//! `cargo test -- --list` prints): no case lost, none listed twice.

use std::process::Command;

/// The tests the running test binary lists with `--list`, sorted.
pub fn listed_tests() -> Vec<String> {
    let exe = std::env::current_exe().expect("path of the test binary");
    let output = Command::new(exe)
        .args(["--list", "--format", "terse"])
        .output()
        .expect("the test binary runs");
    assert!(output.status.success(), "{output:?}");
    let mut names: Vec<String> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect();
    names.sort();
    names
}

/// `expected` against what the binary lists, both sorted, with both in the message.
pub fn assert_lists(expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|&name| name.to_owned()).collect();
    expected.sort();
    assert_eq!(listed_tests(), expected);
}
