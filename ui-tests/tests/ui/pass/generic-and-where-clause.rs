//! Generic fns, `where` clauses, const generics and patterns in arguments.
use std::fmt::Debug;

#[mainspring::main(flavor = "current_thread")]
async fn describe<T, const N: usize>(items: [T; N], (prefix, suffix): (&str, &str)) -> String
where
    T: Debug,
{
    tokio::task::yield_now().await;
    format!("{prefix}{items:?}{suffix}")
}

#[mainspring::main(flavor = "current_thread")]
async fn zeroes<T: Default + Copy, const N: usize>() -> [T; N] {
    [T::default(); N]
}

fn main() {
    assert_eq!(describe([1, 2], ("<", ">")), "<[1, 2]>");
    assert_eq!(zeroes::<u8, 3>(), [0, 0, 0]);
}
