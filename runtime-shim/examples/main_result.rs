//! `main` may return `Result`: `?` propagates errors, and an `Err` makes the
//! process print `Error: ...` and exit with status 1.
//!
//! Run with `cargo run -p mainspring --example main_result` (add `-- fail` to see the error).

use std::error::Error;

#[mainspring::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let fail = std::env::args().nth(1).is_some_and(|arg| arg == "fail");
    let input = if fail { "not a number" } else { "42" };

    // A parse error becomes `Box<dyn Error>` through `?`.
    let n: u32 = input.parse()?;
    println!("parsed {input:?} as {n}");

    // I/O errors propagate the same way; this directory always exists.
    let cwd = tokio::fs::canonicalize(".").await?;
    println!("running in {}", cwd.display());
    Ok(())
}
