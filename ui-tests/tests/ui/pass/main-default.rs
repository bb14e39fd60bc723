//! The default flavor is `multi_thread` with one worker per core.
#[mainspring::main]
async fn main() {
    let flavor = tokio::runtime::Handle::current().runtime_flavor();
    assert_eq!(flavor, tokio::runtime::RuntimeFlavor::MultiThread);
}
