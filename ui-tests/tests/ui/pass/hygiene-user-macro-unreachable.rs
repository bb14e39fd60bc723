//! A user `macro_rules! unreachable` (and `panic`) in scope.
// Never invoked: each would stop the build if the expansion called it.
#![allow(unused_macros)]
macro_rules! unreachable {
    ($($t:tt)*) => {
        compile_error!("the user's `unreachable!` was expanded")
    };
}
macro_rules! panic {
    ($($t:tt)*) => {
        compile_error!("the user's `panic!` was expanded")
    };
}

#[mainspring::main(flavor = "current_thread")]
async fn never_fails() -> u32 {
    tokio::task::yield_now().await;
    7
}

#[mainspring::main(flavor = "local")]
async fn main() {
    let seven = tokio::task::spawn_local(async { 7 }).await.unwrap();
    std::assert_eq!(seven, 7);
    std::assert_eq!(std::thread::spawn(never_fails).join().unwrap(), 7);
}
