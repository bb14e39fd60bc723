// Panics after awaiting a spawned task.
{
    let value = tokio::spawn(async { 6 * 7 }).await.unwrap();
    panic!("main gave up on purpose with value {value}");
}
