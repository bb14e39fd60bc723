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
#[must_use] // the blocking wrapper returns a value: clippy asks for this, as for any fn
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
    #[must_use] // the blocking wrapper returns a value: clippy asks for this, as for any fn
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

/// Arguments that are patterns, which stay the user's patterns in the expansion.
#[must_use] // the blocking wrapper returns a value: clippy asks for this, as for any fn
#[mainspring::main(flavor = "current_thread")]
pub async fn sum_pairs((a, b): (u32, u32), [c, d]: [u32; 2], _: u8) -> u32 {
    #![deny(clippy::pedantic, unused_variables)]
    a + b + c + d
}

/// The `local` flavor, named and with paused time.
#[must_use] // the blocking wrapper returns a value: clippy asks for this, as for any fn
#[mainspring::main(flavor = "local", start_paused = true, name = "wall")]
pub async fn local_name() -> Option<String> {
    #![deny(unused_results, unused_qualifications)]
    tokio::task::spawn_local(async {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    })
    .await
    .ok()?;
    tokio::runtime::Handle::current().name().map(str::to_owned)
}

/// A generic fn with a `where` clause and `impl Trait` in argument and return position.
#[mainspring::main(flavor = "current_thread")]
pub async fn joined<T>(items: impl IntoIterator<Item = T>) -> impl std::fmt::Display
where
    T: std::fmt::Display,
{
    #![deny(clippy::nursery)]
    items
        .into_iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// A trait whose impl below is annotated.
pub trait Fetch {
    /// Reads the value, consuming it.
    fn fetch(self) -> u32;
}

impl Fetch for Counter {
    #[mainspring::main(flavor = "current_thread")]
    async fn fetch(self) -> u32 {
        #![deny(clippy::all, clippy::pedantic)]
        tokio::task::yield_now().await;
        self.0
    }
}

impl Counter {
    /// An associated fn that names `Self`, expanded where `Self` is nameable.
    #[must_use] // the blocking wrapper returns a value: clippy asks for this, as for any fn
    #[mainspring::main(flavor = "current_thread")]
    pub async fn start() -> Self {
        Self(0)
    }
}

#[cfg(test)]
mod tests {
    use super::{Counter, Fetch, add_one, joined, local_name, parse, sum_pairs, twice};

    #[mainspring::test]
    async fn in_a_test_module() {
        tokio::task::yield_now().await;
    }

    #[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_test_returning_result() -> Result<(), Box<dyn std::error::Error>> {
        #![deny(unused_results, clippy::pedantic)]
        let n: u32 = "2".parse()?;
        assert_eq!(tokio::spawn(async move { n * 2 }).await?, 4);
        Ok(())
    }

    #[mainspring::test(start_paused = true)]
    #[should_panic(expected = "paused")]
    async fn a_should_panic_test_with_paused_time() {
        #![deny(warnings)]
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        panic!("paused");
    }

    #[test]
    fn blocking_wrappers_work() {
        assert_eq!(add_one(1), 2);
        assert_eq!(parse("7").ok(), Some(7));
        assert!(parse("seven").is_err());
        assert_eq!(Counter(3).get(), 3);
        assert_eq!(twice("a"), ("a", "a"));
        assert_eq!(sum_pairs((1, 2), [3, 4], 0), 10);
        assert_eq!(local_name().as_deref(), Some("wall"));
        assert_eq!(format!("<{}>", joined([1, 2, 3])), "<1,2,3>");
        assert_eq!(Counter::start().fetch(), 0);
    }
}
