//! Twin of `workers_default.rs` under a bare `#[tokio::main]`: prints the runtime's flavor,
//! worker count, name, and what `available_parallelism` reports in this process.

use tokio::runtime::Handle;

#[tokio::main]
async fn main() {
    let handle = Handle::current();
    let parallelism = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("flavor={:?}", handle.runtime_flavor());
    println!("workers={}", handle.metrics().num_workers());
    println!("name={:?}", handle.name());
    println!("parallelism={parallelism}");
}
