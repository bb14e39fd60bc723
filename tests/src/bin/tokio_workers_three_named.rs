//! `programs/workers.rs` under `#[tokio::main(worker_threads = 3, name = ..)]`, for `tests/side_by_side.rs`.

#[tokio::main(worker_threads = 3, name = "three-worker-runtime")]
async fn main() {
    include!("../programs/workers.rs")
}
