//! The runtime options of `#[mainspring::main]` and `#[mainspring::test]`, each observed at run
//! time rather than only compiled: thread names from `thread_name` and `thread_name_fn`, worker
//! counts from `Handle::current().metrics()` (also capped by `max_worker_threads`), a deep recursion that fits only with the
//! bigger `thread_stack_size` (the crashing variants run as child processes of `opt_stack`), the
//! blocking pool never running more than `max_blocking_threads` at once, idle blocking threads
//! leaving after `thread_keep_alive`, which drivers `enable` turns on, the four thread hooks
//! counting what they see, the scheduling order that `global_queue_interval`, `event_interval`,
//! `max_io_events_per_tick` and `max_io_events_per_busy_tick` set on a current-thread runtime,
//! and `builder = fn` with options applied on top. Values are given as literals and as expressions (a `const`, a fn call, an
//! env var read in `opt_env`, `3 * 1024 * 1024`, `Duration::from_millis(..)`); an expression
//! that evaluates to 0 panics with a message naming the option.
//!
//! `#[mainspring::test]` is used on tests directly. `#[mainspring::main]` is used on ordinary
//! async fns that a plain `#[test]` calls and checks once the runtime is gone, and on the
//! programs `src/bin/opt_*.rs` run as child processes.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::future::poll_fn;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::{Builder, Handle, RuntimeFlavor};
use tokio::time::sleep;

use mainspring_tests::child::{Output, run};
use mainspring_tests::probe::{self, deep_recursion, thread_name};

// ---- helpers run inside the runtime under test ----

/// The distinct names of the threads 16 spawned tasks ran on, each after a yield.
async fn task_thread_names() -> BTreeSet<String> {
    probe::task_thread_names(16).await.into_iter().collect()
}

/// The name of the thread a `spawn_blocking` closure ran on.
async fn blocking_thread_name() -> String {
    tokio::task::spawn_blocking(thread_name).await.unwrap()
}

fn workers() -> usize {
    Handle::current().metrics().num_workers()
}

/// 80 frames of 64 KiB (`probe::dig`, also what `opt_stack` runs): about 5 MiB of stack, more
/// than the 2 MiB tokio's threads have by default.
const DEEP: usize = 80;
/// tokio's default stack size for the threads it spawns.
const DEFAULT_STACK: usize = 2 * 1024 * 1024;

/// How many blocking tasks the pool is given at once.
const BLOCKING_TASKS: usize = 8;

/// What `blocking_peak` saw.
struct Peak {
    /// The highest number of blocking tasks running at once.
    at_once: usize,
    /// How many distinct threads ran them.
    threads: usize,
}

/// Runs `BLOCKING_TASKS` blocking tasks. Each counts itself in while it runs, records the highest
/// count seen and its thread, and keeps its thread until `target` tasks have been running at once
/// or `patience` has passed.
async fn blocking_peak(target: usize, patience: Duration) -> Peak {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..BLOCKING_TASKS)
        .map(|_| {
            let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
            tokio::task::spawn_blocking(move || {
                let now = running.fetch_add(1, SeqCst) + 1;
                peak.fetch_max(now, SeqCst);
                let started = Instant::now();
                while peak.load(SeqCst) < target && started.elapsed() < patience {
                    thread::sleep(Duration::from_millis(1));
                }
                running.fetch_sub(1, SeqCst);
                thread::current().id()
            })
        })
        .collect();
    let mut threads = BTreeSet::new();
    for task in tasks {
        threads.insert(format!("{:?}", task.await.unwrap()));
    }
    Peak {
        at_once: peak.load(SeqCst),
        threads: threads.len(),
    }
}

/// Sets its flag when dropped; kept in a thread-local, it is dropped when its thread exits.
struct SetOnExit(Arc<AtomicBool>);

impl Drop for SetOnExit {
    fn drop(&mut self) {
        self.0.store(true, SeqCst);
    }
}

thread_local! {
    static ON_EXIT: RefCell<Option<SetOnExit>> = const { RefCell::new(None) };
}

/// Polls `done` every 10 ms for up to a generous 5 s; says whether it became true.
async fn eventually(done: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    while !done() && started.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(10)).await;
    }
    done()
}

/// What happened to the thread of a blocking task once it was idle.
struct Idle {
    /// The thread had exited (seen through a thread-local destructor).
    exited: bool,
    /// A second blocking task ran on the same thread as the first.
    reused: bool,
}

/// Runs a blocking task whose thread is watched for its exit, waits, then runs a second blocking
/// task. `wait_for_exit`: wait until the thread exits (polled up to 5 s); otherwise idle 200 ms.
async fn idle_blocking_thread(wait_for_exit: bool) -> Idle {
    let exited = Arc::new(AtomicBool::new(false));
    let watched = Arc::clone(&exited);
    let first = tokio::task::spawn_blocking(move || {
        ON_EXIT.with(|slot| *slot.borrow_mut() = Some(SetOnExit(watched)));
        thread::current().id()
    })
    .await
    .unwrap();
    if wait_for_exit {
        eventually(|| exited.load(SeqCst)).await;
    } else {
        sleep(Duration::from_millis(200)).await;
    }
    let exited = exited.load(SeqCst);
    let second = tokio::task::spawn_blocking(|| thread::current().id())
        .await
        .unwrap();
    Idle {
        exited,
        reused: first == second,
    }
}

