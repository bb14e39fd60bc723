//! Every `multi_thread` option, on `main`, in one attribute.
#[mainspring::main(flavor = "multi_thread", worker_threads = 3, name = "every-option", crate = "::mainspring")]
async fn main() {
    assert_eq!(tokio::runtime::Handle::current().metrics().num_workers(), 3);
}
