//! serial_test: `#[serial]`, `#[serial(key)]` and `#[parallel]` above and below
//! `#[mainspring::test]`, and `#[serial]` on a module of tests. Serial tests hold a counter for
//! 100 ms and check nobody else holds it: they really run one at a time.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use serial_test::{parallel, serial};

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static RUNNING_WITH_KEY: AtomicUsize = AtomicUsize::new(0);

/// Fails if another holder of `counter` runs at the same time.
async fn alone(counter: &AtomicUsize) {
    assert_eq!(
        counter.fetch_add(1, SeqCst),
        0,
        "another serial test is running"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    counter.fetch_sub(1, SeqCst);
}

#[mainspring::test]
#[serial]
async fn ours_above_serial() {
    alone(&RUNNING).await;
}

#[serial]
#[mainspring::test]
async fn serial_above_ours() {
    alone(&RUNNING).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
#[serial]
async fn ours_above_serial_multi_thread() -> Result<(), String> {
    alone(&RUNNING).await;
    Ok(())
}

#[mainspring::test]
#[serial(key)]
async fn ours_above_serial_key() {
    alone(&RUNNING_WITH_KEY).await;
}

#[serial(key)]
#[mainspring::test]
async fn serial_key_above_ours() {
    alone(&RUNNING_WITH_KEY).await;
}

// (`#[parallel]` above the runtime's attribute wraps the async body in `catch_unwind`, so what
// it holds across an `.await` must be `UnwindSafe`: a `JoinHandle` is, `yield_now()` is not,
// with tokio's attribute as with ours.)

#[mainspring::test]
#[parallel]
async fn ours_above_parallel() {
    assert_eq!(tokio::spawn(async { 1 }).await.ok(), Some(1));
}

#[parallel]
#[mainspring::test]
async fn parallel_above_ours() {
    assert_eq!(tokio::spawn(async { 1 }).await.ok(), Some(1));
}

#[serial]
mod serial_module {
    use super::{RUNNING, alone};

    #[mainspring::test]
    async fn first() {
        alone(&RUNNING).await;
    }

    #[mainspring::test(timeout = "30s")]
    async fn second() {
        alone(&RUNNING).await;
    }

    /// Not a test: serial_test leaves it alone.
    fn helper() -> u32 {
        1
    }

    #[test]
    fn plain() {
        assert_eq!(helper(), 1);
    }
}

// The same forms under tokio's attribute.

#[tokio::test]
#[serial]
async fn tokio_above_serial() {
    alone(&RUNNING).await;
}

#[serial]
#[tokio::test]
async fn serial_above_tokio() {
    alone(&RUNNING).await;
}

#[parallel]
#[tokio::test]
async fn parallel_above_tokio() {
    assert_eq!(tokio::spawn(async { 1 }).await.ok(), Some(1));
}

#[test]
fn lists_each_test_once() {
    mainspring_stacking_tests::assert_lists(&[
        "lists_each_test_once",
        "ours_above_parallel",
        "ours_above_serial",
        "ours_above_serial_key",
        "ours_above_serial_multi_thread",
        "parallel_above_ours",
        "parallel_above_tokio",
        "serial_above_ours",
        "serial_above_tokio",
        "serial_key_above_ours",
        "serial_module::first",
        "serial_module::plain",
        "serial_module::second",
        "tokio_above_serial",
    ]);
}