/// A TCP echo over loopback: needs the IO driver.
async fn tcp_round_trip() -> Vec<u8> {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buffer = [0u8; 4];
        stream.read_exact(&mut buffer).await.unwrap();
        stream.write_all(&buffer).await.unwrap();
    });
    let mut client = TcpStream::connect(address).await.unwrap();
    client.write_all(b"ping").await.unwrap();
    let mut echoed = vec![0u8; 4];
    client.read_exact(&mut echoed).await.unwrap();
    server.await.unwrap();
    echoed
}

/// Sleeps on a tokio timer: needs the time driver. Returns how long the clock says it slept.
async fn timer_sleep() -> Duration {
    let started = tokio::time::Instant::now();
    sleep(Duration::from_millis(5)).await;
    started.elapsed()
}

/// Binds a tokio TCP listener and returns nothing: panics when the IO driver is off.
async fn bind_listener() {
    let _listener = TcpListener::bind("127.0.0.1:0").await;
}

/// Tasks queued ahead in the scheduling-order experiments below.
const QUEUED_TASKS: usize = 100;

/// Queues `QUEUED_TASKS` tasks on this thread's local run queue, then wakes the `block_on`
/// future itself and yields once. Returns how many of the queued tasks ran before the
/// current-thread scheduler polled the `block_on` future again.
async fn tasks_run_before_block_on_is_polled_again() -> usize {
    let ran = Arc::new(AtomicUsize::new(0));
    for _ in 0..QUEUED_TASKS {
        let ran = Arc::clone(&ran);
        tokio::spawn(async move {
            ran.fetch_add(1, SeqCst);
        });
    }
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await;
    ran.load(SeqCst)
}

/// Queues `QUEUED_TASKS` tasks on this thread's local run queue and one task on the global
/// (remote) queue, spawned from another thread. Returns how many local tasks ran before it.
async fn local_tasks_run_before_the_remote_task() -> usize {
    let ran = Arc::new(AtomicUsize::new(0));
    for _ in 0..QUEUED_TASKS {
        let ran = Arc::clone(&ran);
        tokio::spawn(async move {
            ran.fetch_add(1, SeqCst);
        });
    }
    let handle = Handle::current();
    let seen = Arc::clone(&ran);
    let remote = thread::spawn(move || handle.spawn(async move { seen.load(SeqCst) }))
        .join()
        .unwrap();
    remote.await.unwrap()
}

/// UDP sockets made readable together in the IO-events experiment.
const SOCKETS: usize = 8;

/// Makes `SOCKETS` UDP sockets readable at once (each holds a datagram before tokio registers
/// it), starts one receiving task per socket and a yardstick task that counts the scheduler's
/// driver turns (it yields, and a yield is woken at the next turn). Returns in how many distinct
/// turns the receivers were woken.
async fn driver_turns_waking_readable_sockets() -> usize {
    let sender = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut sockets = Vec::new();
    for i in 0..SOCKETS {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        sender
            .send_to(&[u8::try_from(i).unwrap()], socket.local_addr().unwrap())
            .unwrap();
        // Blocks until the datagram is there, so every socket is readable when registered.
        socket
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        socket.peek(&mut [0u8; 1]).expect("the datagram arrived");
        socket.set_nonblocking(true).unwrap();
        sockets.push(tokio::net::UdpSocket::from_std(socket).unwrap());
    }
    let turns = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let yardstick = tokio::spawn({
        let (turns, stop) = (Arc::clone(&turns), Arc::clone(&stop));
        async move {
            while !stop.load(SeqCst) {
                turns.fetch_add(1, SeqCst);
                tokio::task::yield_now().await;
            }
        }
    });
    let receivers: Vec<_> = sockets
        .into_iter()
        .map(|socket| {
            let turns = Arc::clone(&turns);
            tokio::spawn(async move {
                socket.recv(&mut [0u8; 1]).await.unwrap();
                turns.load(SeqCst)
            })
        })
        .collect();
    let mut woken_in = BTreeSet::new();
    for receiver in receivers {
        woken_in.insert(receiver.await.unwrap());
    }
    stop.store(true, SeqCst);
    yardstick.await.unwrap();
    woken_in.len()
}

// ==== thread_name ====

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    thread_name = "opt-worker"
)]
async fn test_thread_name_names_worker_and_blocking_threads() {
    let tasks = task_thread_names().await;
    assert_eq!(tasks, BTreeSet::from(["opt-worker".to_owned()]));
    assert_eq!(blocking_thread_name().await, "opt-worker");
    // The test body itself runs on the test harness's thread, which keeps its own name.
    assert_ne!(thread_name(), "opt-worker");
}

const NAME_PREFIX: &str = "opt";

#[mainspring::test(thread_name = format!("{NAME_PREFIX}-blocking"))]
async fn test_thread_name_expression_names_blocking_threads_of_current_thread() {
    assert_eq!(blocking_thread_name().await, "opt-blocking");
    assert_ne!(thread_name(), "opt-blocking");
}

