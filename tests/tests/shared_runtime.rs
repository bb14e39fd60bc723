//! `#[mainspring::test(shared)]` and `shared = NAME`: tests that share one runtime per process.
//!
//! - The canonical failure: a static client whose background task lives on the runtime that
//!   first used it. Under per-test runtimes (`per_test_runtimes::*`, run here in a child
//!   process, one test at a time) the first test passes and every later one fails with
//!   "channel closed": the runtime that ran the client's task was shut down. Under `shared`
//!   (`calls_*`) every test passes, in parallel and one at a time, and under nextest (CI).
//! - A named shared runtime whose builder counts its calls: exactly one for twenty tests started
//!   at the same moment on twenty test threads; its settings (two workers, thread names) hold.
//! - A shared `current_thread` runtime with several tests blocking on it at once.
//! - A panic or a timeout fails one test; the runtime keeps serving the tests after it.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use mainspring::SharedRuntime;
use mainspring_tests::child::{this_binary, this_binary_on};
use mainspring_tests::probe::thread_name;
use tokio::runtime::{Builder, Handle, RuntimeFlavor};
use tokio::sync::{mpsc, oneshot};

// ---- a client whose background task lives on the runtime that first used it ----

struct Client {
    requests: mpsc::Sender<(u64, oneshot::Sender<u64>)>,
}

impl Client {
    /// Spawns the client's worker task on the current runtime.
    fn start() -> Client {
        let (requests, mut incoming) = mpsc::channel::<(u64, oneshot::Sender<u64>)>(16);
        tokio::spawn(async move {
            while let Some((n, reply)) = incoming.recv().await {
                let _ = reply.send(n * 2);
            }
        });
        Client { requests }
    }

    async fn double(&self, n: u64) -> Result<u64, String> {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send((n, reply))
            .await
            .map_err(|error| error.to_string())?;
        answer.await.map_err(|error| error.to_string())
    }
}

static CLIENT: OnceLock<Client> = OnceLock::new();

/// The process's client, started by whichever test uses it first.
fn client() -> &'static Client {
    CLIENT.get_or_init(Client::start)
}

macro_rules! client_tests {
    ($($name:ident: $n:expr;)*) => {$(
        #[mainspring::test(shared)]
        async fn $name() -> Result<(), String> {
            assert_eq!(client().double($n).await?, 2 * $n);
            Ok(())
        }
    )*};
}

client_tests! {
    calls_01: 1; calls_02: 2; calls_03: 3; calls_04: 4; calls_05: 5;
    calls_06: 6; calls_07: 7; calls_08: 8; calls_09: 9; calls_10: 10;
}

#[test]
fn client_tests_pass_one_at_a_time_too() {
    let output = this_binary(&["calls_"]);
    assert!(output.status.success(), "{}", output.all());
    assert!(output.stdout.contains("10 passed"), "{}", output.stdout);
}

/// The same client and tests under per-test runtimes: ignored in the normal run, run by
/// `per_test_runtimes_lose_the_client_after_the_first_test` in a child process.
mod per_test_runtimes {
    use std::sync::OnceLock;

    use super::Client;

    static CLIENT: OnceLock<Client> = OnceLock::new();

    macro_rules! per_test_tests {
        ($($name:ident: $n:expr;)*) => {$(
            #[mainspring::test]
            #[ignore = "run by per_test_runtimes_lose_the_client_after_the_first_test"]
            async fn $name() -> Result<(), String> {
                let client = CLIENT.get_or_init(Client::start);
                assert_eq!(client.double($n).await?, 2 * $n);
                Ok(())
            }
        )*};
    }

    per_test_tests! { call_1: 1; call_2: 2; call_3: 3; call_4: 4; }
}

#[test]
fn per_test_runtimes_lose_the_client_after_the_first_test() {
    let output = this_binary(&["--ignored", "per_test_runtimes::"]);
    let text = output.all();
    assert!(!output.status.success(), "{text}");
    assert!(
        text.contains("test per_test_runtimes::call_1 ... ok"),
        "{text}"
    );
    for later in ["call_2", "call_3", "call_4"] {
        assert!(
            text.contains(&format!("test per_test_runtimes::{later} ... FAILED")),
            "{text}"
        );
    }
    // libtest's report of a test returning `Err`: the client's task died with its runtime.
    assert_eq!(
        text.matches("Error: \"channel closed\"").count(),
        3,
        "{text}"
    );
    assert!(text.contains("1 passed; 3 failed"), "{text}");
}

// ---- a named shared runtime, built once ----

static BUILDS: AtomicUsize = AtomicUsize::new(0);

/// Two workers named `counted-worker`; counts its calls, and takes its time so that tests
/// starting together all ask for the runtime before it exists.
fn counted_builder() -> Builder {
    BUILDS.fetch_add(1, SeqCst);
    std::thread::sleep(Duration::from_millis(50));
    let mut builder = Builder::new_multi_thread();
    builder
        .worker_threads(2)
        .thread_name("counted-worker")
        .enable_all();
    builder
}

static COUNTED: SharedRuntime = SharedRuntime::new(counted_builder);

/// The runtime ids the counted tests saw.
static IDS: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

