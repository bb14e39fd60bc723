//! User fns `block_on`, `build`, `expect`, `enable_all` and a blanket `block_on` method.
//! The runtime's own methods are still the ones called.
#![allow(dead_code)]

fn block_on() {}
fn build() {}
fn expect() {}
fn enable_all() {}

trait BlockOnEverything {
    fn block_on<F>(&self, future: F) -> &'static str;
}

impl<T> BlockOnEverything for T {
    fn block_on<F>(&self, _future: F) -> &'static str {
        "the user's block_on"
    }
}

#[mainspring::main(flavor = "current_thread")]
async fn answer() -> u32 {
    block_on();
    tokio::task::yield_now().await;
    42
}

fn main() {
    assert_eq!(answer(), 42);
    assert_eq!(().block_on(async {}), "the user's block_on");
}
