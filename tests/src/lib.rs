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
