//! `thread_stack_size` in a separate process, because the variant without enough stack must crash.
//!
//! Usage: `opt_stack <stack> <place> <frames>`. `<stack>` picks the runtime: `16MiB`
//! (`thread_stack_size = "16MiB"`), `3MiB-expr` (`thread_stack_size = 3 * 1024 * 1024`),
//! `512KiB` (`thread_stack_size = "512KiB"`) or `default` (no `thread_stack_size`: tokio's 2 MiB).
//! `<place>` is where the recursion runs: `blocking` (`spawn_blocking`) or `worker` (a task on a
//! worker thread). `<frames>` is the depth of a recursion that puts 64 KiB on the stack per
//! frame. Every runtime names its threads `stack-probe`, so a crash message shows which thread
//! overflowed. On success it prints `thread=<name>` and `used=<bytes of stack the recursion
//! used>`.

use std::hint::black_box;
use std::thread;

/// Stack bytes each level of the recursion holds.
const FRAME: usize = 64 * 1024;

/// Recurses `frames` deep with a `FRAME`-byte array alive in every frame; returns how far below
/// `top` the deepest frame's array sits, i.e. the stack the recursion used.
#[inline(never)]
fn dig(frames: usize, top: usize) -> usize {
    let mut frame = [0u8; FRAME];
    frame[frames % FRAME] = 1;
    black_box(&mut frame);
    let here = std::ptr::from_ref(&frame).addr();
    let used = if frames <= 1 {
        top.abs_diff(here)
    } else {
        dig(frames - 1, top)
    };
    // Keeps the array alive across the call, so no frame can be reused or elided.
    black_box(&frame);
    used
}

fn probe(frames: usize) -> (String, usize) {
    let marker = 0u8;
    let top = std::ptr::from_ref(black_box(&marker)).addr();
    let used = dig(frames, top);
    let name = thread::current().name().unwrap_or("<unnamed>").to_owned();
    (name, used)
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
