//! rstest: `#[mainspring::test]` after the `#[case]`s (rstest's docs: the test attribute goes
//! after the cases), with `#[values]`, `#[future]` fixtures and `#[awt]`; and above `#[rstest]`,
//! where rstest copies the `#[test]` ours adds onto every case. (Ours between `#[rstest]` and
//! the first `#[case]`, the form of rstest's own async example, gives the attribute to the
//! first case only, with tokio's attribute as with ours: rstest issue 346.)

use rstest::{fixture, rstest};
use tokio::runtime::Handle;

#[fixture]
async fn base() -> u32 {
    42
}

#[rstest]
#[mainspring::test]
async fn plain() {
    tokio::task::yield_now().await;
}

#[rstest]
#[case(1, 2)]
#[case::named(2, 4)]
#[mainspring::test]
async fn cases(#[case] input: u32, #[case] expected: u32) {
    assert_eq!(
        tokio::spawn(async move { input * 2 }).await.unwrap(),
        expected
    );
}

#[rstest]
#[mainspring::test]
async fn values(#[values(1, 2, 3)] x: u32, #[values("a", "b")] s: &str) {
    assert!(x > 0 && !s.is_empty());
}

#[rstest]
#[case(21, async { 2 })]
#[case(6, async { 7 })]
#[mainspring::test]
async fn future_fixture(
    #[future] base: u32,
    #[case] expected: u32,
    #[future]
    #[case]
    div: u32,
) {
    assert_eq!(expected, base.await / div.await);
}

#[rstest]
#[case(21, async { 2 })]
#[mainspring::test]
#[awt]
async fn future_awaited(
    #[future] base: u32,
    #[case] expected: u32,
    #[future]
    #[case]
    div: u32,
) {
    assert_eq!(expected, base / div);
}

#[rstest]
#[case(2)]
#[mainspring::test(flavor = "multi_thread", worker_threads = 2, timeout = "30s")]
async fn case_with_options(#[case] workers: usize) {
    assert_eq!(Handle::current().metrics().num_workers(), workers);
}

#[mainspring::test]
#[rstest]
#[case(1, 2)]
#[case(3, 6)]
async fn ours_above_cases(#[case] input: u32, #[case] expected: u32) {
    assert_eq!(input * 2, expected);
}

#[mainspring::test]
#[rstest]
async fn ours_above_values(#[values(1, 2)] x: u32) {
    assert!(x > 0);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
#[rstest]
#[case(7, async { 3 })]
async fn ours_above_future(
    #[future] base: u32,
    #[case] expected: u32,
    #[future]
    #[case]
    div: u32,
) {
    assert_eq!(expected * 2, base.await / div.await);
}

// The same forms under tokio's attribute.

#[rstest]
#[case(1, 2)]
#[case(2, 4)]
#[tokio::test]
async fn tokio_cases(#[case] input: u32, #[case] expected: u32) {
    assert_eq!(input * 2, expected);
}

#[tokio::test]
#[rstest]
#[case(1, 2)]
#[case(3, 6)]
async fn tokio_above_cases(#[case] input: u32, #[case] expected: u32) {
    assert_eq!(input * 2, expected);
}

#[test]
fn lists_every_case_once() {
    mainspring_stacking_tests::assert_lists(&[
        "case_with_options::case_1",
        "cases::case_1",
        "cases::case_2_named",
        "future_awaited::case_1",
        "future_fixture::case_1",
        "future_fixture::case_2",
        "lists_every_case_once",
        "ours_above_cases::case_1",
        "ours_above_cases::case_2",
        "ours_above_future::case_1",
        "ours_above_values::x_1_1",
        "ours_above_values::x_2_2",
        "plain",
        "tokio_above_cases::case_1",
        "tokio_above_cases::case_2",
        "tokio_cases::case_1",
        "tokio_cases::case_2",
        "values::x_1_1::s_1___a__",
        "values::x_1_1::s_2___b__",
        "values::x_2_2::s_1___a__",
        "values::x_2_2::s_2___b__",
        "values::x_3_3::s_1___a__",
        "values::x_3_3::s_2___b__",
    ]);
}
