//! `programs/main_panics.rs` under `#[tokio::main]`, for `tests/side_by_side.rs`.

#[tokio::main]
async fn main() {
    include!("../programs/main_panics.rs")
}
