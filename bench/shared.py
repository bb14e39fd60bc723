#!/usr/bin/env python3
"""Wall time of a test binary of N `multi_thread` tests: each on a runtime of its own
(`#[mainspring::test(flavor = "multi_thread")]`) against all on the shared runtime
(`#[mainspring::test(shared)]`), which is built once instead of once per test.

Usage: python3 bench/shared.py [--n 500] [--runs 5] [--root /tmp/mainspring-shared-bench]

Generates one crate per variant under --root (depending on this checkout), builds its test
binary once, then runs the two binaries alternately --runs times each (`--test-threads=2`) and
prints the median wall time of each and their ratio, with the runtimes each run builds and the
worker threads those start (tokio's default: one per core).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True

REPO = Path(__file__).resolve().parent.parent
VARIANTS = {
    "per-test": '#[mainspring::test(flavor = "multi_thread")]',
    "shared": "#[mainspring::test(shared)]",
}


def body(i: int) -> str:
    return (
        f"    let n: u64 = {i};\n"
        "    let doubled = tokio::spawn(async move { n * 2 }).await.unwrap();\n"
        "    tokio::task::yield_now().await;\n"
        f"    assert_eq!(doubled, {2 * i});\n"
    )


def write_crate(root: Path, variant: str, n: int) -> Path:
    crate = root / variant
    (crate / "src").mkdir(parents=True, exist_ok=True)
    (crate / "Cargo.toml").write_text(
        "[package]\n"
        f'name = "shared_bench_{variant.replace("-", "_")}"\n'
        'version = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        "[dependencies]\n"
        f'mainspring = {{ path = "{REPO / "runtime-shim"}" }}\n'
        'tokio = { version = "1", features = ["full"] }\n'
    )
    tests = "\n".join(
        f"{VARIANTS[variant]}\nasync fn test_{i:04}() {{\n{body(i)}}}\n" for i in range(n)
    )
    (crate / "src" / "lib.rs").write_text(tests)
    return crate


def build(crate: Path, target: Path) -> Path:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    out = subprocess.run(
        ["cargo", "test", "--no-run", "--message-format=json", "-q"],
        cwd=crate,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            if msg["target"]["name"].startswith("shared_bench"):
                return Path(msg["executable"])
    raise SystemExit(f"no test binary built in {crate}")


def run_once(binary: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "TOKIO_WORKER_THREADS"}
    start = time.perf_counter()
    result = subprocess.run(
        [str(binary), "--test-threads=2", "-q"], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{binary} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=Path("/tmp/mainspring-shared-bench"))
    args = parser.parse_args()
    target = args.root / "target"
    binaries = {}
    for variant in VARIANTS:
        binaries[variant] = build(write_crate(args.root, variant, args.n), target)
    times: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    for _ in range(args.runs):
        for variant, binary in binaries.items():
            times[variant].append(run_once(binary))
    cores = os.cpu_count() or 1
    medians = {variant: statistics.median(values) for variant, values in times.items()}
    print(f"{args.n} tests, {args.runs} runs each, alternating, --test-threads=2, {cores} cores\n")
    print("| variant | median wall time | runs (s) | runtimes built | worker threads started |")
    print("|---|---:|---|---:|---:|")
    for variant, values in times.items():
        runtimes = args.n if variant == "per-test" else 1
        runs = ", ".join(f"{v:.3f}" for v in values)
        print(
            f"| {variant} | {medians[variant]:.3f} s | {runs} | {runtimes} | {runtimes * cores} |"
        )
    print(f"\nper-test / shared: {medians['per-test'] / medians['shared']:.2f}x")


if __name__ == "__main__":
    main()
