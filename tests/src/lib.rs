//! Programs under `src/bin/` are built with `#[mainspring::main]`; the tests under `tests/` run them
//! as child processes and check what a user would see: output, exit status, threads. This library
//! holds what more than one of them uses. Programs that differ only in the attribute (the
//! `tokio_*` twins, the flavors) share one body from `src/programs/`.

pub mod child {
    //! Running a program as a child process and collecting what it printed.

    use std::io::Read;
    use std::process::{Command, ExitStatus, Stdio};
    use std::thread;
    use std::time::{Duration, Instant};

    /// How long a child may run before the test gives up on it; far above what any of them needs.
    pub const LIMIT: Duration = Duration::from_secs(30);

    /// How a child process ended and everything it wrote.
    pub struct Output {
        /// The exit status (for a child that was killed, the kill's).
        pub status: ExitStatus,
        /// All of stdout.
        pub stdout: String,
        /// All of stderr.
        pub stderr: String,
        /// From the start to the exit (or the kill).
        pub elapsed: Duration,
    }

    impl Output {
        /// The exit code, `None` if the child was ended by a signal.
        pub fn code(&self) -> Option<i32> {
            self.status.code()
        }

        /// stdout then stderr, for messages that may land in either (libtest's capture decides).
        pub fn all(&self) -> String {
            format!("{}\n{}", self.stdout, self.stderr)
        }

        /// The value of the first `key=value` line of stdout.
        pub fn value(&self, key: &str) -> &str {
            let prefix = format!("{key}=");
            self.stdout
                .lines()
                .find_map(|line| line.strip_prefix(&prefix))
                .unwrap_or_else(|| {
                    panic!(
                        "no `{key}=` line in stdout:\n{}\nstderr:\n{}",
                        self.stdout, self.stderr
                    )
                })
        }
    }

    /// A program of this package as a child, without the `TOKIO_WORKER_THREADS` of the parent:
    /// the worker count of the default flavor depends on it.
    pub fn program(path: &str) -> Command {
        let mut command = Command::new(path);
        command.env_remove("TOKIO_WORKER_THREADS");
        command
    }

    /// The running test binary, as a child with `args` (one test thread, output captured).
    /// Every caller filters to tests other than itself, so there is no recursion.
    pub fn this_binary(args: &[&str]) -> Output {
        this_binary_on(1, args)
    }

    /// `this_binary` on `threads` test threads.
    pub fn this_binary_on(threads: usize, args: &[&str]) -> Output {
        let mut command = Command::new(std::env::current_exe().expect("path of the test binary"));
        command.args(args).arg(format!("--test-threads={threads}"));
        // Keep libtest's own defaults whatever the parent was started with.
        for variable in [
            "RUST_TEST_NOCAPTURE",
            "RUST_TEST_THREADS",
            "RUST_TEST_SHUFFLE",
        ] {
            command.env_remove(variable);
        }
        run(command)
    }

    /// Runs `command` to completion, polling for its exit so a child that never ends fails the
    /// test after [`LIMIT`] instead of hanging it (the child is killed, then this panics).
    pub fn run(command: Command) -> Output {
        let debug = format!("{command:?}");
        match run_within(command, LIMIT) {
            Ran::Exited(output) => output,
            Ran::StillRunning(_) => panic!("{debug} still running after {LIMIT:?}"),
        }
    }

    /// How [`run_within`] left a child.
    pub enum Ran {
        /// It exited by itself within the limit.
        Exited(Output),
        /// It was still running at the limit and was killed; what it wrote until then.
        StillRunning(Output),
    }

    /// Runs `command` for at most `limit`: a child still running then is killed.
    pub fn run_within(mut command: Command, limit: Duration) -> Ran {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = command.spawn().expect("failed to start the child program");
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let out_reader = thread::spawn(move || {
            let mut text = String::new();
            stdout.read_to_string(&mut text).unwrap();
            text
        });
        let err_reader = thread::spawn(move || {
            let mut text = String::new();
            stderr.read_to_string(&mut text).unwrap();
            text
        });
        let (status, exited) = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break (status, true);
            }
            if started.elapsed() > limit {
                child.kill().unwrap();
                break (child.wait().unwrap(), false);
            }
            thread::sleep(Duration::from_millis(10));
        };
        let elapsed = started.elapsed();
        let output = Output {
            status,
            stdout: out_reader.join().unwrap(),
            stderr: err_reader.join().unwrap(),
            elapsed,
        };
        match exited {
            true => Ran::Exited(output),
            false => Ran::StillRunning(output),
        }
    }
}

