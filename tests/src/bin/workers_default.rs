//! `programs/workers.rs` on the default flavor with no options.

#[mainspring::main]
async fn main() {
    include!("../programs/workers.rs")
}
