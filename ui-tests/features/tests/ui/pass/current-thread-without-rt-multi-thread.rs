//! Without `rt-multi-thread`: `main` on `flavor = "current_thread"` (the fix its error names), tests on their default flavor and on a list without `multi_thread`.

#[mainspring::test]
async fn on_the_default_flavor_of_tests() {}

#[mainspring::test(flavor = ["current_thread", "local"])]
async fn on_each_flavor_but_multi_thread() {}

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    tokio::task::yield_now().await;
}