#[mainspring::main(thread_name = "main-worker")]
async fn names_under_main() -> (BTreeSet<String>, String) {
    (task_thread_names().await, blocking_thread_name().await)
}

#[test]
fn main_thread_name_names_worker_and_blocking_threads() {
    let (tasks, blocking) = names_under_main();
    assert_eq!(tasks, BTreeSet::from(["main-worker".to_owned()]));
    assert_eq!(blocking, "main-worker");
}

#[test]
fn main_thread_name_from_an_env_var() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opt_env"));
    command
        .env("OPT_WORKERS", "2")
        .env("OPT_THREAD_NAME", "from-env");
    let output = run(command);
    assert!(output.status.success(), "stderr:\n{}", output.stderr);
    assert_eq!(output.value("thread"), "from-env");
}

// ==== thread_name_fn ====

static TEST_POOL_NAMES: AtomicUsize = AtomicUsize::new(0);

fn next_test_pool_name() -> String {
    format!("pool-{}", TEST_POOL_NAMES.fetch_add(1, SeqCst) + 1)
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, thread_name_fn = next_test_pool_name)]
async fn test_thread_name_fn_numbers_each_thread() {
    let tasks = task_thread_names().await;
    let blocking = blocking_thread_name().await;
    // The runtime spawned 3 threads, 2 workers and 1 blocking thread, and named each with one
    // call: "pool-1" to "pool-3". Which number each got depends on the blocking pool's timing.
    assert_eq!(TEST_POOL_NAMES.load(SeqCst), 3);
    let names: BTreeSet<String> = (1..=3).map(|n| format!("pool-{n}")).collect();
    assert!(
        !tasks.is_empty() && tasks.is_subset(&names),
        "tasks ran on {tasks:?}"
    );
    assert!(
        names.contains(&blocking),
        "blocking task ran on {blocking:?}"
    );
    assert!(!tasks.contains(&blocking), "a worker ran the blocking task");
}

static MAIN_POOL_NAMES: AtomicUsize = AtomicUsize::new(0);

#[mainspring::main(
    worker_threads = 3,
    thread_name_fn = || format!("closure-{}", MAIN_POOL_NAMES.fetch_add(1, SeqCst) + 1)
)]
async fn names_from_a_closure_under_main() -> (BTreeSet<String>, String) {
    (task_thread_names().await, blocking_thread_name().await)
}

#[test]
fn main_thread_name_fn_closure_numbers_each_thread() {
    let (tasks, blocking) = names_from_a_closure_under_main();
    // 3 workers and 1 blocking thread, each named by one call of the closure.
    assert_eq!(MAIN_POOL_NAMES.load(SeqCst), 4);
    let names: BTreeSet<String> = (1..=4).map(|n| format!("closure-{n}")).collect();
    assert!(
        !tasks.is_empty() && tasks.is_subset(&names),
        "tasks ran on {tasks:?}"
    );
    assert!(
        names.contains(&blocking),
        "blocking task ran on {blocking:?}"
    );
    assert!(!tasks.contains(&blocking), "a worker ran the blocking task");
}

// ==== worker_threads ====

const WORKERS: usize = 2;

const fn half(n: usize) -> usize {
    n / 2
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 3)]
async fn test_worker_threads_literal() {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::MultiThread
    );
    assert_eq!(workers(), 3);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = WORKERS)]
async fn test_worker_threads_const() {
    assert_eq!(workers(), 2);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = half(10))]
async fn test_worker_threads_const_fn_call() {
    assert_eq!(workers(), 5);
}

#[mainspring::main(worker_threads = 4)]
async fn workers_under_main_literal() -> usize {
    workers()
}

#[mainspring::main(worker_threads = WORKERS + half(2))]
async fn workers_under_main_expression() -> usize {
    workers()
}

#[test]
fn main_worker_threads_literal_and_expression() {
    assert_eq!(workers_under_main_literal(), 4);
    assert_eq!(workers_under_main_expression(), 3);
}

#[test]
fn main_worker_threads_from_an_env_var() {
    for count in ["1", "5"] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_opt_env"));
        command.env("OPT_WORKERS", count);
        let output = run(command);
        assert!(output.status.success(), "stderr:\n{}", output.stderr);
        assert_eq!(output.value("workers"), count);
    }
}

#[test]
fn main_worker_threads_env_var_of_0_fails_naming_the_option() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opt_env"));
    command.env("OPT_WORKERS", "0");
    let output = run(command);
    assert_eq!(
        output.status.code(),
        Some(101),
        "stderr:\n{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("mainspring: option `worker_threads` evaluated to 0; it must be at least 1"),
        "stderr:\n{}",
        output.stderr
    );
    // The check runs before the runtime is built: the body never ran.
    assert_eq!(output.stdout, "");
}

#[mainspring::test(flavor = "multi_thread", worker_threads = half(1))]
#[should_panic(expected = "option `worker_threads` evaluated to 0")]
async fn test_worker_threads_expression_of_0_panics() {}

// ==== max_worker_threads: tokio's default count, capped ====

#[mainspring::test(flavor = "multi_thread", max_worker_threads = 1)]
async fn test_max_worker_threads_caps_the_default_count() {
    assert_eq!(workers(), 1);
}

