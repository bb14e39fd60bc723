//! `mainspring::cleanup` on `main`: the exit status is the body's, and a cleanup that fails
//! makes a success a failure (101) and leaves an `Err` as it is (1). Usage:
//! `cleanup_main <ok|err|panic|ok_then_failing_cleanup|err_then_failing_cleanup>`; every
//! cleanup prints `cleanup ran`.

#[mainspring::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let how = std::env::args().nth(1).unwrap_or_default();
    mainspring::cleanup(async { println!("cleanup ran") });
    if how.ends_with("_then_failing_cleanup") {
        mainspring::cleanup(async { panic!("the cleanup's panic") });
    }
    match how.as_str() {
        "ok" | "ok_then_failing_cleanup" => Ok(()),
        "err" | "err_then_failing_cleanup" => Err("the body gave up".to_owned()),
        "panic" => panic!("the body panicked"),
        other => panic!("unknown way out {other:?}"),
    }
}
