//! `programs/big_future.rs` without `stack_size`: expected to crash with a stack overflow.

#[mainspring::main(flavor = "current_thread")]
async fn main() {
    include!("../programs/big_future.rs")
}