#[mainspring::main(max_worker_threads = 10_000)]
async fn workers_under_a_cap_above_the_core_count() -> usize {
    workers()
}

#[test]
fn main_max_worker_threads_above_the_default_count_keeps_it() {
    // The default count: `TOKIO_WORKER_THREADS` where the environment sets it, else one per
    // core. (The child-process tests below set it themselves.)
    let default = match std::env::var("TOKIO_WORKER_THREADS") {
        Ok(count) => count.parse().expect("TOKIO_WORKER_THREADS is a number"),
        Err(_) => thread::available_parallelism().unwrap().get(),
    };
    assert_eq!(workers_under_a_cap_above_the_core_count(), default);
}

/// `opt_max_workers` with the cap `OPT_MAX_WORKERS=cap` and `TOKIO_WORKER_THREADS=tokio`
/// (removed when `None`).
fn max_workers(cap: &str, tokio: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opt_max_workers"));
    command.env("OPT_MAX_WORKERS", cap);
    match tokio {
        Some(count) => command.env("TOKIO_WORKER_THREADS", count),
        None => command.env_remove("TOKIO_WORKER_THREADS"),
    };
    run(command)
}

#[test]
fn main_max_worker_threads_caps_tokio_worker_threads_and_one_per_core() {
    let cores = thread::available_parallelism().unwrap().get();
    for (cap, tokio, expected) in [
        ("3", Some("5"), 3),
        ("3", Some("2"), 2),
        ("1", None, 1),
        ("10000", None, cores),
    ] {
        let output = max_workers(cap, tokio);
        assert!(output.status.success(), "stderr:\n{}", output.stderr);
        assert_eq!(
            output.value("workers"),
            expected.to_string(),
            "cap {cap}, TOKIO_WORKER_THREADS {tokio:?}"
        );
    }
}

#[test]
fn main_max_worker_threads_of_0_and_a_bad_tokio_worker_threads_fail_with_their_messages() {
    for (cap, tokio, message) in [
        (
            "0",
            None,
            "mainspring: option `max_worker_threads` evaluated to 0; it must be at least 1",
        ),
        (
            "2",
            Some("many"),
            "\"TOKIO_WORKER_THREADS\" must be usize, error: invalid digit found in string, value: many",
        ),
        (
            "2",
            Some("0"),
            "\"TOKIO_WORKER_THREADS\" cannot be set to 0",
        ),
    ] {
        let output = max_workers(cap, tokio);
        assert_eq!(output.code(), Some(101), "stderr:\n{}", output.stderr);
        assert!(
            output.stderr.contains(message),
            "stderr:\n{}",
            output.stderr
        );
        assert_eq!(output.stdout, "", "the body never ran");
    }
}

// ==== thread_stack_size ====

#[mainspring::test(thread_stack_size = "16MiB")]
async fn test_thread_stack_size_string_fits_a_deep_recursion_in_spawn_blocking() {
    let used = tokio::task::spawn_blocking(|| deep_recursion(DEEP))
        .await
        .unwrap();
    // The recursion needed more than the default stack: without the option it cannot fit.
    assert!(used > DEFAULT_STACK, "used {used} bytes");
}

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 1,
    thread_stack_size = 16 * 1024 * 1024
)]
async fn test_thread_stack_size_expression_fits_a_deep_recursion_on_a_worker() {
    let (used, name) = tokio::spawn(async { (deep_recursion(DEEP), thread_name()) })
        .await
        .unwrap();
    assert!(used > DEFAULT_STACK, "used {used} bytes");
    assert_eq!(name, "tokio-rt-worker");
}

fn sixteen_mib() -> usize {
    16 << 20
}

#[mainspring::main(thread_stack_size = sixteen_mib())]
async fn deep_recursion_under_main() -> usize {
    tokio::task::spawn_blocking(|| deep_recursion(DEEP))
        .await
        .unwrap()
}

#[test]
fn main_thread_stack_size_fn_call_fits_a_deep_recursion() {
    let used = deep_recursion_under_main();
    assert!(used > DEFAULT_STACK, "used {used} bytes");
}

#[mainspring::test(thread_stack_size = half(1))]
#[should_panic(expected = "option `thread_stack_size` evaluated to 0")]
async fn test_thread_stack_size_expression_of_0_panics() {}

/// Runs `opt_stack <stack> <place> <frames>` (see `src/bin/opt_stack.rs`).
fn stack_probe(stack: &str, place: &str, frames: usize) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opt_stack"));
    command.args([stack, place, &frames.to_string()]);
    // The default stack size of new threads follows this variable; keep tokio's 2 MiB.
    command.env_remove("RUST_MIN_STACK");
    run(command)
}

fn assert_fits(output: &Output, min_used: usize) {
    assert!(output.status.success(), "stderr:\n{}", output.stderr);
    assert_eq!(output.value("thread"), "stack-probe");
    let used: usize = output.value("used").parse().unwrap();
    assert!(used > min_used, "used {used} bytes");
}

