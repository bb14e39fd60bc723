//! `programs/leave_blocking_task.rs` under `shutdown_timeout = "500ms"` on each flavor and with
//! each option that changes how the body runs, and under `"0s"` (tokio's
//! `shutdown_background()`). Usage: `shutdown_variants <variant> <ok|err|panic>`.

#[mainspring::main(flavor = "current_thread", shutdown_timeout = "500ms")]
async fn current_thread() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

#[mainspring::main(flavor = "multi_thread", shutdown_timeout = "500ms")]
async fn multi_thread() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

#[mainspring::main(flavor = "local", shutdown_timeout = "500ms")]
async fn local() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

#[mainspring::main(shutdown_timeout = "500ms", stack_size = "4MiB")]
async fn stack_size() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

#[mainspring::main(shutdown_timeout = "500ms", timeout = "30s")]
async fn timeout() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

#[mainspring::main(shutdown_timeout = "500ms", fail_on_task_panic = true)]
async fn fail_on_task_panic() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

#[mainspring::main(shutdown_timeout = "0s")]
async fn background() -> Result<(), String> {
    include!("../programs/leave_blocking_task.rs")
}

fn main() -> Result<(), String> {
    let variant = std::env::args().nth(1).unwrap_or_default();
    match variant.as_str() {
        "current_thread" => current_thread(),
        "multi_thread" => multi_thread(),
        "local" => local(),
        "stack_size" => stack_size(),
        "timeout" => timeout(),
        "fail_on_task_panic" => fail_on_task_panic(),
        "background" => background(),
        other => panic!("unknown variant {other:?}"),
    }
}
