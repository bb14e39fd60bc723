//! A binary under the strictest lints a user may set, built by `cargo test` (rustc's lints) and
//! by CI's clippy run (clippy's): `#[mainspring::main]` must add no warning to it.
#![deny(
    warnings,
    unused_qualifications,
    unused_results,
    unused_braces,
    dead_code,
    missing_docs,
    unreachable_pub
)]
#![deny(clippy::all, clippy::pedantic, clippy::nursery)]
#![forbid(unsafe_code)]

#[mainspring::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    #![deny(unused_variables)]
    let n: u32 = "4".parse()?;
    if n == 5 {
        return Err("five".into());
    }
    let handle = tokio::spawn(async move { n * 2 });
    println!("{}", handle.await?);
    Ok(())
}
