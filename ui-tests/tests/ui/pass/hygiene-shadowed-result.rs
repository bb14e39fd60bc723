//! A user `struct Result;` (and `Option`, `Ok`, `Err`, `Some`, `None`) in scope.
#![allow(dead_code)]

struct Result;
struct Option;
struct Ok;
struct Err;
struct Some;
struct None;

#[mainspring::main(flavor = "current_thread")]
async fn parse(text: &str) -> ::std::result::Result<u32, ::std::num::ParseIntError> {
    tokio::task::yield_now().await;
    let n: u32 = text.parse()?;
    ::std::result::Result::Ok(n)
}

#[mainspring::main(flavor = "current_thread")]
async fn make() -> Result {
    Result
}

fn main() {
    assert_eq!(parse("5"), ::std::result::Result::Ok(5));
    assert!(parse("five").is_err());
    let Result = make();
}
