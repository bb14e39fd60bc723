//! `programs/threads.rs` under `#[tokio::main(flavor = "current_thread")]`, for `tests/side_by_side.rs`.

#[tokio::main(flavor = "current_thread")]
async fn main() {
    include!("../programs/threads.rs")
}
