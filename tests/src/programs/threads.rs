// Prints the thread of `main` and of each of 8 spawned tasks, one line each, as
// `<who> <thread id> <thread name>`.
{
    use std::thread;

    fn describe() -> String {
        let current = thread::current();
        format!(
            "{:?} {}",
            current.id(),
            current.name().unwrap_or("<unnamed>")
        )
    }

    println!("main {}", describe());
    let handles: Vec<_> = (0..8)
        .map(|i| {
            tokio::spawn(async move {
                tokio::task::yield_now().await;
                format!("task{i} {}", describe())
            })
        })
        .collect();
    for handle in handles {
        println!("{}", handle.await.unwrap());
    }
}
