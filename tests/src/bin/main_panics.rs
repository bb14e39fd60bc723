//! `programs/main_panics.rs`: an `async fn main` that panics.

#[mainspring::main]
async fn main() {
    include!("../programs/main_panics.rs")
}