pub mod probe {
    //! Observations made from inside a runtime under test.

    use std::hint::black_box;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
    use std::thread;
    use tokio::sync::oneshot;

    /// The name of the thread this runs on.
    pub fn thread_name() -> String {
        thread::current().name().unwrap_or("<unnamed>").to_owned()
    }

    /// The names of the threads `count` spawned tasks ran on, after each yielded once.
    pub async fn task_thread_names(count: usize) -> Vec<String> {
        let tasks: Vec<_> = (0..count)
            .map(|_| {
                tokio::spawn(async {
                    tokio::task::yield_now().await;
                    thread_name()
                })
            })
            .collect();
        let mut names = Vec::new();
        for task in tasks {
            names.push(task.await.unwrap());
        }
        names
    }

    /// Held by a task: dropping it, when the task finishes or unwinds from a panic, tells the
    /// body that the task has run, without anyone awaiting the task's `JoinHandle`.
    pub struct Ended(Option<oneshot::Sender<()>>);

    /// A guard for a task to hold, and what resolves once the guard is dropped.
    pub fn ended() -> (Ended, oneshot::Receiver<()>) {
        let (sender, receiver) = oneshot::channel();
        (Ended(Some(sender)), receiver)
    }

    impl Drop for Ended {
        fn drop(&mut self) {
            if let Some(sender) = self.0.take() {
                let _ = sender.send(());
            }
        }
    }

    /// Spawns a task that panics with `message`, drops its `JoinHandle` unawaited, and waits
    /// until the task has unwound. Returns whether the task got as far as its `panic!`.
    pub async fn spawn_unawaited_panic(message: &'static str) -> bool {
        let reached = Arc::new(AtomicBool::new(false));
        let (guard, task_ended) = ended();
        let flag = Arc::clone(&reached);
        drop(tokio::spawn(async move {
            let _guard = guard;
            flag.store(true, SeqCst);
            panic!("{message}");
        }));
        task_ended.await.unwrap();
        reached.load(SeqCst)
    }

    /// Stack bytes each level of `dig` holds.
    pub const FRAME: usize = 64 * 1024;

    /// Recurses `frames` deep with a `FRAME`-byte array alive in every frame; returns how far
    /// below `top` the deepest frame's array sits, i.e. the stack the recursion used.
    #[inline(never)]
    pub fn dig(frames: usize, top: usize) -> usize {
        let mut frame = [0u8; FRAME];
        frame[frames % FRAME] = 1;
        black_box(&mut frame);
        let here = std::ptr::from_ref(&frame).addr();
        let used = if frames <= 1 {
            top.abs_diff(here)
        } else {
            dig(frames - 1, top)
        };
        // Keeps the array alive across the call, so no frame can be reused or elided.
        black_box(&frame);
        used
    }

    /// Runs the recursion `frames` deep on this thread; returns the stack bytes it used.
    pub fn deep_recursion(frames: usize) -> usize {
        let marker = 0u8;
        let top = std::ptr::from_ref(black_box(&marker)).addr();
        dig(frames, top)
    }
}

pub mod quiet {
    //! What a test does that never blocks a thread of its runtime, for the blocking check's
    //! tests (`tests/blocking.rs`, `tests/blocking_quiet.rs`): awaits, a task and a channel,
    //! tasks of short polls, and blocking work where it belongs.

    use std::time::{Duration, Instant};

    /// How much of each it does.
    pub struct Dose {
        /// One sleep first.
        pub sleep: Duration,
        /// Messages sent through a channel of `capacity`, from a task.
        pub messages: u64,
        pub capacity: usize,
        /// Tasks that each poll `polls` times, spinning `spin` in every poll.
        pub tasks: usize,
        pub polls: usize,
        pub spin: Duration,
        /// A sleep in `spawn_blocking`, awaited.
        pub spawn_blocking: Option<Duration>,
        /// A sleep in `block_in_place`, in a task (`multi_thread` only).
        pub block_in_place: Option<Duration>,
    }

