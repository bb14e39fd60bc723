//! Associated fns of a generic impl that use the impl's type parameters and `Self`, with and without `self`.
use std::fmt::Debug;

struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone + Debug + Send + 'static> Stack<T> {
    // No `self`, but the body names the impl's `T` and `Self`.
    #[mainspring::main(flavor = "current_thread")]
    async fn of(item: T, times: usize) -> Self {
        let items: Vec<T> = std::iter::repeat_n(item, times).collect();
        tokio::task::yield_now().await;
        Self { items }
    }

    #[mainspring::main(flavor = "current_thread")]
    async fn describe(&self) -> Result<String, Box<dyn std::error::Error>> {
        let first = self.items.first().ok_or("empty")?;
        let handle = tokio::spawn(async { 2 });
        Ok(format!("{first:?} x{} (+{})", self.items.len(), handle.await?))
    }
}

fn main() {
    let stack = Stack::of('a', 3);
    assert_eq!(stack.describe().unwrap(), "'a' x3 (+2)");
    let empty: Stack<u8> = Stack { items: Vec::new() };
    assert_eq!(empty.describe().unwrap_err().to_string(), "empty");
}
