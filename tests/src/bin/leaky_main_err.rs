//! `fail_on_leaked_tasks = true` on a `main` that returns `Err` with a task still running: the
//! `Err` is what `main` ends with (`Error: ..`, exit status 1), the leak is written after it.

#[mainspring::main(fail_on_leaked_tasks = true)]
async fn main() -> Result<(), String> {
    tokio::spawn(std::future::pending::<()>());
    Err("connection refused".to_owned())
}