fn assert_overflows(output: &Output) {
    assert!(
        !output.status.success(),
        "the recursion fit; stdout:\n{}",
        output.stdout
    );
    assert_eq!(
        output.status.code(),
        None,
        "not killed by a signal: {:?}",
        output.status
    );
    // `thread '<name>' (<id>) has overflowed its stack`: it was a runtime thread that overflowed.
    assert!(
        output
            .stderr
            .lines()
            .any(|line| line.starts_with("thread 'stack-probe'")
                && line.ends_with("has overflowed its stack")),
        "stderr:\n{}",
        output.stderr
    );
    assert!(!output.stdout.contains("used="));
}

#[test]
fn main_thread_stack_size_16_mib_fits_what_overflows_the_default_in_spawn_blocking() {
    assert_fits(&stack_probe("16MiB", "blocking", DEEP), DEFAULT_STACK);
    assert_overflows(&stack_probe("default", "blocking", DEEP));
}

#[test]
fn main_thread_stack_size_16_mib_fits_what_overflows_the_default_on_a_worker() {
    assert_fits(&stack_probe("16MiB", "worker", DEEP), DEFAULT_STACK);
    assert_overflows(&stack_probe("default", "worker", DEEP));
}

/// 40 frames of 64 KiB: about 2.5 MiB, between the default 2 MiB and `3 * 1024 * 1024`.
const MEDIUM: usize = 40;

#[test]
fn main_thread_stack_size_3_mib_expression_fits_what_overflows_the_default() {
    assert_fits(&stack_probe("3MiB-expr", "worker", MEDIUM), DEFAULT_STACK);
    assert_overflows(&stack_probe("default", "worker", MEDIUM));
}

/// 16 frames of 64 KiB: about 1 MiB, more than 512 KiB and less than the default 2 MiB.
const SHALLOW: usize = 16;

#[test]
fn main_thread_stack_size_512_kib_overflows_where_the_default_fits() {
    assert_fits(&stack_probe("default", "blocking", SHALLOW), 512 * 1024);
    assert_overflows(&stack_probe("512KiB", "blocking", SHALLOW));
}

// ==== max_blocking_threads ====

/// Long enough for a third blocking task to start if the pool allowed it.
const PATIENCE: Duration = Duration::from_millis(50);

fn assert_at_most_2(peak: &Peak) {
    assert!(
        (1..=2).contains(&peak.at_once),
        "{} blocking tasks ran at once",
        peak.at_once
    );
    assert!(
        (1..=2).contains(&peak.threads),
        "{} threads ran the blocking tasks",
        peak.threads
    );
}

#[mainspring::test(max_blocking_threads = 2)]
async fn test_max_blocking_threads_caps_blocking_tasks_running_at_once() {
    assert_at_most_2(&blocking_peak(3, PATIENCE).await);
}

const BLOCKING_LIMIT: usize = 2;

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, max_blocking_threads = BLOCKING_LIMIT)]
async fn test_max_blocking_threads_const_caps_a_multi_thread_pool() {
    assert_at_most_2(&blocking_peak(3, PATIENCE).await);
}

/// The control: the same tasks on a default pool do get 3 (and more) threads at once, waiting
/// up to 10 s for it.
#[mainspring::test]
async fn test_without_max_blocking_threads_the_same_tasks_run_3_at_once() {
    let peak = blocking_peak(3, Duration::from_secs(10)).await;
    assert!(
        peak.at_once >= 3,
        "only {} blocking tasks ran at once",
        peak.at_once
    );
    assert!(peak.threads >= 3, "only {} threads", peak.threads);
}

#[mainspring::main(max_blocking_threads = 2)]
async fn blocking_peak_under_main() -> Peak {
    blocking_peak(3, PATIENCE).await
}

#[test]
fn main_max_blocking_threads_caps_blocking_tasks_running_at_once() {
    assert_at_most_2(&blocking_peak_under_main());
}

#[mainspring::test(max_blocking_threads = BLOCKING_LIMIT - 2)]
#[should_panic(expected = "option `max_blocking_threads` evaluated to 0")]
async fn test_max_blocking_threads_expression_of_0_panics() {}

// ==== thread_keep_alive ====

#[mainspring::test(thread_keep_alive = "50ms")]
async fn test_thread_keep_alive_short_lets_the_idle_blocking_thread_exit() {
    let idle = idle_blocking_thread(true).await;
    assert!(
        idle.exited,
        "the idle blocking thread did not exit within 5 s"
    );
    assert!(!idle.reused, "the next blocking task needed a new thread");
}

#[mainspring::test(thread_keep_alive = "60s")]
async fn test_thread_keep_alive_long_keeps_the_idle_blocking_thread() {
    let idle = idle_blocking_thread(false).await;
    assert!(!idle.exited, "the idle blocking thread exited");
    assert!(idle.reused, "the next blocking task ran on a new thread");
}

#[mainspring::main(worker_threads = 2, thread_keep_alive = Duration::from_millis(50))]
async fn keep_alive_short_under_main() -> Idle {
    idle_blocking_thread(true).await
}

#[mainspring::main(worker_threads = 2, thread_keep_alive = Duration::from_secs(60))]
async fn keep_alive_long_under_main() -> Idle {
    idle_blocking_thread(false).await
}

#[test]
fn main_thread_keep_alive_duration_expressions() {
    let short = keep_alive_short_under_main();
    assert!(
        short.exited,
        "the idle blocking thread did not exit within 5 s"
    );
    assert!(!short.reused);
    let long = keep_alive_long_under_main();
    assert!(!long.exited, "the idle blocking thread exited");
    assert!(long.reused);
}

