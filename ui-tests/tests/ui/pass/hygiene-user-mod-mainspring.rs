//! A user `mod mainspring {}` next to `#[::mainspring::main]`, at the root and in a module.
//! The expansion reaches the crate through `::mainspring`, never through the relative path.
#![allow(dead_code)]

mod mainspring {
    pub(crate) mod __private {
        pub(crate) struct Builder;
    }
}

mod nested {
    mod mainspring {}

    #[::mainspring::main(flavor = "current_thread")]
    pub(crate) async fn in_module() -> u32 {
        tokio::task::yield_now().await;
        1
    }
}

#[::mainspring::main(flavor = "current_thread")]
async fn at_root() -> u32 {
    2
}

#[::mainspring::main]
async fn main() {
    let three = tokio::spawn(async { 3 }).await.unwrap();
    assert_eq!(three, 3);
    let sum = std::thread::spawn(|| nested::in_module() + at_root())
        .join()
        .unwrap();
    assert_eq!(sum, 3);
}
