// Generated from `macro/src/table.rs` by `macro/src/generated/`: `UPDATE_EXPECT=1 cargo test -p mainspring-macros generated`. Do not edit.
//! One item per option of `#[mainspring::main]` and `#[mainspring::test]`, documented with the
//! option's row of the table. The expansion names each key written in an attribute as a path to
//! its item, with the key's span, so that an editor completes option names, shows their docs on
//! hover and jumps to them.
#![allow(non_camel_case_types)]

/// Which scheduler runs the body: tokio's multi-threaded one, a single-threaded one on the calling thread, or a `LocalRuntime`, where `spawn_local` works.
///
/// `#[mainspring::main(flavor = "current_thread")]`
///
/// **Value**: `"multi_thread"` (feature `rt-multi-thread`, on by default), `"current_thread"`, `"local"`; on a test, a list of them.
///
/// **Default**: `"multi_thread"` on `main`, `"current_thread"` on a test.
///
/// **Needs**: no `builder`.
///
/// **Becomes**: `Builder::new_multi_thread()`, `Builder::new_current_thread()`; `"local"` builds a `LocalRuntime` with `.build_local(..)`, so `spawn_local` works without a `LocalSet`; a list makes one test per flavor.
pub struct flavor;

/// How many worker threads the multi-threaded runtime starts to run tasks.
///
/// `#[mainspring::main(worker_threads = 4)]`
///
/// **Value**: an integer ≥ 1, or an expression.
///
/// **Default**: one per core, or `TOKIO_WORKER_THREADS`.
///
/// **Needs**: `multi_thread`.
///
/// **Becomes**: `.worker_threads(4)`.
pub struct worker_threads;

/// An upper bound on the worker count, which is otherwise one per core (or `TOKIO_WORKER_THREADS`).
///
/// `#[mainspring::main(max_worker_threads = 8)]`
///
/// **Value**: an integer ≥ 1, or an expression.
///
/// **Default**: no cap.
///
/// **Needs**: `multi_thread`; no `worker_threads`.
///
/// **Becomes**: `.worker_threads(n)` where `n` is the default count (one per core, or `TOKIO_WORKER_THREADS`) capped at 8.
pub struct max_worker_threads;

/// Starts the runtime's clock paused: when nothing else can run, time jumps to the next timer, so sleeps and timeouts end at once, in order.
///
/// `#[mainspring::test(start_paused = true)]`
///
/// **Value**: `true`, `false`, or a `bool` expression.
///
/// **Default**: `false`.
///
/// **Needs**: `current_thread` or `local`; feature `test-util`.
///
/// **Becomes**: `.start_paused(true)`.
pub struct start_paused;

/// Where the expansion finds mainspring, when it is renamed or re-exported.
///
/// `#[mainspring::main(crate = "my_mainspring")]`
///
/// **Value**: a path, in a string (`"::renamed"`, tokio's spelling) or bare (`renamed`).
///
/// **Default**: `::mainspring`.
///
/// **Needs**: nothing.
///
/// **Becomes**: where the expansion finds `mainspring` (a renamed dependency or a re-export): `my_mainspring::__private::..`.
#[doc(hidden)]
pub struct crate_;

/// What a panic in a spawned task does: end only that task, or shut the runtime down, which fails the body.
///
/// `#[mainspring::test(unhandled_panic = "shutdown_runtime")]`
///
/// **Value**: `"ignore"`, `"shutdown_runtime"`.
///
/// **Default**: `"ignore"`.
///
/// **Needs**: `current_thread` or `local`; `--cfg tokio_unstable`.
///
/// **Becomes**: `.unhandled_panic(UnhandledPanic::ShutdownRuntime)`.
pub struct unhandled_panic;

/// A name for the runtime, as `Handle::name()` returns it, for logs and metrics.
///
/// `#[mainspring::main(name = "api")]`
///
/// **Value**: a string that is not blank, or an expression.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.name("api")`, the runtime's name (`Handle::current().name()`).
pub struct name;

