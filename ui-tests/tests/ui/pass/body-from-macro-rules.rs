//! A `macro_rules!` that splices a `$body:block` into the function (tokio issue #5243).
macro_rules! async_main {
    ($body:block) => {
        #[mainspring::main(flavor = "current_thread")]
        async fn main() $body
    };
}

async_main!({
    tokio::task::yield_now().await;
    assert_eq!(tokio::spawn(async { 3 }).await.unwrap(), 3);
});
