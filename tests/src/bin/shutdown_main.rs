//! `programs/leave_blocking_task.rs` under `shutdown_timeout = "1s"`: exits within the limit
//! on every path although a blocking task sleeps for a minute. Usage: `shutdown_main <ok|err|panic>`.

#[mainspring::main(shutdown_timeout = "1s")]
async fn main() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}
