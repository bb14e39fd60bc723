//! `main` returning an `ExitCode` other than success, with a cleanup that panics: the exit code
//! stays the body's (3), with the cleanup's failure written after.

use std::process::ExitCode;

#[mainspring::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    mainspring::cleanup(async { panic!("the cleanup's panic") });
    ExitCode::from(3)
}
