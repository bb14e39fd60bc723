//! `programs/threads.rs` on the default flavor (`multi_thread`).

#[mainspring::main]
async fn main() {
    include!("../programs/threads.rs")
}
