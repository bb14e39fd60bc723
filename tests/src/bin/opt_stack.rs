//! `thread_stack_size` in a separate process, because the variant without enough stack must crash.
//!
//! Usage: `opt_stack <stack> <place> <frames>`. `<stack>` picks the runtime: `16MiB`
//! (`thread_stack_size = "16MiB"`), `3MiB-expr` (`thread_stack_size = 3 * 1024 * 1024`),
//! `512KiB` (`thread_stack_size = "512KiB"`) or `default` (no `thread_stack_size`: tokio's 2 MiB).
//! `<place>` is where the recursion runs: `blocking` (`spawn_blocking`) or `worker` (a task on a
//! worker thread). `<frames>` is the depth of a recursion that puts 64 KiB on the stack per
//! frame (`mainspring_tests::probe::dig`). Every runtime names its threads `stack-probe`, so a crash message shows which thread
//! overflowed. On success it prints `thread=<name>` and `used=<bytes of stack the recursion
//! used>`.

use mainspring_tests::probe::{deep_recursion, thread_name};

fn probe(frames: usize) -> (String, usize) {
    let used = deep_recursion(frames);
    (thread_name(), used)
}

async fn recurse(place: &str, frames: usize) -> (String, usize) {
    match place {
        "blocking" => tokio::task::spawn_blocking(move || probe(frames))
            .await
            .unwrap(),
        "worker" => tokio::spawn(async move { probe(frames) }).await.unwrap(),
        other => panic!("unknown place {other:?}; expected `blocking` or `worker`"),
    }
}

#[mainspring::main(thread_name = "stack-probe", thread_stack_size = "16MiB")]
async fn with_16_mib(place: String, frames: usize) -> (String, usize) {
    recurse(&place, frames).await
}

#[mainspring::main(thread_name = "stack-probe", thread_stack_size = 3 * 1024 * 1024)]
async fn with_3_mib_expression(place: String, frames: usize) -> (String, usize) {
    recurse(&place, frames).await
}

#[mainspring::main(thread_name = "stack-probe", thread_stack_size = "512KiB")]
async fn with_512_kib(place: String, frames: usize) -> (String, usize) {
    recurse(&place, frames).await
}

#[mainspring::main(thread_name = "stack-probe")]
async fn with_default(place: String, frames: usize) -> (String, usize) {
    recurse(&place, frames).await
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [stack, place, frames] = args.as_slice() else {
        panic!("usage: opt_stack <stack> <place> <frames>; got {args:?}");
    };
    let frames: usize = frames.parse().expect("<frames> is a number");
    let place = place.clone();
    let (name, used) = match stack.as_str() {
        "16MiB" => with_16_mib(place, frames),
        "3MiB-expr" => with_3_mib_expression(place, frames),
        "512KiB" => with_512_kib(place, frames),
        "default" => with_default(place, frames),
        other => panic!("unknown stack {other:?}"),
    };
    println!("thread={name}");
    println!("used={used}");
}