// ==== enable ====

#[mainspring::test(enable = ["io"])]
#[should_panic(expected = "A Tokio 1.x context was found, but timers are disabled")]
async fn test_enable_io_only_disables_timers() {
    timer_sleep().await;
}

#[mainspring::test(enable = ["io"])]
async fn test_enable_io_only_keeps_io() {
    assert_eq!(tcp_round_trip().await, b"ping");
}

#[mainspring::test(enable = ["time"])]
#[should_panic(expected = "A Tokio 1.x context was found, but IO is disabled")]
async fn test_enable_time_only_disables_io() {
    bind_listener().await;
}

#[mainspring::test(enable = ["time"])]
async fn test_enable_time_only_keeps_timers() {
    assert!(timer_sleep().await >= Duration::from_millis(5));
}

#[mainspring::test(enable = [])]
#[should_panic(expected = "timers are disabled")]
async fn test_enable_none_disables_timers() {
    timer_sleep().await;
}

#[mainspring::test(enable = [])]
#[should_panic(expected = "IO is disabled")]
async fn test_enable_none_disables_io() {
    bind_listener().await;
}

#[mainspring::test]
async fn test_enable_defaults_to_all_drivers() {
    assert!(timer_sleep().await >= Duration::from_millis(5));
    assert_eq!(tcp_round_trip().await, b"ping");
}

#[mainspring::main(enable = ["io"])]
async fn sleep_under_main_with_io_only() -> Vec<u8> {
    let echoed = tcp_round_trip().await;
    timer_sleep().await;
    echoed
}

#[test]
#[should_panic(expected = "A Tokio 1.x context was found, but timers are disabled")]
fn main_enable_io_only_disables_timers() {
    sleep_under_main_with_io_only();
}

#[mainspring::main(enable = ["time"])]
async fn bind_under_main_with_time_only() {
    timer_sleep().await;
    bind_listener().await;
}

#[test]
#[should_panic(expected = "A Tokio 1.x context was found, but IO is disabled")]
fn main_enable_time_only_disables_io() {
    bind_under_main_with_time_only();
}

#[mainspring::main(flavor = "current_thread", enable = [])]
async fn sleep_under_main_with_no_driver() {
    timer_sleep().await;
}

#[test]
#[should_panic(expected = "timers are disabled")]
fn main_enable_none_disables_timers() {
    sleep_under_main_with_no_driver();
}

#[mainspring::main]
async fn both_drivers_under_main() -> (Duration, Vec<u8>) {
    (timer_sleep().await, tcp_round_trip().await)
}

#[test]
fn main_enable_defaults_to_all_drivers() {
    let (slept, echoed) = both_drivers_under_main();
    assert!(slept >= Duration::from_millis(5));
    assert_eq!(echoed, b"ping");
}

// ==== on_thread_start / on_thread_stop / on_thread_park / on_thread_unpark ====

static MAIN_STARTS: AtomicUsize = AtomicUsize::new(0);
static MAIN_STOPS: AtomicUsize = AtomicUsize::new(0);

fn main_thread_started() {
    MAIN_STARTS.fetch_add(1, SeqCst);
}

fn main_thread_stopped() {
    MAIN_STOPS.fetch_add(1, SeqCst);
}

/// Returns the stop count seen while the runtime was still running.
#[mainspring::main(
    worker_threads = 2,
    on_thread_start = main_thread_started,
    on_thread_stop = main_thread_stopped
)]
async fn run_with_start_and_stop_hooks() -> usize {
    task_thread_names().await;
    blocking_thread_name().await;
    MAIN_STOPS.load(SeqCst)
}

#[test]
fn main_on_thread_start_and_stop_count_every_runtime_thread() {
    let stops_while_running = run_with_start_and_stop_hooks();
    assert_eq!(stops_while_running, 0);
    let (starts, stops) = (MAIN_STARTS.load(SeqCst), MAIN_STOPS.load(SeqCst));
    // The 2 workers and the blocking thread started; all of them stopped with the runtime.
    assert!(starts >= 3, "{starts} threads started");
    assert_eq!(stops, starts);
}

static TEST_STARTED_NAMES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
static TEST_STOPS: AtomicUsize = AtomicUsize::new(0);

#[mainspring::test(
    flavor = "multi_thread",
    worker_threads = 2,
    thread_name = "hooked",
    thread_keep_alive = "50ms",
    on_thread_start = || TEST_STARTED_NAMES.lock().unwrap().push(thread_name()),
    on_thread_stop = || {
        TEST_STOPS.fetch_add(1, SeqCst);
    }
)]
async fn test_on_thread_start_and_stop_closures_run_on_runtime_threads() {
    let started = || TEST_STARTED_NAMES.lock().unwrap().len();
    // The workers start while the runtime is built; their hook may still be running.
    eventually(|| started() >= 2).await;
    assert_eq!(started(), 2, "the two workers");
    assert_eq!(TEST_STOPS.load(SeqCst), 0);
    blocking_thread_name().await;
    assert_eq!(started(), 3, "the two workers and a blocking thread");
    // The blocking thread leaves after 50 ms idle, running the stop hook; workers stay.
    assert!(eventually(|| TEST_STOPS.load(SeqCst) == 1).await);
    let names = TEST_STARTED_NAMES.lock().unwrap().clone();
    assert_eq!(names, ["hooked", "hooked", "hooked"]);
}

