//! The `local` flavor runs `!Send` tasks without a `LocalSet`.
use std::rc::Rc;

#[mainspring::main(flavor = "local")]
async fn main() {
    let shared = Rc::new(41);
    let task = tokio::task::spawn_local({
        let shared = Rc::clone(&shared);
        async move { *shared + 1 }
    });
    assert_eq!(task.await.unwrap(), 42);
}
