//! `programs/cancel_on_return.rs` under `#[tokio::main]`, for `tests/side_by_side.rs`.

#[tokio::main]
async fn main() {
    include!("../programs/cancel_on_return.rs")
}