static TEST_PARKS: AtomicUsize = AtomicUsize::new(0);
static TEST_UNPARKS: AtomicUsize = AtomicUsize::new(0);

fn test_parked() {
    TEST_PARKS.fetch_add(1, SeqCst);
}

fn test_unparked() {
    TEST_UNPARKS.fetch_add(1, SeqCst);
}

#[mainspring::test(on_thread_park = test_parked, on_thread_unpark = test_unparked)]
async fn test_on_thread_park_and_unpark_count_the_idle_waits() {
    let parks_before = TEST_PARKS.load(SeqCst);
    let unparks_before = TEST_UNPARKS.load(SeqCst);
    for _ in 0..3 {
        // Nothing else to run: the thread parks until the timer fires, then unparks.
        sleep(Duration::from_millis(5)).await;
    }
    assert!(TEST_PARKS.load(SeqCst) >= parks_before + 3);
    assert!(TEST_UNPARKS.load(SeqCst) >= unparks_before + 3);
}

static MAIN_PARKS: AtomicUsize = AtomicUsize::new(0);
static MAIN_UNPARKS: AtomicUsize = AtomicUsize::new(0);

#[mainspring::main(
    worker_threads = 2,
    on_thread_park = || {
        MAIN_PARKS.fetch_add(1, SeqCst);
    },
    on_thread_unpark = || {
        MAIN_UNPARKS.fetch_add(1, SeqCst);
    }
)]
async fn run_with_park_hooks() {
    for _ in 0..3 {
        tokio::spawn(sleep(Duration::from_millis(5))).await.unwrap();
    }
}

#[test]
fn main_on_thread_park_and_unpark_count_worker_waits() {
    run_with_park_hooks();
    assert!(MAIN_PARKS.load(SeqCst) > 0);
    assert!(MAIN_UNPARKS.load(SeqCst) > 0);
}

// ==== event_interval ====
// On a current-thread runtime the `block_on` future, once woken, is polled again after at most
// `event_interval` tasks have run.

#[mainspring::test(event_interval = 7)]
async fn test_event_interval_literal_sets_the_tasks_run_between_polls() {
    assert_eq!(tasks_run_before_block_on_is_polled_again().await, 7);
}

const fn ticks(n: u32) -> u32 {
    n * 4
}

#[mainspring::test(event_interval = ticks(5))]
async fn test_event_interval_expression_sets_the_tasks_run_between_polls() {
    assert_eq!(tasks_run_before_block_on_is_polled_again().await, 20);
}

/// The control: tokio's default for a current-thread runtime is 61.
#[mainspring::test]
async fn test_without_event_interval_61_tasks_run_between_polls() {
    assert_eq!(tasks_run_before_block_on_is_polled_again().await, 61);
}

#[mainspring::main(flavor = "current_thread", event_interval = 3)]
async fn tasks_between_polls_under_main() -> usize {
    tasks_run_before_block_on_is_polled_again().await
}

#[test]
fn main_event_interval_sets_the_tasks_run_between_polls() {
    assert_eq!(tasks_between_polls_under_main(), 3);
}

#[mainspring::test(event_interval = ticks(0))]
#[should_panic(expected = "option `event_interval` evaluated to 0")]
async fn test_event_interval_expression_of_0_panics() {}

const NO_TICKS: u32 = 0;

#[mainspring::main(event_interval = NO_TICKS)]
async fn main_with_event_interval_of_0() {}

#[test]
#[should_panic(
    expected = "mainspring: option `event_interval` evaluated to 0; it must be at least 1"
)]
fn main_event_interval_const_of_0_panics() {
    main_with_event_interval_of_0();
}

// ==== global_queue_interval ====
// On a current-thread runtime every `global_queue_interval`-th scheduler tick takes a task from
// the global queue first.

#[mainspring::test(global_queue_interval = 1)]
async fn test_global_queue_interval_1_runs_the_remote_task_first() {
    assert_eq!(local_tasks_run_before_the_remote_task().await, 0);
}

#[mainspring::test(global_queue_interval = 10)]
async fn test_global_queue_interval_10_runs_the_remote_task_on_the_10th_tick() {
    assert_eq!(local_tasks_run_before_the_remote_task().await, 9);
}

#[mainspring::test(global_queue_interval = ticks(1000))]
async fn test_global_queue_interval_expression_beyond_the_queue_runs_it_last() {
    assert_eq!(local_tasks_run_before_the_remote_task().await, QUEUED_TASKS);
}

/// The control: tokio's default for a current-thread runtime is 31.
#[mainspring::test]
async fn test_without_global_queue_interval_the_remote_task_runs_on_the_31st_tick() {
    assert_eq!(local_tasks_run_before_the_remote_task().await, 30);
}

#[mainspring::main(flavor = "current_thread", global_queue_interval = 5)]
async fn remote_task_position_under_main() -> usize {
    local_tasks_run_before_the_remote_task().await
}

