//! `programs/main_result.rs`: `main` returns `Err` through `?` with the argument `fail`.

#[mainspring::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    include!("../programs/main_result.rs")
}
