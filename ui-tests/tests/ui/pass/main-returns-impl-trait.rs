//! `impl Trait` in return position works on any annotated fn.
use std::fmt::Display;

#[mainspring::main(flavor = "current_thread")]
async fn label(n: u32) -> impl Display {
    tokio::task::yield_now().await;
    format!("#{n}")
}

fn main() {
    assert_eq!(label(7).to_string(), "#7");
}
