//! `stack_size = "64MiB"` on an `async fn main() -> Result<..>`: the exit status must be what it is
//! without the option. Usage: `stack_size_exit <ok|fail|panic>`. `ok` prints where the body ran
//! and returns `Ok(())`; `fail` returns an error through `?`; `panic` panics.
//!
//! "Where the body ran" is `thread=<name>` and `os_main_thread=<bool>`, the latter read from
//! `/proc/thread-self` (`<pid>/task/<tid>`): the process's first thread has `tid == pid`.

use std::error::Error;
use std::fmt;

#[derive(Debug)]
struct Refused {
    reason: &'static str,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "refused: {}", self.reason)
    }
}

impl Error for Refused {}

async fn check(mode: &str) -> Result<(), Refused> {
    tokio::task::yield_now().await;
    match mode {
        "ok" => Ok(()),
        "fail" => Err(Refused {
            reason: "asked to fail",
        }),
        "panic" => panic!("the big-stack body panicked on purpose"),
        other => panic!("unknown mode {other:?}; expected ok, fail or panic"),
    }
}

/// `Some(true)` on the process's first thread, `None` where `/proc/thread-self` is unreadable.
fn on_os_main_thread() -> Option<bool> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    let link = link.to_str()?;
    let (pid, tid) = link.split_once("/task/")?;
    Some(pid == tid)
}

#[mainspring::main(stack_size = "64MiB")]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let mode = std::env::args().nth(1).unwrap_or_default();
    check(&mode).await?;
    let name = std::thread::current()
        .name()
        .unwrap_or("<unnamed>")
        .to_owned();
    println!("thread={name}");
    match on_os_main_thread() {
        Some(main) => println!("os_main_thread={main}"),
        None => println!("os_main_thread=unknown"),
    }
    Ok(())
}
