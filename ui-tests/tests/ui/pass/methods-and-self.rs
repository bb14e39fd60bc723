//! `self` methods in impls and trait impls, and fns that name `Self`.
#[derive(Default)]
struct Counter(u32);

impl Counter {
    #[mainspring::main(flavor = "current_thread")]
    async fn new() -> Self {
        Self::default()
    }

    #[mainspring::main(flavor = "current_thread")]
    async fn bump(&mut self, by: u32) -> u32 {
        self.0 += by;
        self.0
    }
}

trait Fetch {
    fn fetch(self) -> u32;
}

impl Fetch for Counter {
    #[mainspring::main(flavor = "current_thread")]
    async fn fetch(self) -> u32 {
        tokio::task::yield_now().await;
        self.0
    }
}

fn main() {
    let mut counter = Counter::new();
    assert_eq!(counter.bump(2), 2);
    assert_eq!(counter.fetch(), 2);
}
