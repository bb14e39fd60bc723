//! No false alarms: 200 tests that never block a thread of their runtime, on every flavor, each
//! with `fail_on_blocking = "100ms"`, pass, also run in parallel on a machine kept busy by three
//! loops (each ready to run, so the tests' threads wait for a core). `cargo test` runs them
//! once, and once more under the loops; `MAINSPRING_LOAD_RUNS=20` repeats the loaded run.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mainspring_tests::child::this_binary_on;
use mainspring_tests::quiet::{Dose, never_blocks};

/// A little of each thing that is no blocking (`mainspring_tests::quiet`), varied by `n`.
async fn quiet(n: u64, multi_thread: bool) {
    let sleep = Duration::from_millis(20);
    never_blocks(Dose {
        sleep: Duration::from_millis(n % 7),
        messages: 200,
        capacity: 4,
        tasks: 4,
        polls: 5,
        spin: Duration::from_micros(100),
        spawn_blocking: (n % 10 == 0).then_some(sleep),
        block_in_place: (multi_thread && n % 10 == 5).then_some(sleep),
    })
    .await;
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
