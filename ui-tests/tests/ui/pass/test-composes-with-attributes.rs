//! `#[mainspring::test]` adds `#[test]` after the other attributes, so they compose.
#[mainspring::test]
#[should_panic(expected = "boom")]
async fn should_panic_after() {
    panic!("boom");
}

#[should_panic(expected = "boom")]
#[mainspring::test]
async fn should_panic_before() {
    panic!("boom");
}

#[mainspring::test]
#[ignore = "shows that `#[ignore]` composes"]
async fn ignored() {
    panic!("never runs");
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn multi_thread() -> Result<(), std::num::ParseIntError> {
    let n: u8 = "2".parse()?;
    assert_eq!(usize::from(n), tokio::runtime::Handle::current().metrics().num_workers());
    Ok(())
}

fn main() {}