/// The name of every thread the runtime starts: its workers and its blocking threads.
///
/// `#[mainspring::main(thread_name = "worker")]`
///
/// **Value**: a string, or an expression.
///
/// **Default**: `"tokio-rt-worker"`.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.thread_name("worker")`: the name of worker and blocking threads.
pub struct thread_name;

/// A function that names each thread the runtime starts.
///
/// `#[mainspring::main(thread_name_fn = next_name)]`
///
/// **Value**: a path to a fn, or a closure, returning `String`.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.thread_name_fn(next_name)`.
pub struct thread_name_fn;

/// The stack size of each thread the runtime starts.
///
/// `#[mainspring::main(thread_stack_size = "3MiB")]`
///
/// **Value**: bytes ≥ 1: an integer, `"512KiB"`, `"3MiB"`, `"1GiB"` (`KB`, `MB`, `GB` are decimal), or an expression.
///
/// **Default**: 2 MiB.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.thread_stack_size(3145728)`.
pub struct thread_stack_size;

/// How many threads `spawn_blocking` work may use at most.
///
/// `#[mainspring::main(max_blocking_threads = 64)]`
///
/// **Value**: an integer ≥ 1, or an expression.
///
/// **Default**: 512.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.max_blocking_threads(64)`.
pub struct max_blocking_threads;

/// How long an idle blocking thread waits for more work before it exits.
///
/// `#[mainspring::main(thread_keep_alive = "30s")]`
///
/// **Value**: `"250ms"`, `"10s"`, `"2m"`, `"1h"` (also `ns`, `us`), or a `Duration` expression.
///
/// **Default**: 10 s.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.thread_keep_alive(Duration::from_secs(30))`.
pub struct thread_keep_alive;

/// How many tasks a worker runs between looks at the queue that tasks spawned from outside the runtime wait in.
///
/// `#[mainspring::main(global_queue_interval = 31)]`
///
/// **Value**: an integer ≥ 1 (`u32`), or an expression.
///
/// **Default**: 31 on `current_thread`; tokio's heuristic on `multi_thread`.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.global_queue_interval(31)`.
pub struct global_queue_interval;

/// How many tasks a worker runs between checks for I/O and timer events.
///
/// `#[mainspring::main(event_interval = 31)]`
///
/// **Value**: an integer ≥ 1 (`u32`), or an expression.
///
/// **Default**: 61.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.event_interval(31)`.
pub struct event_interval;

/// How many I/O events the runtime takes from the operating system at each check.
///
/// `#[mainspring::main(max_io_events_per_tick = 256)]`
///
/// **Value**: an integer ≥ 1, or an expression.
///
/// **Default**: 1024.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.max_io_events_per_tick(256)`.
pub struct max_io_events_per_tick;

/// How many I/O events a worker that has tasks waiting takes at each check, so that a flood of events does not hold its tasks back. Since 0.2.
///
/// `#[mainspring::main(max_io_events_per_busy_tick = 8)]`
///
/// **Value**: an integer ≥ 1, or an expression.
///
/// **Default**: the value of `max_io_events_per_tick`.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.max_io_events_per_busy_tick(8)`: the I/O events a worker takes when it polls the driver while it still has tasks to run.
pub struct max_io_events_per_busy_tick;

/// Which drivers the runtime gets: I/O, time, or both.
///
/// `#[mainspring::main(enable = ["time"])]`
///
/// **Value**: a list of drivers: `["io", "time"]`, or `[]` for none.
///
/// **Default**: every driver (`.enable_all()`); with `builder`, the builder's.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.enable_time()` in place of `.enable_all()`.
pub struct enable;

/// A function called on each thread the runtime starts, as it starts.
///
/// `#[mainspring::main(on_thread_start = started)]`
///
/// **Value**: a path to a fn, or a closure.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.on_thread_start(started)`.
pub struct on_thread_start;

