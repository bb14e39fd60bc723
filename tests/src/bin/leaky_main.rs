//! `fail_on_leaked_tasks = true` on `main`: a task still running when `main` returns makes it
//! exit with status 101 and the leak's message.

#[mainspring::main(fail_on_leaked_tasks = true)]
async fn main() {
    tokio::spawn(std::future::pending::<()>());
    println!("returning");
}
