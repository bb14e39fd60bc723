//! Programs under `src/bin/` are built with `#[mainspring::main]`; the tests under `tests/` run them
//! as child processes and check what a user would see: output, exit status, threads.

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
        /// The exit status.
        pub status: ExitStatus,
        /// All of stdout.
        pub stdout: String,
        /// All of stderr.
        pub stderr: String,
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

    /// Runs `command` to completion, polling for its exit so a child that never ends fails the
    /// test after [`LIMIT`] instead of hanging it (the child is killed, then this panics).
    pub fn run(mut command: Command) -> Output {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
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
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > LIMIT {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("{command:?} still running after {LIMIT:?}");
            }
            thread::sleep(Duration::from_millis(10));
        };
        Output {
            status,
            stdout: out_reader.join().unwrap(),
            stderr: err_reader.join().unwrap(),
        }
    }
}
