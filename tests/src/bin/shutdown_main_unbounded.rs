//! `programs/leave_blocking_task.rs` without `shutdown_timeout`: dropping the runtime waits for
//! the blocking task, a minute. Usage: `shutdown_main_unbounded <ok|err|panic>`.

#[mainspring::main]
async fn main() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}