/// A function called on each thread the runtime starts, as it stops.
///
/// `#[mainspring::main(on_thread_stop = stopped)]`
///
/// **Value**: a path to a fn, or a closure.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.on_thread_stop(stopped)`.
pub struct on_thread_stop;

/// A function called on a worker thread as it goes idle.
///
/// `#[mainspring::main(on_thread_park = parked)]`
///
/// **Value**: a path to a fn, or a closure.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.on_thread_park(parked)`.
pub struct on_thread_park;

/// A function called on a worker thread as it wakes.
///
/// `#[mainspring::main(on_thread_unpark = unparked)]`
///
/// **Value**: a path to a fn, or a closure.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: `.on_thread_unpark(unparked)`.
pub struct on_thread_unpark;

/// A function called with each task as it is spawned. Since 0.2.
///
/// `#[mainspring::main(on_task_spawn = spawned)]`
///
/// **Value**: a path to a fn, or a closure, taking `&tokio::runtime::TaskMeta`.
///
/// **Default**: none.
///
/// **Needs**: `--cfg tokio_unstable`.
///
/// **Becomes**: `.on_task_spawn(spawned)`: called as each task is spawned, with its id and where it was spawned (`TaskMeta::spawned_at`).
pub struct on_task_spawn;

/// A function called with each task as it ends. Since 0.2.
///
/// `#[mainspring::main(on_task_terminate = terminated)]`
///
/// **Value**: a path to a fn, or a closure, taking `&tokio::runtime::TaskMeta`.
///
/// **Default**: none.
///
/// **Needs**: `--cfg tokio_unstable`.
///
/// **Becomes**: `.on_task_terminate(terminated)`: called as each task ends (finished, cancelled or panicked).
pub struct on_task_terminate;

/// A function called before each poll of a task. Since 0.2.
///
/// `#[mainspring::main(on_before_task_poll = polling)]`
///
/// **Value**: a path to a fn, or a closure, taking `&tokio::runtime::TaskMeta`.
///
/// **Default**: none.
///
/// **Needs**: `--cfg tokio_unstable`.
///
/// **Becomes**: `.on_before_task_poll(polling)`.
pub struct on_before_task_poll;

/// A function called after each poll of a task. Since 0.2.
///
/// `#[mainspring::main(on_after_task_poll = polled)]`
///
/// **Value**: a path to a fn, or a closure, taking `&tokio::runtime::TaskMeta`.
///
/// **Default**: none.
///
/// **Needs**: `--cfg tokio_unstable`.
///
/// **Becomes**: `.on_after_task_poll(polled)`.
pub struct on_after_task_poll;

/// A seed for the runtime's random choices (which branch of `select!` is polled first, which worker is stolen from), so that a run can be repeated. Since 0.2.
///
/// `#[mainspring::main(rng_seed = 42)]`
///
/// **Value**: an integer (`u64`, 0 too), or an expression.
///
/// **Default**: a random seed per runtime.
///
/// **Needs**: `--cfg tokio_unstable`.
///
/// **Becomes**: `.rng_seed(RngSeed::from_bytes(&42u64.to_le_bytes()))`: the same seed, the same choices where tokio picks at random (which ready branch of `tokio::select!` is polled first).
pub struct rng_seed;

/// Stops a worker from running a task woken by the running task next, ahead of its queue, where no other worker could steal it. Since 0.2.
///
/// `#[mainspring::main(disable_lifo_slot = true)]`
///
/// **Value**: `true`, `false`.
///
/// **Default**: `false`.
///
/// **Needs**: `multi_thread`; `--cfg tokio_unstable`.
///
/// **Becomes**: `.disable_lifo_slot()` (`false`: nothing).
pub struct disable_lifo_slot;

