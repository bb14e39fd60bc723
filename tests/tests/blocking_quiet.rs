//! No false alarms: 200 tests that never block a thread of their runtime, on every flavor, each
//! with `fail_on_blocking = "100ms"`, pass, also run in parallel on a machine kept busy by three
//! loops (each ready to run, so the tests' threads wait for a core). `cargo test` runs them
//! once, and once more under the loops; `MAINSPRING_LOAD_RUNS=20` repeats the loaded run.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use mainspring_tests::child::this_binary_on;

/// What a test does that never blocks: awaits, tasks and channels, short polls, blocking work
/// where it belongs.
async fn quiet(n: u64, multi_thread: bool) {
    tokio::time::sleep(Duration::from_millis(n % 7)).await;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<u64>(4);
    let producer = tokio::spawn(async move {
        for value in 0..200 {
            tx.send(value).await.unwrap();
        }
    });
    let mut sum = 0;
    while let Some(value) = rx.recv().await {
        sum += value;
    }
    producer.await.unwrap();
    assert_eq!(sum, 199 * 200 / 2);
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            tokio::spawn(async {
                for _ in 0..5 {
                    let start = Instant::now();
                    while start.elapsed() < Duration::from_micros(100) {
                        std::hint::spin_loop();
                    }
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    if n % 10 == 0 {
        tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(20)))
            .await
            .unwrap();
    }
    if multi_thread && n % 10 == 5 {
        tokio::spawn(async {
            tokio::task::block_in_place(|| std::thread::sleep(Duration::from_millis(20)));
        })
        .await
        .unwrap();
    }
}

/// Ten tests in a module: four on `current_thread`, three on `multi_thread`, three on `local`.
macro_rules! ten_tests {
    () => {
        use super::super::quiet;

        /// Varies what each test does a little.
        fn n() -> u64 {
            module_path!().len() as u64 * 7 + u64::from(line!())
        }

        #[mainspring::test(flavor = "current_thread", fail_on_blocking = "100ms")]
        async fn u0() {
            quiet(n(), false).await;
        }

        #[mainspring::test(flavor = "current_thread", fail_on_blocking = "100ms")]
        async fn u1() {
            quiet(n() + 1, false).await;
        }

        #[mainspring::test(flavor = "current_thread", fail_on_blocking = "100ms")]
        async fn u2() {
            quiet(n() + 2, false).await;
        }

        #[mainspring::test(flavor = "current_thread", fail_on_blocking = "100ms")]
        async fn u3() {
            quiet(n() + 3, false).await;
        }

        #[mainspring::test(
            flavor = "multi_thread",
            worker_threads = 2,
            fail_on_blocking = "100ms"
        )]
        async fn u4() {
            quiet(n() + 4, true).await;
        }

        #[mainspring::test(
            flavor = "multi_thread",
            worker_threads = 2,
            fail_on_blocking = "100ms"
        )]
        async fn u5() {
            quiet(n() + 5, true).await;
        }

        #[mainspring::test(
            flavor = "multi_thread",
            worker_threads = 2,
            fail_on_blocking = "100ms"
        )]
        async fn u6() {
            quiet(n() + 6, true).await;
        }

        #[mainspring::test(flavor = "local", fail_on_blocking = "100ms")]
        async fn u7() {
            quiet(n() + 7, false).await;
        }

        #[mainspring::test(flavor = "local", fail_on_blocking = "100ms")]
        async fn u8() {
            quiet(n() + 8, false).await;
        }

        #[mainspring::test(flavor = "local", fail_on_blocking = "100ms")]
        async fn u9() {
            quiet(n() + 9, false).await;
        }
    };
}

macro_rules! two_hundred {
    ($($tens:ident)*) => {
        mod quiet_tests {
            $(
                mod $tens {
                    ten_tests!();
                }
            )*
        }
    };
}

two_hundred!(t00 t01 t02 t03 t04 t05 t06 t07 t08 t09 t10 t11 t12 t13 t14 t15 t16 t17 t18 t19);

/// Three threads that loop, each always ready to run, until dropped.
struct BusyLoops(Arc<AtomicBool>, Vec<std::thread::JoinHandle<()>>);

impl BusyLoops {
    fn start(count: usize) -> BusyLoops {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..count)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        std::hint::spin_loop();
                    }
                })
            })
            .collect();
        BusyLoops(stop, threads)
    }
}

impl Drop for BusyLoops {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
        for thread in self.1.drain(..) {
            let _ = thread.join();
        }
    }
}

#[test]
fn two_hundred_quiet_tests_pass_under_three_busy_loops() {
    let runs: usize = std::env::var("MAINSPRING_LOAD_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(1);
    let _loops = BusyLoops::start(3);
    for run in 1..=runs {
        // Eight tests at a time on two cores, with the three loops.
        let output = this_binary_on(8, &["quiet_tests::"]);
        assert!(
            output
                .stdout
                .contains("test result: ok. 200 passed; 0 failed"),
            "run {run} of {runs}:\n{}",
            output.all()
        );
        println!("run {run} of {runs}: 200 passed in {:?}", output.elapsed);
    }
}
