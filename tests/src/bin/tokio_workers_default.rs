//! `programs/workers.rs` under a bare `#[tokio::main]`, for `tests/side_by_side.rs`.

#[tokio::main]
async fn main() {
    include!("../programs/workers.rs")
}