/// Makes a worker that holds the I/O and time driver wake another worker to take it before it runs a task, so that one long poll does not hold up every timer and I/O event. Since 0.2.
///
/// `#[mainspring::main(eager_driver_handoff = true)]`
///
/// **Value**: `true`, `false`.
///
/// **Default**: `false`.
///
/// **Needs**: `multi_thread`; `--cfg tokio_unstable`.
///
/// **Becomes**: `.enable_eager_driver_handoff()` (`false`: nothing).
pub struct eager_driver_handoff;

/// A function of yours that returns the `Builder` the runtime starts from.
///
/// `#[mainspring::main(builder = my_builder)]`
///
/// **Value**: a path to a `fn() -> tokio::runtime::Builder`.
///
/// **Default**: `Builder::new_..()` of the flavor.
///
/// **Needs**: nothing.
///
/// **Becomes**: `my_builder()` in place of `Builder::new_..()`; the other options apply on top (`max_worker_threads` replaces its worker count), and without `enable` its drivers are kept.
pub struct builder;

/// Fails the body when it runs longer than this, in real time.
///
/// `#[mainspring::test(timeout = "5s")]`
///
/// **Value**: `"250ms"`, `"10s"`, `"2m"`, `"1h"` (also `ns`, `us`), or a `Duration` expression.
///
/// **Default**: none.
///
/// **Needs**: nothing.
///
/// **Becomes**: a panic ``timed out: it ran longer than its `timeout = "5s"` `` when the body runs longer, in real time (also with `start_paused`); a body that blocks its thread past the limit fails when it next yields or returns.
pub struct timeout;

/// Bounds how long the fn waits, as its runtime shuts down, for blocking work still running. Since 0.2.
///
/// `#[mainspring::test(shutdown_timeout = "5s")]`
///
/// **Value**: `"250ms"`, `"10s"`, `"2m"`, `"1h"` (also `ns`, `us`), or a `Duration` expression.
///
/// **Default**: none: dropping the runtime waits for every `spawn_blocking` task, however long.
///
/// **Needs**: nothing.
///
/// **Becomes**: when the body has returned, returned `Err` or panicked, the runtime is shut down as dropping it would (its tasks first, then a wait for its threads), except that the wait for blocking tasks ends at the limit: those still running are left to end with the process, and the fn returns. It never waits longer than a drop would (`"0s"`: no wait, as tokio's `shutdown_background()`).
pub struct shutdown_timeout;

/// How long each future given to `mainspring::cleanup` may run. Since 0.2.
///
/// `#[mainspring::test(cleanup_timeout = "5s")]`
///
/// **Value**: `"250ms"`, `"10s"`, `"2m"`, `"1h"` (also `ns`, `us`), or a `Duration` expression.
///
/// **Default**: 10 s for each cleanup.
///
/// **Needs**: nothing.
///
/// **Becomes**: each future given to `mainspring::cleanup` in the body gets at most that long, in real time; one that runs longer is dropped and fails the fn (after the body's own failure, if it failed).
pub struct cleanup_timeout;

/// Runs the runtime and the body on a new thread with this much stack.
///
/// `#[mainspring::test(stack_size = "64MiB")]`
///
/// **Value**: bytes ≥ 1: an integer, `"512KiB"`, `"3MiB"`, `"1GiB"` (`KB`, `MB`, `GB` are decimal), or an expression.
///
/// **Default**: the calling thread's stack.
///
/// **Needs**: nothing.
///
/// **Becomes**: the runtime and the body run on a new thread with that stack; the return value and any panic come back unchanged.
pub struct stack_size;

/// Fails the fn when a task spawned on its runtime panics, even one that nobody awaits.
///
/// `#[mainspring::test(fail_on_task_panic = true)]`
///
/// **Value**: `true`, `false`.
///
/// **Default**: `false`.
///
/// **Needs**: nothing.
///
/// **Becomes**: a panic in any task spawned on the runtime (or in `spawn_blocking` work) fails the test (or `main`) with that panic's message, even when nobody awaits its `JoinHandle`; after the body's own failure (its panic, or its `Err`, with the task's panic written after it).
pub struct fail_on_task_panic;

