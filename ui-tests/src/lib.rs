//! Compile-pass and compile-fail cases live in `tests/ui/`; see `README.md` in this crate.
//!
//! This library itself is a lint wall: `cargo clippy --workspace --all-targets -- -D warnings`
//! in CI checks that the expansion adds nothing to the strictest lint set a user may choose,
//! on public functions of a library too.
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

/// Adds one on a fresh runtime; a public blocking function built from an async one.
#[mainspring::main(flavor = "current_thread")]
pub async fn add_one(x: u32) -> u32 {
    tokio::task::yield_now().await;
    x + 1
}

/// Parses on a multi-thread runtime; `?` converts into the declared error type.
///
/// # Errors
/// When `text` is not a number.
#[mainspring::main(worker_threads = 2)]
pub async fn parse(text: &str) -> Result<u32, Box<dyn std::error::Error>> {
    #![deny(clippy::all)]
    let n: u32 = text.parse()?;
    Ok(n)
}

/// A method taking `&self` and a generic function, both expanded without warnings.
#[derive(Debug, Default)]
pub struct Counter(pub u32);

impl Counter {
    /// Reads the count on a fresh runtime.
    #[mainspring::main(flavor = "current_thread")]
    pub async fn get(&self) -> u32 {
        #![deny(unused_variables)]
        self.0
    }
}

/// Returns its argument twice.
#[mainspring::main(flavor = "current_thread")]
pub async fn twice<T: Clone + Send>(x: T) -> (T, T) {
    (x.clone(), x)
}

#[cfg(test)]
mod tests {
    use super::{Counter, add_one, parse, twice};

    #[mainspring::test]
    async fn in_a_test_module() {
        tokio::task::yield_now().await;
    }

    #[test]
    fn blocking_wrappers_work() {
        assert_eq!(add_one(1), 2);
        assert_eq!(parse("7").ok(), Some(7));
        assert!(parse("seven").is_err());
        assert_eq!(Counter(3).get(), 3);
        assert_eq!(twice("a"), ("a", "a"));
    }
}
