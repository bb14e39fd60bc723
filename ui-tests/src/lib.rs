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

/// Bodies written on one line, which rustc's `unused_braces` looks at.
///
/// (A longer body is never linted.) With a value, without one, empty, with inner attributes,
/// under every option that changes how the body is run.
#[rustfmt::skip]
pub mod one_line {
    /// A value.
    #[must_use] // the blocking wrapper returns a value: clippy asks for this, as for any fn
    #[mainspring::main] pub async fn answer() -> i32 { 40 + 2 }

    /// No value.
    #[mainspring::main(flavor = "current_thread")] pub async fn unit() { tokio::task::yield_now().await }

    /// Nothing at all.
    #[mainspring::main(flavor = "current_thread")] pub async fn empty() {}

    /// Inner attributes, then statements.
    #[must_use] // as above
    #[mainspring::main(flavor = "current_thread")] pub async fn inner() -> u8 { #![allow(unused_variables)] let x = 1; 3 }

    /// The `local` flavor.
    #[must_use] // as above
    #[mainspring::main(flavor = "local")] pub async fn local() -> u8 { 4 }

    /// `timeout`, `stack_size`, `fail_on_task_panic` at once.
    #[must_use] // as above
    #[mainspring::main(flavor = "current_thread", timeout = "5s", stack_size = "4MiB", fail_on_task_panic = true)] pub async fn run_options() -> u8 { 5 }

    /// `-> impl Trait`, where the return type is not named in the expansion.
    #[must_use] // as above
    #[mainspring::main(flavor = "current_thread")] pub async fn shown() -> impl std::fmt::Display { 6 }
}

#[cfg(test)]
mod table_examples;

#[cfg(test)]
mod tests {
    use super::{Counter, Fetch, add_one, joined, local_name, one_line, parse, sum_pairs, twice};

    #[rustfmt::skip]
    mod one_line_tests {
        #[mainspring::test] async fn no_value() { assert_ne!(1, 2) }
        #[mainspring::test] async fn empty() {}
        #[mainspring::test] async fn result() -> Result<(), String> { Ok(()) }
        #[mainspring::test(flavor = "multi_thread", worker_threads = 2)] async fn multi_thread() { tokio::task::yield_now().await }
        #[mainspring::test(flavor = "local")] async fn local() { assert_eq!(tokio::task::spawn_local(async { 1 }).await.ok(), Some(1)) }
        #[mainspring::test(flavor = ["current_thread", "multi_thread"])] async fn matrix() { assert_ne!(1, 2) }
        #[mainspring::test(timeout = "5s")] async fn timeout() { tokio::task::yield_now().await }
        #[mainspring::test(stack_size = "4MiB")] async fn stack_size() -> Result<(), String> { Ok(()) }
        #[mainspring::test(fail_on_task_panic = true)] async fn fail_on_task_panic() { assert_eq!(tokio::spawn(async { 2 }).await.ok(), Some(2)) }
        #[mainspring::test(start_paused = true)] async fn paused() { #![allow(unused_variables)] let x = 1; }
    }

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
        assert_eq!(one_line::answer(), 42);
        one_line::unit();
        one_line::empty();
        assert_eq!(one_line::inner(), 3);
        assert_eq!(one_line::local(), 4);
        assert_eq!(one_line::run_options(), 5);
        assert_eq!(one_line::shown().to_string(), "6");
    }
}