    /// Does what `dose` says, on the current runtime.
    pub async fn never_blocks(dose: Dose) {
        tokio::time::sleep(dose.sleep).await;
        let (tx, mut rx) = tokio::sync::mpsc::channel::<u64>(dose.capacity);
        let messages = dose.messages;
        let producer = tokio::spawn(async move {
            for n in 0..messages {
                tx.send(n).await.unwrap();
            }
        });
        let mut sum = 0;
        while let Some(n) = rx.recv().await {
            sum += n;
        }
        producer.await.unwrap();
        assert_eq!(sum, messages * messages.saturating_sub(1) / 2);
        let (polls, spin) = (dose.polls, dose.spin);
        let busy: Vec<_> = (0..dose.tasks)
            .map(|_| {
                tokio::spawn(async move {
                    for _ in 0..polls {
                        let start = Instant::now();
                        while start.elapsed() < spin {
                            std::hint::spin_loop();
                        }
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        for task in busy {
            task.await.unwrap();
        }
        if let Some(sleep) = dose.spawn_blocking {
            tokio::task::spawn_blocking(move || std::thread::sleep(sleep))
                .await
                .unwrap();
        }
        if let Some(sleep) = dose.block_in_place {
            tokio::spawn(async move {
                tokio::task::block_in_place(|| std::thread::sleep(sleep));
            })
            .await
            .unwrap();
        }
    }
}

/// The pairs of run options that `tests/run_option_matrix.rs` and `src/bin/run_option_matrix.rs`
/// run on every flavor: `name: (options);` for each, passed to the macro `$then`.
#[macro_export]
macro_rules! matrix_pairs {
    ($then:ident) => {
        $then! {
            timeout_shutdown: (timeout = "1s", shutdown_timeout = "500ms");
            timeout_stack: (timeout = "1s", stack_size = "4MiB");
            timeout_panics: (timeout = "1s", fail_on_task_panic = true);
            timeout_leaks: (timeout = "1s", fail_on_leaked_tasks = true);
            shutdown_stack: (shutdown_timeout = "500ms", stack_size = "4MiB");
            shutdown_panics: (shutdown_timeout = "500ms", fail_on_task_panic = true);
            shutdown_leaks: (shutdown_timeout = "500ms", fail_on_leaked_tasks = true);
            stack_panics: (stack_size = "4MiB", fail_on_task_panic = true);
            stack_leaks: (stack_size = "4MiB", fail_on_leaked_tasks = true);
            panics_leaks: (fail_on_task_panic = true, fail_on_leaked_tasks = true);
            timeout_blocking: (timeout = "1s", fail_on_blocking = "100ms");
            leaks_blocking: (fail_on_leaked_tasks = true, warn_on_blocking = "100ms");
        }
    };
}

pub mod matrix {
    //! What each case of the run-option matrix must end with, from its options and how its body
    //! ends (`programs/matrix_body.rs`): the rules the docs give, written once.

    use crate::child::Output;
    use std::time::Duration;

    /// The pairs, as `(name, options as written)`.
    macro_rules! listed {
        ($($pair:ident: ($($args:tt)*);)*) => {
            pub const PAIRS: &[(&str, &str)] = &[$((stringify!($pair), stringify!($($args)*)),)*];
        };
    }
    crate::matrix_pairs!(listed);

    /// What the checks and the body print, each recognised by a piece of its text.
    pub const ERR: &str = "Error: \"matrix err\"";
    pub const TASK_PANIC: &str = "(`fail_on_task_panic = true`): matrix task panic";
    pub const LEAK: &str =
        "1 task spawned on this runtime was still running when the body returned";
    pub const BODY_PANIC: &str = "matrix body panic";
    pub const TIMED_OUT: &str = "timed out: it ran longer than its `timeout = ";
    const ALL: [&str; 5] = [ERR, TASK_PANIC, LEAK, BODY_PANIC, TIMED_OUT];

    /// How the body ends: `ok`, `err`, `panic`, and with a `timeout`, `timeout`.
    pub fn exits(options: &str) -> Vec<&'static str> {
        let mut exits = vec!["ok", "err", "panic"];
        if has(options, "timeout") {
            exits.push("timeout");
        }
        exits
    }

    /// Whether `options` (as written) gives `key`.
    pub fn has(options: &str, key: &str) -> bool {
        options
            .split(',')
            .any(|option| option.split('=').next().map(str::trim) == Some(key))
    }

    /// What a case must end with.
    #[derive(Debug)]
    pub struct Expected {
        /// The text that comes first of those in `ALL` (above), or `None` when the case passes.
        pub first: Option<&'static str>,
        /// Texts that come after it.
        pub after: Vec<&'static str>,
        /// The exit status of `main`.
        pub code: i32,
    }

    /// The rules: the body's own end first (a panic, a timeout, which is a panic where the body
    /// was, or an `Err`); after an `Err`, what the checks found; after a return, a check's
    /// finding fails it: a task's panic first, then the tasks left running.
    pub fn expected(options: &str, exit: &str) -> Expected {
        let panics = has(options, "fail_on_task_panic");
        let leaks = has(options, "fail_on_leaked_tasks");
        let findings: Vec<&'static str> = [(panics, TASK_PANIC), (leaks, LEAK)]
            .into_iter()
            .filter_map(|(on, text)| on.then_some(text))
            .collect();
        match exit {
            "panic" => Expected {
                first: Some(BODY_PANIC),
                after: Vec::new(),
                code: 101,
            },
            "timeout" => Expected {
                first: Some(TIMED_OUT),
                after: Vec::new(),
                code: 101,
            },
            "err" => Expected {
                first: Some(ERR),
                after: findings,
                code: 1,
            },
            _ => match findings.split_first() {
                None => Expected {
                    first: None,
                    after: Vec::new(),
                    code: 0,
                },
                Some((first, after)) => Expected {
                    first: Some(first),
                    after: after.to_vec(),
                    code: 101,
                },
            },
        }
    }

    /// How long one case may take, far above what it needs: its `timeout` (the body may wait
    /// for it) and its `shutdown_timeout` (the blocking task sleeps a minute), and two seconds.
    pub fn time_bound(options: &str) -> Duration {
        let mut bound = Duration::from_secs(2);
        if has(options, "timeout") {
            bound += Duration::from_secs(1);
        }
        if has(options, "shutdown_timeout") {
            bound += Duration::from_millis(500);
        }
        bound
    }

    /// Checks that `text` (one test's or one program's output) holds `expected`'s texts in
    /// order and no other, and returns what is wrong, if anything.
    pub fn mismatch(text: &str, expected: &Expected) -> Option<String> {
        let position = |needle: &str| text.find(needle);
        let seen: Vec<(usize, &str)> = ALL
            .iter()
            .filter_map(|needle| position(needle).map(|at| (at, *needle)))
            .collect();
        let earliest = seen
            .iter()
            .min_by_key(|(at, _)| *at)
            .map(|(_, needle)| *needle);
        if earliest != expected.first {
            return Some(format!("first {earliest:?}, expected {:?}", expected.first));
        }
        let mut wanted: Vec<&str> = expected.first.into_iter().collect();
        wanted.extend(&expected.after);
        if let Some((first, after)) = wanted.split_first() {
            for needle in after {
                if position(needle) <= position(first) {
                    return Some(format!("{needle:?} missing, or not after {first:?}"));
                }
            }
        }
        let unexpected: Vec<&str> = seen
            .iter()
            .map(|(_, needle)| *needle)
            .filter(|needle| !wanted.contains(needle))
            .collect();
        if !unexpected.is_empty() {
            return Some(format!("unexpected {unexpected:?}"));
        }
        None
    }

    /// Panics with the whole output when `output` took longer than `bound`.
    pub fn check_time(output: &Output, bound: Duration, case: &str) {
        assert!(
            output.elapsed < bound,
            "{case}: took {:?}, more than {bound:?}:\n{}",
            output.elapsed,
            output.all()
        );
    }
}
