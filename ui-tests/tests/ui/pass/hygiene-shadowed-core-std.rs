//! User `mod core {}` and `mod std {}`, at the crate root and in a module.
//! In the module they shadow the relative paths `core::..` and `std::..` too.

mod core {}
mod std {}

#[mainspring::main(flavor = "current_thread")]
async fn at_root() -> u32 {
    tokio::task::yield_now().await;
    1
}

mod inner {
    // Here `core::..` and `std::..` (relative) name these empty modules.
    mod core {}
    mod std {}

    #[mainspring::main(flavor = "local")]
    pub(crate) async fn in_module() -> u32 {
        tokio::task::yield_now().await;
        2
    }

    #[mainspring::main(worker_threads = 1)]
    pub(crate) async fn fallible() -> ::std::result::Result<u32, ::std::num::ParseIntError> {
        "3".parse()
    }
}

fn main() {
    assert_eq!(at_root() + inner::in_module(), 3);
    assert_eq!(inner::fallible(), Ok(3));
}
