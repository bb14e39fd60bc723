//! A user `macro_rules! pin` (and `join`, `format_args`) in scope.
// Never invoked: each would stop the build if the expansion called it.
#![allow(unused_macros)]
macro_rules! pin {
    ($($t:tt)*) => {
        compile_error!("the user's `pin!` was expanded")
    };
}
macro_rules! join {
    ($($t:tt)*) => {
        compile_error!("the user's `join!` was expanded")
    };
}
macro_rules! format_args {
    ($($t:tt)*) => {
        compile_error!("the user's `format_args!` was expanded")
    };
}

#[mainspring::main(flavor = "current_thread")]
async fn joined() -> (u32, u32) {
    let one = async { 1 };
    let two = std::pin::pin!(async { 2 });
    tokio::join!(one, two)
}

#[mainspring::main]
async fn main() {
    let sum = tokio::spawn(async { 40 + 2 }).await.unwrap();
    assert_eq!(sum, 42);
    assert_eq!(std::thread::spawn(joined).join().unwrap(), (1, 2));
}
