// A spawned task that would run for 10 s is still pending when `main` returns; its guard
// prints `task dropped` when the runtime shuts down and drops the task.
{
    use std::io::Write;
    use std::time::Duration;

    struct Guard;

    impl Drop for Guard {
        fn drop(&mut self) {
            println!("task dropped");
            std::io::stdout().flush().unwrap();
        }
    }

    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let _guard = Guard;
        println!("task started");
        std::io::stdout().flush().unwrap();
        started_tx.send(()).unwrap();
        tokio::time::sleep(Duration::from_secs(10)).await;
        println!("task finished");
        std::io::stdout().flush().unwrap();
    });
    started_rx.await.unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    println!("main returning");
    std::io::stdout().flush().unwrap();
}
