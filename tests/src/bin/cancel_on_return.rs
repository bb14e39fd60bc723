//! `programs/cancel_on_return.rs` on the default flavor.

#[mainspring::main]
async fn main() {
    include!("../programs/cancel_on_return.rs")
}
