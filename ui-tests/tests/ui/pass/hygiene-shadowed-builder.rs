//! A user `struct Builder;` (and `Runtime`) in scope, and a `Builder` inside the body.
#![allow(dead_code)]

struct Builder;
struct Runtime;

#[mainspring::main(flavor = "current_thread")]
async fn build() -> Builder {
    tokio::task::yield_now().await;
    Builder
}

#[mainspring::main(worker_threads = 2)]
async fn threads() -> usize {
    struct Builder(usize);
    let builder = Builder(tokio::runtime::Handle::current().metrics().num_workers());
    builder.0
}

fn main() {
    let Builder = build();
    assert_eq!(threads(), 2);
}
