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
    let total = std::thread::spawn(move || sum((n, 1), [2]))
        .join()
        .map_err(|_| "the summing thread panicked")?;
    println!("{total}");
    Ok(())
}

/// A private helper with pattern arguments, used from `main`: `dead_code` stays quiet.
#[mainspring::main(flavor = "current_thread")]
async fn sum((a, b): (u32, u32), [c]: [u32; 1]) -> u32 {
    #![deny(warnings, clippy::pedantic)]
    tokio::task::yield_now().await;
    a + b + c
}

#[cfg(test)]
mod tests {
    #[mainspring::test]
    async fn sums_on_a_test_runtime() {
        #![deny(unused_results, unused_qualifications)]
        let joined = tokio::task::spawn_blocking(|| super::sum((1, 2), [3])).await;
        assert_eq!(joined.ok(), Some(6));
    }
}
