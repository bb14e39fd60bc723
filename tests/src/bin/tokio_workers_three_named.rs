//! Twin of `workers_three_named.rs` under `#[tokio::main(worker_threads = 3, name = ...)]`:
//! prints the runtime's flavor, worker count and name.

use tokio::runtime::Handle;

#[tokio::main(worker_threads = 3, name = "three-worker-runtime")]
async fn main() {
    let handle = Handle::current();
    println!("flavor={:?}", handle.runtime_flavor());
    println!("workers={}", handle.metrics().num_workers());
    println!("name={:?}", handle.name());
}
