//! `#[mainspring::test]` used directly on tests, and `#[mainspring::main]` on ordinary async fns:
//! the paused clock of `start_paused`, the flavor and worker count each option gives, `name`,
//! `spawn_local` under `flavor = "local"`, `Result` tests with `?`, composition with
//! `#[should_panic]` and `#[ignore]`, and async fns with arguments, generics and `&self`.

use std::cell::Cell;
use std::error::Error;
use std::rc::Rc;
use std::thread;
use std::time::Duration;

use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::time::{Instant, sleep};

// ---- start_paused: the clock only moves when every task waits on a timer ----

#[mainspring::test(start_paused = true)]
async fn paused_clock_join_advances_by_the_longest_sleep() {
    let start = Instant::now();
    tokio::join!(
        sleep(Duration::from_millis(100)),
        sleep(Duration::from_millis(150)),
    );
    assert_eq!(start.elapsed(), Duration::from_millis(150));
}

#[mainspring::test(start_paused = true)]
async fn paused_clock_sequential_sleeps_add_up() {
    let start = Instant::now();
    sleep(Duration::from_millis(100)).await;
    assert_eq!(start.elapsed(), Duration::from_millis(100));
    sleep(Duration::from_millis(150)).await;
    assert_eq!(start.elapsed(), Duration::from_millis(250));
}

#[mainspring::test(flavor = "local", start_paused = true)]
async fn paused_clock_with_local_flavor() {
    let start = Instant::now();
    let task = tokio::task::spawn_local(async {
        sleep(Duration::from_secs(3600)).await;
        Instant::now()
    });
    let finished = task.await.unwrap();
    assert_eq!(finished - start, Duration::from_secs(3600));
}

// ---- flavors and worker counts ----

#[mainspring::test]
async fn default_test_flavor_is_current_thread_on_the_test_thread() {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::CurrentThread
    );
    let test_thread = thread::current().id();
    let (first, second) = tokio::join!(
        tokio::spawn(async { thread::current().id() }),
        tokio::spawn(async {
            tokio::task::yield_now().await;
            thread::current().id()
        }),
    );
    assert_eq!(first.unwrap(), test_thread);
    assert_eq!(second.unwrap(), test_thread);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]
async fn multi_thread_with_two_workers() {
    let handle = Handle::current();
    assert_eq!(handle.runtime_flavor(), RuntimeFlavor::MultiThread);
    assert_eq!(handle.metrics().num_workers(), 2);
    let test_thread = thread::current().id();
    let task_thread = tokio::spawn(async { thread::current().id() })
        .await
        .unwrap();
    assert_ne!(task_thread, test_thread);
}

#[mainspring::test(name = "attribute-test-runtime")]
async fn name_sets_the_runtime_name() {
    assert_eq!(Handle::current().name(), Some("attribute-test-runtime"));
}

const RUNTIME: &str = "attribute";

#[mainspring::test(name = format!("{RUNTIME}-expression"))]
async fn name_from_an_expression_sets_the_runtime_name() {
    assert_eq!(Handle::current().name(), Some("attribute-expression"));
}

#[mainspring::test(name = format!("{}  ", ""))]
#[should_panic(expected = "mainspring: option `name` evaluated to an empty string")]
async fn name_from_an_expression_must_not_be_blank() {}

#[mainspring::test]
async fn without_name_the_runtime_has_none() {
    assert_eq!(Handle::current().name(), None);
}

// ---- flavor = "local": spawn_local with no LocalSet ----

#[mainspring::test(flavor = "local")]
async fn local_flavor_spawns_non_send_tasks() {
    let counter = Rc::new(Cell::new(0));
    let in_task = Rc::clone(&counter);
    let test_thread = thread::current().id();
    let task = tokio::task::spawn_local(async move {
        tokio::task::yield_now().await;
        in_task.set(in_task.get() + 5);
        thread::current().id()
    });
    assert_eq!(task.await.unwrap(), test_thread);
    assert_eq!(counter.get(), 5);
    assert_eq!(Rc::strong_count(&counter), 1);
}

/// What `flavor = "local"` changes: on a plain current-thread runtime `spawn_local` panics.
#[mainspring::test(flavor = "current_thread")]
#[should_panic(expected = "`spawn_local` called from outside of a `task::LocalSet`")]
async fn current_thread_flavor_rejects_spawn_local() {
    let value = Rc::new(1);
    let _task = tokio::task::spawn_local(async move { *value });
}

// ---- Result tests ----

#[mainspring::test]
async fn result_test_uses_question_mark() -> Result<(), Box<dyn Error>> {
    let parsed: u32 = "42".parse()?;
    let doubled = tokio::spawn(async move { parsed * 2 }).await?;
    assert_eq!(doubled, 84);
    Ok(())
}

// ---- composition with #[should_panic] and #[ignore] ----

#[mainspring::test]
#[should_panic(expected = "placed after the attribute")]
async fn should_panic_after_the_attribute() {
    tokio::task::yield_now().await;
    panic!("placed after the attribute");
}

#[should_panic(expected = "placed before the attribute")]
#[mainspring::test]
async fn should_panic_before_the_attribute() {
    tokio::task::yield_now().await;
    panic!("placed before the attribute");
}

#[mainspring::test]
#[ignore = "fails if run: checks that #[ignore] composes"]
async fn ignored_after_the_attribute() {
    panic!("an ignored test was run");
}

#[ignore = "fails if run: checks that #[ignore] composes"]
#[mainspring::test]
async fn ignored_before_the_attribute() {
    panic!("an ignored test was run");
}

// ---- #[mainspring::main] on ordinary async fns, called from plain #[test] fns ----

#[mainspring::main]
async fn compute(x: u32) -> u32 {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::MultiThread
    );
    tokio::spawn(async move { x * 2 }).await.unwrap()
}

#[test]
fn main_attribute_on_an_async_fn_with_arguments() {
    assert_eq!(compute(20), 40);
    assert_eq!(compute(0), 0);
    assert!(
        Handle::try_current().is_err(),
        "runtime leaked into the caller"
    );
}

#[mainspring::main(flavor = "current_thread")]
async fn twice<T: Clone + Send>(x: T) -> (T, T) {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::CurrentThread
    );
    tokio::task::yield_now().await;
    (x.clone(), x)
}

#[test]
fn main_attribute_on_a_generic_async_fn() {
    assert_eq!(twice(7_u8), (7, 7));
    assert_eq!(
        twice(String::from("tick")),
        (String::from("tick"), String::from("tick"))
    );
}

struct Ledger {
    entries: Vec<u64>,
}

impl Ledger {
    #[mainspring::main(flavor = "current_thread", start_paused = true)]
    async fn total_after(&self, delay: Duration) -> (u64, Duration) {
        let start = Instant::now();
        sleep(delay).await;
        (self.entries.iter().sum(), start.elapsed())
    }
}

#[test]
fn main_attribute_on_a_method_taking_self() {
    let ledger = Ledger {
        entries: vec![3, 4, 5],
    };
    let (total, waited) = ledger.total_after(Duration::from_secs(90));
    assert_eq!(total, 12);
    assert_eq!(waited, Duration::from_secs(90));
    assert_eq!(ledger.entries.len(), 3);
}
