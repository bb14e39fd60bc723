#[mainspring::main(flavour = "current_thread", worker_threads = 0, name = "", color = true)]
async fn main() {}
