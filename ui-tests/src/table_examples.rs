// Generated from `macro/src/table.rs` by `macro/src/generated/`: `UPDATE_EXPECT=1 cargo test -p mainspring-macros generated`. Do not edit.
//! Every example of the options tables, compiled and run.

/// `thread_name_fn = next_name`.
fn next_name() -> String {
    "named".to_owned()
}

/// `on_thread_start = started`, and the other hooks.
fn started() {}
fn stopped() {}
fn parked() {}
fn unparked() {}

/// `builder = my_builder`.
fn my_builder() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    let _ = builder.enable_all();
    builder
}

/// `crate = "my_mainspring"`: mainspring under another name.
mod my_mainspring {
    pub(super) use mainspring::__private;
}

/// `on_task_spawn = spawned`, and the other task hooks.
#[cfg(tokio_unstable)]
mod task_hooks {
    use tokio::runtime::TaskMeta;

    pub(super) fn spawned(_: &TaskMeta<'_>) {}
    pub(super) fn terminated(_: &TaskMeta<'_>) {}
    pub(super) fn polling(_: &TaskMeta<'_>) {}
    pub(super) fn polled(_: &TaskMeta<'_>) {}
}
#[cfg(tokio_unstable)]
use task_hooks::{polled, polling, spawned, terminated};

#[mainspring::main(flavor = "current_thread")]
async fn example_flavor() {}

#[mainspring::main(worker_threads = 4)]
async fn example_worker_threads() {}

#[mainspring::main(max_worker_threads = 8)]
async fn example_max_worker_threads() {}

#[mainspring::test(start_paused = true)]
async fn example_start_paused() {}

#[mainspring::main(crate = "my_mainspring")]
async fn example_crate() {}

#[cfg(tokio_unstable)]
#[mainspring::test(unhandled_panic = "shutdown_runtime")]
async fn example_unhandled_panic() {}

#[mainspring::main(name = "api")]
async fn example_name() {}

#[mainspring::main(thread_name = "worker")]
async fn example_thread_name() {}

#[mainspring::main(thread_name_fn = next_name)]
async fn example_thread_name_fn() {}

#[mainspring::main(thread_stack_size = "3MiB")]
async fn example_thread_stack_size() {}

#[mainspring::main(max_blocking_threads = 64)]
async fn example_max_blocking_threads() {}

#[mainspring::main(thread_keep_alive = "30s")]
async fn example_thread_keep_alive() {}

#[mainspring::main(global_queue_interval = 31)]
async fn example_global_queue_interval() {}

#[mainspring::main(event_interval = 31)]
async fn example_event_interval() {}

#[mainspring::main(max_io_events_per_tick = 256)]
async fn example_max_io_events_per_tick() {}

#[mainspring::main(max_io_events_per_busy_tick = 8)]
async fn example_max_io_events_per_busy_tick() {}

#[mainspring::main(enable = ["time"])]
async fn example_enable() {}

#[mainspring::main(on_thread_start = started)]
async fn example_on_thread_start() {}

#[mainspring::main(on_thread_stop = stopped)]
async fn example_on_thread_stop() {}

#[mainspring::main(on_thread_park = parked)]
async fn example_on_thread_park() {}

#[mainspring::main(on_thread_unpark = unparked)]
async fn example_on_thread_unpark() {}

#[cfg(tokio_unstable)]
#[mainspring::main(on_task_spawn = spawned)]
async fn example_on_task_spawn() {}

#[cfg(tokio_unstable)]
#[mainspring::main(on_task_terminate = terminated)]
async fn example_on_task_terminate() {}

#[cfg(tokio_unstable)]
#[mainspring::main(on_before_task_poll = polling)]
async fn example_on_before_task_poll() {}

#[cfg(tokio_unstable)]
#[mainspring::main(on_after_task_poll = polled)]
async fn example_on_after_task_poll() {}

#[cfg(tokio_unstable)]
#[mainspring::main(rng_seed = 42)]
async fn example_rng_seed() {}

#[cfg(tokio_unstable)]
#[mainspring::main(disable_lifo_slot = true)]
async fn example_disable_lifo_slot() {}

#[cfg(tokio_unstable)]
#[mainspring::main(eager_driver_handoff = true)]
async fn example_eager_driver_handoff() {}

#[mainspring::main(builder = my_builder)]
async fn example_builder() {}

#[mainspring::test(timeout = "5s")]
async fn example_timeout() {}

#[mainspring::test(shutdown_timeout = "5s")]
async fn example_shutdown_timeout() {}

#[mainspring::test(cleanup_timeout = "5s")]
async fn example_cleanup_timeout() {}

#[mainspring::test(stack_size = "64MiB")]
async fn example_stack_size() {}

#[mainspring::test(fail_on_task_panic = true)]
async fn example_fail_on_task_panic() {}

#[mainspring::test(fail_on_leaked_tasks = true)]
async fn example_fail_on_leaked_tasks() {}

#[mainspring::test(fail_on_blocking = "100ms")]
async fn example_fail_on_blocking() {}

#[mainspring::test(warn_on_blocking = "50ms")]
async fn example_warn_on_blocking() {}

#[mainspring::test(shared)]
async fn example_shared() {}

#[test]
fn the_examples_on_main_run() {
    example_flavor();
    example_worker_threads();
    example_max_worker_threads();
    example_crate();
    example_name();
    example_thread_name();
    example_thread_name_fn();
    example_thread_stack_size();
    example_max_blocking_threads();
    example_thread_keep_alive();
    example_global_queue_interval();
    example_event_interval();
    example_max_io_events_per_tick();
    example_max_io_events_per_busy_tick();
    example_enable();
    example_on_thread_start();
    example_on_thread_stop();
    example_on_thread_park();
    example_on_thread_unpark();
    #[cfg(tokio_unstable)]
    example_on_task_spawn();
    #[cfg(tokio_unstable)]
    example_on_task_terminate();
    #[cfg(tokio_unstable)]
    example_on_before_task_poll();
    #[cfg(tokio_unstable)]
    example_on_after_task_poll();
    #[cfg(tokio_unstable)]
    example_rng_seed();
    #[cfg(tokio_unstable)]
    example_disable_lifo_slot();
    #[cfg(tokio_unstable)]
    example_eager_driver_handoff();
    example_builder();
}
