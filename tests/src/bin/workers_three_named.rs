//! `worker_threads = 3, name = "three-worker-runtime"`: prints the runtime's flavor, worker count
//! and name.

use tokio::runtime::Handle;

#[mainspring::main(worker_threads = 3, name = "three-worker-runtime")]
async fn main() {
    let handle = Handle::current();
    println!("flavor={:?}", handle.runtime_flavor());
    println!("workers={}", handle.metrics().num_workers());
    println!("name={:?}", handle.name());
}
