//! `programs/threads.rs` with `flavor = "current_thread"`.

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    include!("../programs/threads.rs")
}
