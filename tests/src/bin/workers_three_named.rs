//! `programs/workers.rs` with `worker_threads = 3` and a runtime `name`.

#[mainspring::main(worker_threads = 3, name = "three-worker-runtime")]
async fn main() {
    include!("../programs/workers.rs")
}