#[test]
fn main_global_queue_interval_sets_when_the_remote_task_runs() {
    assert_eq!(remote_task_position_under_main(), 4);
}

#[mainspring::main(worker_threads = 2, global_queue_interval = ticks(2))]
async fn multi_thread_with_global_queue_interval() -> usize {
    task_thread_names().await.len()
}

#[test]
fn main_global_queue_interval_on_multi_thread_runs_tasks() {
    assert!(multi_thread_with_global_queue_interval() >= 1);
}

#[mainspring::test(global_queue_interval = ticks(0))]
#[should_panic(expected = "option `global_queue_interval` evaluated to 0")]
async fn test_global_queue_interval_expression_of_0_panics() {}

// ==== max_io_events_per_tick ====
// The IO driver hands out at most `max_io_events_per_tick` events per turn: with 1, sockets that
// became readable together wake their tasks in separate turns.

#[mainspring::test(max_io_events_per_tick = 1)]
async fn test_max_io_events_per_tick_1_wakes_one_socket_per_turn() {
    assert_eq!(driver_turns_waking_readable_sockets().await, SOCKETS);
}

#[mainspring::test(max_io_events_per_tick = SOCKETS * 8)]
async fn test_max_io_events_per_tick_expression_wakes_all_sockets_in_one_turn() {
    assert_eq!(driver_turns_waking_readable_sockets().await, 1);
}

#[mainspring::main(flavor = "current_thread", max_io_events_per_tick = 1)]
async fn io_turns_under_main() -> usize {
    driver_turns_waking_readable_sockets().await
}

#[test]
fn main_max_io_events_per_tick_1_wakes_one_socket_per_turn() {
    assert_eq!(io_turns_under_main(), SOCKETS);
}

#[mainspring::test(max_io_events_per_tick = SOCKETS - SOCKETS)]
#[should_panic(expected = "option `max_io_events_per_tick` evaluated to 0")]
async fn test_max_io_events_per_tick_expression_of_0_panics() {}

// ==== max_io_events_per_busy_tick ====
// While tasks are waiting to run (the yardstick always is), every poll of the IO driver is a
// busy one, and hands out at most `max_io_events_per_busy_tick` events: with 1, one socket a
// turn, however many `max_io_events_per_tick` allows.

#[mainspring::test(max_io_events_per_busy_tick = 1)]
async fn test_max_io_events_per_busy_tick_1_wakes_one_socket_per_turn() {
    assert_eq!(driver_turns_waking_readable_sockets().await, SOCKETS);
}

#[mainspring::test(max_io_events_per_tick = SOCKETS * 8, max_io_events_per_busy_tick = SOCKETS * 8)]
async fn test_max_io_events_per_busy_tick_expression_wakes_all_sockets_in_one_turn() {
    assert_eq!(driver_turns_waking_readable_sockets().await, 1);
}

#[mainspring::test(max_io_events_per_busy_tick = SOCKETS - SOCKETS)]
#[should_panic(expected = "option `max_io_events_per_busy_tick` evaluated to 0")]
async fn test_max_io_events_per_busy_tick_expression_of_0_panics() {}

// ==== builder ====

/// A multi-thread builder with 3 workers and no driver enabled.
fn three_worker_builder() -> Builder {
    let mut builder = Builder::new_multi_thread();
    builder.worker_threads(3);
    builder
}

/// A multi-thread builder with 3 workers and every driver enabled.
fn three_worker_builder_with_drivers() -> Builder {
    let mut builder = Builder::new_multi_thread();
    builder.worker_threads(3).enable_all();
    builder
}

#[mainspring::test(builder = three_worker_builder, thread_name = "on-top", enable = ["time"])]
async fn test_builder_keeps_its_workers_and_gets_the_thread_name_on_top() {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::MultiThread
    );
    assert_eq!(workers(), 3);
    assert_eq!(
        task_thread_names().await,
        BTreeSet::from(["on-top".to_owned()])
    );
    assert!(timer_sleep().await >= Duration::from_millis(5));
}

#[mainspring::test(builder = three_worker_builder)]
#[should_panic(expected = "timers are disabled")]
async fn test_builder_without_enable_keeps_its_drivers_off() {
    timer_sleep().await;
}

#[mainspring::test(builder = three_worker_builder_with_drivers)]
async fn test_builder_without_enable_keeps_its_drivers_on() {
    assert!(timer_sleep().await >= Duration::from_millis(5));
    assert_eq!(tcp_round_trip().await, b"ping");
}

#[mainspring::main(builder = three_worker_builder, thread_name = "on-top")]
async fn builder_under_main() -> (usize, BTreeSet<String>) {
    (workers(), task_thread_names().await)
}

#[mainspring::main(builder = three_worker_builder_with_drivers, worker_threads = WORKERS)]
async fn builder_with_worker_threads_on_top() -> usize {
    workers()
}

#[test]
fn main_builder_keeps_its_workers_and_gets_options_on_top() {
    let (count, names) = builder_under_main();
    assert_eq!(count, 3);
    assert_eq!(names, BTreeSet::from(["on-top".to_owned()]));
    // An option given with `builder` overrides what the builder set.
    assert_eq!(builder_with_worker_threads_on_top(), 2);
}
