//! Option values read from the environment when `main` starts: `worker_threads` from
//! `OPT_WORKERS` and `thread_name` from `OPT_THREAD_NAME`. Prints `workers=<count>` from the
//! runtime's metrics and `thread=<name>` of the worker thread a spawned task ran on. With
//! `OPT_WORKERS=0` the run-time check of `worker_threads` panics before the runtime is built.

use tokio::runtime::Handle;

fn workers_from_env() -> usize {
    std::env::var("OPT_WORKERS")
        .expect("OPT_WORKERS is set")
        .parse()
        .expect("OPT_WORKERS is a number")
}

fn thread_name_from_env() -> String {
    std::env::var("OPT_THREAD_NAME").unwrap_or_else(|_| "no-name-in-env".to_owned())
}

#[mainspring::main(worker_threads = workers_from_env(), thread_name = thread_name_from_env())]
async fn main() {
    println!("workers={}", Handle::current().metrics().num_workers());
    let name = tokio::spawn(async {
        std::thread::current()
            .name()
            .unwrap_or("<unnamed>")
            .to_owned()
    })
    .await
    .unwrap();
    println!("thread={name}");
}
