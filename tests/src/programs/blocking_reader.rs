// Leaves a blocking task that reads a channel until it closes, and the channel's sender in a
// task: dropping the runtime's tasks closes the channel, which ends the blocking task at once.
// A shutdown that drops the tasks first (a plain drop) never waits for it.
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<u32>(1);
    let (started, running) = tokio::sync::oneshot::channel();
    drop(tokio::task::spawn_blocking(move || {
        let _ = started.send(());
        while receiver.blocking_recv().is_some() {}
    }));
    drop(tokio::spawn(async move {
        let _sender = sender;
        std::future::pending::<()>().await;
    }));
    running.await.unwrap();
    println!("blocking task started");
}
