// Holds a 12 MiB array across an `.await`, then prints what it held and the name of the
// thread it ran on. Without `stack_size` the whole future lives in `main`'s frame on the
// 8 MiB main thread, which overflows.
{
    use std::hint::black_box;

    const BIG: usize = 12 * 1024 * 1024;

    let big = [7u8; BIG];
    tokio::task::yield_now().await;
    black_box(&big);
    let sum: usize = big.iter().map(|&byte| usize::from(byte)).sum();
    let name = std::thread::current()
        .name()
        .unwrap_or("<unnamed>")
        .to_owned();
    println!("held {} bytes summing to {sum} on thread {name}", big.len());
}
