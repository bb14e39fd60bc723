//! A `main` that never returns normally: `-> !`.
#[mainspring::main(flavor = "current_thread")]
async fn main() -> ! {
    tokio::task::yield_now().await;
    std::process::exit(0)
}
