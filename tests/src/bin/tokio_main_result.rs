//! `programs/main_result.rs` under `#[tokio::main]`, for `tests/side_by_side.rs`.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    include!("../programs/main_result.rs")
}
