//! `programs/cancel_on_return.rs` with `flavor = "current_thread"`.

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    include!("../programs/cancel_on_return.rs")
}
