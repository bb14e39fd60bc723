//! test-case: `#[mainspring::test]` below the `#[test_case(..)]`s (the order its docs give), with
//! return values, `=> panics`, `#[should_panic]` and `Result`; and above them, where tokio's
//! attribute makes every case a test twice (test-case issue 152) and ours once: ours adds no
//! `#[test]` when test-case is below it, as test-case adds one to each case.

#[test_case::test_case(1 ; "one")]
#[test_case::test_case(2)]
#[mainspring::test]
async fn below(x: u32) {
    tokio::task::yield_now().await;
    assert!(x > 0);
}

#[test_case::test_case(2 => 4 ; "doubles")]
#[test_case::test_case(3 => 6)]
#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn below_returning(x: u32) -> u32 {
    tokio::spawn(async move { x * 2 }).await.unwrap()
}

#[test_case::test_case(0 => panics "zero" ; "panics")]
#[test_case::test_case(1 => 1)]
#[mainspring::test]
async fn below_panicking(x: u32) -> u32 {
    assert!(x != 0, "zero");
    x
}

#[test_case::test_case(1)]
#[mainspring::test]
#[should_panic(expected = "always")]
async fn below_should_panic(_x: u32) {
    panic!("always");
}

#[test_case::test_case("1")]
#[test_case::test_case("2")]
#[mainspring::test]
async fn below_result(text: &str) -> Result<(), std::num::ParseIntError> {
    let n: u32 = text.parse()?;
    assert!(n > 0);
    Ok(())
}

#[mainspring::test]
#[test_case::test_case(1 ; "one")]
#[test_case::test_case(2)]
async fn above(x: u32) {
    tokio::task::yield_now().await;
    assert!(x > 0);
}

#[mainspring::test(start_paused = true)]
#[test_case::test_case(2 => 4 ; "doubles")]
#[test_case::test_case(0 => panics "zero" ; "panics")]
async fn above_returning(x: u32) -> u32 {
    assert!(x != 0, "zero");
    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    x * 2
}

// test-case's other two attributes, by their full paths, above and below.
#[mainspring::test]
#[test_case::case(3 ; "three")]
async fn case_above(x: u32) {
    assert_eq!(x, 3);
}

#[mainspring::test]
#[test_case::test_matrix([1, 2])]
async fn matrix_above(x: u32) {
    assert!(x > 0);
}

#[test_case::test_matrix([1, 2], [10, 20])]
#[mainspring::test]
async fn matrix_below(x: u32, y: u32) {
    assert!(x < y);
}

// The same forms under tokio's attribute.

#[test_case::test_case(1 ; "one")]
#[test_case::test_case(2)]
#[tokio::test]
async fn tokio_below(x: u32) {
    assert!(x > 0);
}

#[tokio::test]
#[test_case::test_case(1 ; "one")]
#[test_case::test_case(2)]
async fn tokio_above(x: u32) {
    assert!(x > 0);
}

#[test]
fn lists_each_case_once_where_tokio_lists_it_twice() {
    mainspring_stacking_tests::assert_lists(&[
        "above::test_case_1_one",
        "above::test_case_2_2_expects",
        "above_returning::test_case_1_doubles",
        "above_returning::test_case_2_panics",
        "below::test_case_1_one",
        "below::test_case_2_2_expects",
        "below_panicking::test_case_1_panics",
        "below_panicking::test_case_2_1_expects_1",
        "below_result::test_case_1_1_expects",
        "below_result::test_case_2_2_expects",
        "below_returning::test_case_1_doubles",
        "below_returning::test_case_2_3_expects_6",
        "below_should_panic::test_case_1_1_expects",
        "case_above::test_case_1_three",
        "lists_each_case_once_where_tokio_lists_it_twice",
        "matrix_above::test_case_1_1_expects",
        "matrix_above::test_case_2_2_expects",
        "matrix_below::test_case_1_1_10_expects",
        "matrix_below::test_case_2_1_20_expects",
        "matrix_below::test_case_3_2_10_expects",
        "matrix_below::test_case_4_2_20_expects",
        "tokio_above::test_case_1_one",
        "tokio_above::test_case_1_one",
        "tokio_above::test_case_2_2_expects",
        "tokio_above::test_case_2_2_expects",
        "tokio_below::test_case_1_one",
        "tokio_below::test_case_2_2_expects",
    ]);
}