macro_rules! counted_tests {
    ($($name:ident)*) => {$(
        #[mainspring::test(shared = COUNTED)]
        async fn $name() {
            let handle = Handle::current();
            assert_eq!(handle.runtime_flavor(), RuntimeFlavor::MultiThread);
            assert_eq!(handle.metrics().num_workers(), 2);
            let worker = tokio::spawn(async { thread_name() }).await.unwrap();
            assert_eq!(worker, "counted-worker");
            IDS.lock().unwrap().insert(handle.id().to_string());
            assert_eq!(IDS.lock().unwrap().len(), 1, "two runtimes: {:?}", IDS.lock().unwrap());
            assert_eq!(BUILDS.load(SeqCst), 1, "the builder ran more than once");
        }
    )*};
}

counted_tests! {
    counted_01 counted_02 counted_03 counted_04 counted_05 counted_06 counted_07 counted_08
    counted_09 counted_10 counted_11 counted_12 counted_13 counted_14 counted_15 counted_16
    counted_17 counted_18 counted_19 counted_20
}

#[test]
fn twenty_tests_starting_together_build_the_named_runtime_once() {
    let output = this_binary_on(20, &["counted_"]);
    assert!(output.status.success(), "{}", output.all());
    assert!(output.stdout.contains("20 passed"), "{}", output.stdout);
}

// ---- a shared current_thread runtime, with tests blocking on it at once ----

static SINGLE: SharedRuntime = SharedRuntime::new(|| {
    let mut builder = Builder::new_current_thread();
    builder.enable_all();
    builder
});

static SINGLE_IDS: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

macro_rules! current_thread_tests {
    ($($name:ident)*) => {$(
        #[mainspring::test(shared = SINGLE)]
        async fn $name() {
            let handle = Handle::current();
            assert_eq!(handle.runtime_flavor(), RuntimeFlavor::CurrentThread);
            SINGLE_IDS.lock().unwrap().insert(handle.id().to_string());
            // A spawned task and a timer need the runtime driven while other tests block on it.
            let task = tokio::spawn(async { 21 * 2 });
            tokio::time::sleep(Duration::from_millis(20)).await;
            assert_eq!(task.await.unwrap(), 42);
            assert_eq!(SINGLE_IDS.lock().unwrap().len(), 1);
        }
    )*};
}

current_thread_tests! { single_1 single_2 single_3 single_4 single_5 single_6 single_7 single_8 }

#[test]
fn a_shared_current_thread_runtime_serves_eight_tests_at_once() {
    let output = this_binary_on(8, &["single_"]);
    assert!(output.status.success(), "{}", output.all());
    assert!(output.stdout.contains("8 passed"), "{}", output.stdout);
}

// ---- isolation: a test that panics or times out fails alone ----

mod isolation {
    use std::time::Duration;

    use mainspring::SharedRuntime;
    use tokio::runtime::Builder;

    use super::client;

    static SINGLE: SharedRuntime = SharedRuntime::new(|| {
        let mut builder = Builder::new_current_thread();
        builder.enable_all();
        builder
    });

    // Run in name order, one at a time, by `a_panic_and_a_timeout_fail_alone`.

    #[mainspring::test(shared)]
    #[ignore = "run by a_panic_and_a_timeout_fail_alone"]
    async fn a_panics() {
        client().double(1).await.unwrap();
        panic!("this test panics on the shared runtime");
    }

    #[mainspring::test(shared, timeout = "100ms")]
    #[ignore = "run by a_panic_and_a_timeout_fail_alone"]
    async fn b_times_out() {
        tokio::time::sleep(Duration::from_secs(10)).await;
    }

    #[mainspring::test(shared = SINGLE)]
    #[ignore = "run by a_panic_and_a_timeout_fail_alone"]
    async fn c_panics_on_current_thread() {
        tokio::task::yield_now().await;
        panic!("this test panics on the shared current_thread runtime");
    }

    #[mainspring::test(shared)]
    #[ignore = "run by a_panic_and_a_timeout_fail_alone"]
    async fn d_still_served() -> Result<(), String> {
        assert_eq!(client().double(4).await?, 8);
        Ok(())
    }

    #[mainspring::test(shared = SINGLE)]
    #[ignore = "run by a_panic_and_a_timeout_fail_alone"]
    async fn e_still_served_on_current_thread() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }

    #[mainspring::test(shared)]
    #[ignore = "run by a_panic_and_a_timeout_fail_alone"]
    #[should_panic(expected = "expected on the shared runtime")]
    async fn f_should_panic() {
        panic!("expected on the shared runtime");
    }
}

#[test]
fn a_panic_and_a_timeout_fail_alone() {
    let output = this_binary(&["--ignored", "isolation::"]);
    let text = output.all();
    for (test, result) in [
        ("a_panics", "FAILED"),
        ("b_times_out", "FAILED"),
        ("c_panics_on_current_thread", "FAILED"),
        ("d_still_served", "ok"),
        ("e_still_served_on_current_thread", "ok"),
        ("f_should_panic - should panic", "ok"),
    ] {
        assert!(
            text.contains(&format!("test isolation::{test} ... {result}")),
            "{test}: {text}"
        );
    }
    assert!(
        text.contains("timed out: it ran longer than its `timeout = \"100ms\"`"),
        "{text}"
    );
    assert!(text.contains("3 passed; 3 failed"), "{text}");
}