/// Fails the fn when tasks it spawned are still running when its body returns. Since 0.2.
///
/// `#[mainspring::test(fail_on_leaked_tasks = true)]`
///
/// **Value**: `true`, `false`.
///
/// **Default**: `false`.
///
/// **Needs**: nothing.
///
/// **Becomes**: when the body has returned and the runtime has run what was ready to run, a panic if tasks spawned on it are still alive, whatever they wait for (they would be cancelled unseen): how many and, under `--cfg tokio_unstable`, where each was spawned; `spawn_blocking` work is not counted. An `Err` the body returned comes first, with the leak written after it.
pub struct fail_on_leaked_tasks;

/// Fails the fn when one poll keeps a thread of its runtime from the scheduler this long. Since 0.2.
///
/// `#[mainspring::test(fail_on_blocking = "100ms")]`
///
/// **Value**: `"250ms"`, `"10s"`, `"2m"`, `"1h"` (also `ns`, `us`), or a `Duration` expression.
///
/// **Default**: none.
///
/// **Needs**: no `builder`.
///
/// **Becomes**: a panic when a thread of the runtime (the body's, a worker) is kept from its scheduler that long by one poll (a `std::thread::sleep`, a blocking read, a lock held across a slow call, a loop that never yields), in the time the thread ran or slept, not the time it waited for a core: what was polled (the body, or a task: under `--cfg tokio_unstable` its id and where it was spawned) and for how long. The body fails at its next poll; after its own `Err`, if it had returned one.
pub struct fail_on_blocking;

/// Writes a line to stderr when one poll keeps a thread of its runtime from the scheduler this long. Since 0.2.
///
/// `#[mainspring::test(warn_on_blocking = "50ms")]`
///
/// **Value**: `"250ms"`, `"10s"`, `"2m"`, `"1h"` (also `ns`, `us`), or a `Duration` expression.
///
/// **Default**: none.
///
/// **Needs**: no `builder`.
///
/// **Becomes**: the same check, as a line on stderr for each occurrence, with how long it lasted (at most 5 lines a second); the fn goes on.
pub struct warn_on_blocking;

/// Runs the test on a runtime built once per test binary, which the tests that ask for it share.
///
/// `#[mainspring::test(shared)]`
///
/// **Value**: nothing (`shared`, which needs feature `rt-multi-thread`), `true`, `false`, or a path to a `static` of type `mainspring::SharedRuntime`.
///
/// **Default**: `false`: a runtime of the test's own.
///
/// **Needs**: a test.
///
/// **Becomes**: the test runs on a runtime built once per test binary (by the static's builder fn, or `multi_thread` with every driver) and never shut down; only `timeout` and `crate` go with it.
pub struct shared;

/// Not an option of `#[mainspring::main]` or `#[mainspring::test]`. The options are `flavor`, `worker_threads`, `max_worker_threads`, `start_paused`, `crate`, `unhandled_panic`, `name`, `thread_name`, `thread_name_fn`, `thread_stack_size`, `max_blocking_threads`, `thread_keep_alive`, `global_queue_interval`, `event_interval`, `max_io_events_per_tick`, `max_io_events_per_busy_tick`, `enable`, `on_thread_start`, `on_thread_stop`, `on_thread_park`, `on_thread_unpark`, `on_task_spawn`, `on_task_terminate`, `on_before_task_poll`, `on_after_task_poll`, `rng_seed`, `disable_lifo_slot`, `eager_driver_handoff`, `builder`, `timeout`, `shutdown_timeout`, `cleanup_timeout`, `stack_size`, `fail_on_task_panic`, `fail_on_leaked_tasks`, `fail_on_blocking`, `warn_on_blocking`, `shared`.
#[doc(hidden)]
pub struct __key;
