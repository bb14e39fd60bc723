// Leaves a blocking task that sleeps for a minute, then ends as the last argument says: `ok`
// returns `Ok(())`, `err` returns an error, `panic` panics.
{
    let (started, running) = tokio::sync::oneshot::channel();
    // Never awaited: the task is still sleeping when the body ends.
    drop(tokio::task::spawn_blocking(move || {
        let _ = started.send(());
        std::thread::sleep(std::time::Duration::from_secs(60));
    }));
    // Once it runs, shutting the runtime down must wait for it (or not, with the option).
    running.await.unwrap();
    println!("blocking task started");
    match std::env::args().next_back().as_deref() {
        Some("ok") => Ok(()),
        Some("err") => Err("the body gave up".to_owned()),
        Some("panic") => panic!("the body panicked on purpose"),
        other => panic!("unknown path {other:?}; expected ok, err or panic"),
    }
}
