//! mainspring's `taskdump` feature turns on tokio's only for the targets tokio supports it on
//! (Linux on x86, x86_64, aarch64 and s390x): elsewhere tokio stops the build with a
//! `compile_error!` when `--cfg tokio_unstable` is set. Asked of `cargo tree`, which needs no
//! standard library of the target.

use std::path::Path;
use std::process::Command;

/// The features of tokio that `cargo tree` resolves for the facade crate with `taskdump` on,
/// for `target`.
fn tokio_features(target: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "tree",
            "--locked",
            "-p",
            "mainspring",
            "--features",
            "taskdump",
        ])
        .args(["-e", "features", "-i", "tokio", "--target", target])
        .output()
        .expect("run cargo tree");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

const TOKIO_TASKDUMP: &str = "tokio feature \"taskdump\"";

#[test]
fn tokios_taskdump_is_on_where_tokio_supports_it() {
    for target in ["x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"] {
        let features = tokio_features(target);
        assert!(features.contains(TOKIO_TASKDUMP), "{target}:\n{features}");
    }
}

#[test]
fn tokios_taskdump_is_off_elsewhere() {
    for target in [
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "armv7-unknown-linux-gnueabihf",
    ] {
        let features = tokio_features(target);
        assert!(
            features.contains("mainspring feature \"taskdump\""),
            "{target}:\n{features}"
        );
        assert!(!features.contains(TOKIO_TASKDUMP), "{target}:\n{features}");
    }
}
