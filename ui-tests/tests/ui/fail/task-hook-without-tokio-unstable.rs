#[mainspring::main(on_task_spawn = |meta| println!("spawned task {}", meta.id()))]
async fn main() {}
