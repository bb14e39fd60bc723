//! `programs/big_future.rs` with `stack_size = "64MiB"`: runs to the end.

#[mainspring::main(flavor = "current_thread", stack_size = "64MiB")]
async fn main() {
    include!("../programs/big_future.rs")
}
