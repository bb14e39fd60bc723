// Prints the runtime's flavor, worker count and name, and what `available_parallelism`
// reports in this process.
{
    let handle = tokio::runtime::Handle::current();
    let parallelism = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("flavor={:?}", handle.runtime_flavor());
    println!("workers={}", handle.metrics().num_workers());
    println!("name={:?}", handle.name());
    println!("parallelism={parallelism}");
}
