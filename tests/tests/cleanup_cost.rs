//! What `mainspring::cleanup` costs a body that registers none, at run time: nothing. An
//! annotated fn allocates exactly what the same runtime and `block_on` written by hand do (no
//! entry, task or thread for the cleanups), counted by an instrumented global allocator of this test binary.

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[mainspring::main(flavor = "current_thread")]
async fn annotated() -> u32 {
    tokio::task::yield_now().await;
    7
}

fn by_hand() -> u32 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(Box::pin(async {
        tokio::task::yield_now().await;
        7
    }))
}

/// The allocations one call of `run` makes, on any thread, the fewest of five (a call is the
/// only thing that runs, but the first ones grow what lives for the process).
fn allocations(run: fn() -> u32) -> usize {
    (0..5)
        .map(|_| {
            let region = Region::new(GLOBAL);
            assert_eq!(run(), 7);
            region.change().allocations
        })
        .min()
        .unwrap()
}

#[test]
fn a_body_that_registers_no_cleanup_allocates_what_a_hand_written_runtime_does() {
    let by_hand = allocations(by_hand);
    let annotated = allocations(annotated);
    assert_eq!(annotated, by_hand);
}
