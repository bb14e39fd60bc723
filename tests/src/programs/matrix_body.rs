// The body of every case of the run-option matrix (`tests/run_option_matrix.rs`): a cleanup that
// says on stderr that it ran, a task that panicked and ended, a task left running, and with
// `MATRIX_BLOCKING` set, a blocking task sleeping for a minute; then it ends as `MATRIX_EXIT`
// says: `ok`, `err`, `panic`, or `timeout` (it waits forever, for its `timeout` to end it).
{
    mainspring::cleanup(async {
        use std::io::Write;
        let _ = std::io::stderr().write_all(b"matrix cleanup ran\n");
    });
    assert!(mainspring_tests::probe::spawn_unawaited_panic("matrix task panic").await);
    drop(tokio::spawn(std::future::pending::<()>()));
    if std::env::var_os("MATRIX_BLOCKING").is_some() {
        let (started, running) = tokio::sync::oneshot::channel();
        drop(tokio::task::spawn_blocking(move || {
            let _ = started.send(());
            std::thread::sleep(std::time::Duration::from_secs(60));
        }));
        running.await.unwrap();
    }
    match std::env::var("MATRIX_EXIT").as_deref() {
        Ok("ok") => Ok(()),
        Ok("err") => Err("matrix err".to_owned()),
        Ok("panic") => panic!("matrix body panic"),
        Ok("timeout") => {
            std::future::pending::<()>().await;
            Ok(())
        }
        other => panic!("unknown MATRIX_EXIT {other:?}"),
    }
}
