//! `max_worker_threads` read from the environment when `main` starts: the cap from
//! `OPT_MAX_WORKERS` (an expression, checked at run time). Prints `workers=<count>` from the
//! runtime's metrics. With `TOKIO_WORKER_THREADS` set, that is the default being capped.

fn cap_from_env() -> usize {
    std::env::var("OPT_MAX_WORKERS")
        .expect("OPT_MAX_WORKERS is set")
        .parse()
        .expect("OPT_MAX_WORKERS is a number")
}

#[mainspring::main(max_worker_threads = cap_from_env())]
async fn main() {
    let workers = tokio::runtime::Handle::current().metrics().num_workers();
    println!("workers={workers}");
}
