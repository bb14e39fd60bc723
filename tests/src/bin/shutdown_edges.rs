//! `shutdown_timeout = "5s"` at two edges of a plain drop, on each flavor and with `builder`:
//! blocking work spawned just before the body returns still runs (the shutdown waits for a
//! thread tokio has spawned but not yet started), with the user's thread hooks called for every
//! thread, in pairs; and blocking work that a task's destructor starts as the runtime drops its
//! tasks runs or not as with a plain drop (`flush_plain`), except on `local` (documented: its
//! pool is already ending). And `deep`: a task holding a list whose drop recurses deeper than
//! a 2 MiB stack allows, as the main thread's does not, dropped as the runtime shuts down.
//! Usage: `shutdown_edges <race|flush|flush_plain|deep> <flavor>`; prints `done=`, `started=`,
//! `stopped=`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

static DONE: AtomicBool = AtomicBool::new(false);
static STARTED: AtomicUsize = AtomicUsize::new(0);
static STOPPED: AtomicUsize = AtomicUsize::new(0);

fn started() {
    STARTED.fetch_add(1, Ordering::SeqCst);
}

fn stopped() {
    STOPPED.fetch_add(1, Ordering::SeqCst);
}

fn work() {
    std::thread::sleep(Duration::from_millis(200));
    DONE.store(true, Ordering::SeqCst);
}

/// Hands `work` to the blocking pool when dropped.
struct WorkOnDrop;

impl Drop for WorkOnDrop {
    fn drop(&mut self) {
        drop(tokio::task::spawn_blocking(work));
    }
}

/// A linked list `length` long, whose drop recurses once per node (its fields are only ever
/// dropped).
#[allow(dead_code)]
struct Node(Option<Box<Node>>, [u8; 64]);

fn list(length: usize) -> Node {
    let mut head = Node(None, [0; 64]);
    for _ in 0..length {
        head = Node(Some(Box::new(head)), [0; 64]);
    }
    head
}

/// A task holding a `WorkOnDrop`, started, left for the shutdown to drop.
async fn leave_work_on_drop() {
    drop(tokio::spawn(async {
        let _work = WorkOnDrop;
        std::future::pending::<()>().await;
    }));
    tokio::task::yield_now().await;
}

macro_rules! variants {
    ($($name:ident: ($($args:tt)*);)*) => {
        mod race {
            $(
                #[mainspring::main($($args)*, shutdown_timeout = "5s", on_thread_start = super::started, on_thread_stop = super::stopped)]
                pub async fn $name() {
                    drop(tokio::task::spawn_blocking(super::work));
                }
            )*
        }
        mod flush {
            $(
                #[mainspring::main($($args)*, shutdown_timeout = "5s")]
                pub async fn $name() {
                    super::leave_work_on_drop().await;
                }
            )*
        }
        mod deep {
            $(
                #[mainspring::main($($args)*, shutdown_timeout = "5s")]
                pub async fn $name() {
                    let list = super::list(30_000);
                    drop(tokio::spawn(async move {
                        let _list = list;
                        std::future::pending::<()>().await;
                    }));
                    tokio::task::yield_now().await;
                }
            )*
        }
        mod flush_plain {
            $(
                #[mainspring::main($($args)*)]
                pub async fn $name() {
                    super::leave_work_on_drop().await;
                }
            )*
        }
        fn run(edge: &str, flavor: &str) {
            match (edge, flavor) {
                $(
                    ("race", stringify!($name)) => race::$name(),
                    ("flush", stringify!($name)) => flush::$name(),
                    ("flush_plain", stringify!($name)) => flush_plain::$name(),
                    ("deep", stringify!($name)) => deep::$name(),
                )*
                other => panic!("unknown variant {other:?}"),
            }
        }
    };
}

fn current_thread_builder() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_all();
    builder
}

variants! {
    current_thread: (flavor = "current_thread");
    multi_thread: (flavor = "multi_thread");
    local: (flavor = "local");
    builder: (builder = super::current_thread_builder);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (edge, flavor) = (
        args.next().unwrap_or_default(),
        args.next().unwrap_or_default(),
    );
    run(&edge, &flavor);
    println!("done={}", DONE.load(Ordering::SeqCst));
    println!("started={}", STARTED.load(Ordering::SeqCst));
    println!("stopped={}", STOPPED.load(Ordering::SeqCst));
}
