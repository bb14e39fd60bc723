#!/usr/bin/env python3
"""tokio's own integration tests, run with tokio's attributes and with mainspring's, compared
test by test.

tokio 1.54.1's published package (from cargo's cache, fetched if missing) has its tests/ copied
twice into a generated workspace: as published, and rewritten to `#[mainspring::test]` /
`#[mainspring::main]` (rules in compat/README.md and rewrite.py). Both are built as tokio's CI
builds them (RUSTFLAGS=-Dwarnings; `--features full` plus `test-util`, which tokio's own
dev-dependency on tokio-test turns on there), each test binary is run, and every test's outcome is
compared by name. Exit status: 0 no difference, 1 differences, 2 the run itself went wrong (the
rewrite met a spelling it has no rule for, or tokio's own copy did not build).

Python 3.11, standard library only. Everything generated goes under --scratch (default
compat/target/, gitignored); the repository is only read, except compat/Cargo.lock with
--update-lock.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import cfg  # noqa: E402
import generate  # noqa: E402
import report  # noqa: E402
import runner  # noqa: E402

COMPAT = Path(__file__).resolve().parent
REPO = COMPAT.parent
LOCKFILE = COMPAT / "Cargo.lock"
# The files that exercise the attributes most: CI runs these.
SUBSET = ["macros_*", "rt_*", "task_*", "time_*"]
# Tests never started, in either copy: nothing here may send traffic off this machine.
NOT_RUN = {
    ("rt_unstable_metrics", "io_driver_fd_count"): "connects to google.com:80",
    ("rt_unstable_metrics", "io_driver_ready_count"): "connects to google.com:80",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="compat/run.sh",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--all", action="store_true", help="every file of tokio's tests/ (the full run)"
    )
    which.add_argument(
        "--files",
        nargs="+",
        metavar="GLOB",
        help="the files whose names match (e.g. 'sync_*' io_copy); default: the CI subset "
        + " ".join(SUBSET),
    )
    p.add_argument(
        "--list-files", action="store_true", help="print the files that would run, and exit"
    )
    p.add_argument(
        "--unstable",
        action="store_true",
        help="tokio's unstable job instead: --cfg tokio_unstable and --all-features "
        "(own target dir)",
    )
    p.add_argument(
        "--locked", action="store_true", help="pass --locked to cargo: compat/Cargo.lock as is (CI)"
    )
    p.add_argument(
        "--update-lock",
        action="store_true",
        help="save the generated workspace's Cargo.lock as compat/Cargo.lock after the build",
    )
    p.add_argument(
        "--mainspring",
        type=Path,
        default=REPO,
        metavar="REPO",
        help="the mainspring repository whose runtime-shim/ the rewritten copy uses "
        "(default: this one)",
    )
    p.add_argument(
        "--scratch", type=Path, default=COMPAT / "target", help="where everything generated goes"
    )
    p.add_argument("--clean", action="store_true", help="delete --scratch first (a cold build)")
    p.add_argument("--jobs", type=int, help="cargo's -j")
    p.add_argument(
        "--timeout", type=float, default=600, help="seconds for one test binary's run (600)"
    )
    p.add_argument(
        "--test-timeout", type=float, default=120, help="seconds for one test run alone (120)"
    )
    p.add_argument(
        "--retries", type=int, default=2, help="times a failed test is run again alone (2)"
    )
    p.add_argument(
        "--markdown", type=Path, metavar="FILE", help="also write the tables to FILE, in Markdown"
    )
    p.add_argument(
        "--detail-lines", type=int, default=25, help="lines of output shown per difference (25)"
    )
    p.add_argument(
        "--show-rewrites", action="store_true", help="print every change the rewrite made"
    )
    return p.parse_args(argv)


def select(stems: list[str], args: argparse.Namespace) -> list[str]:
    if args.all:
        return stems
    globs = [g.removesuffix(".rs") for g in (args.files or SUBSET)]
    chosen = [s for s in stems if any(fnmatch.fnmatchcase(s, g) for g in globs)]
    for g in globs:
        if not any(fnmatch.fnmatchcase(s, g) for s in stems):
            sys.exit(f"compat: no file of tokio's tests/ matches `{g}`")
    return chosen


def report_rewrites(gen: generate.Generated, args: argparse.Namespace) -> bool:
    """Prints what the rewrite did (all of it to <ws>/rewrites.txt); False if it met sites it
    has no rule for."""
    lines, unhandled, sites, files = [], [], 0, 0
    for path, res in sorted(gen.rewrites.items()):
        if res.changes:
            files += 1
            sites += len(res.changes)
        for c in res.changes:
            lines.append(f"{path}:{c.line}: {c.before or '(added)'} -> {c.after}")
        unhandled += [f"tests/{path}:{line}: {text}" for line, text in res.unhandled]
    (gen.root / "rewrites.txt").write_text("\n".join(lines) + "\n")
    print(f"compat: rewrite: {sites} changes in {files} files ({gen.root / 'rewrites.txt'})")
    if args.show_rewrites:
        print("\n".join(lines))
    if unhandled:
        print("compat: the rewrite has no rule for these (nothing was run):", file=sys.stderr)
        print("\n".join(f"  {u}" for u in unhandled), file=sys.stderr)
        return False
    return True


def build(gen: generate.Generated, stems: list[str], args: argparse.Namespace, target_dir: Path):
    """cargo build of the chosen test targets of both copies. Returns ({(copy, stem): exe},
    {(copy, stem): compiler errors}, [errors outside the test targets], cargo's exit status)."""
    cmd = ["cargo", "build", "--keep-going", "--message-format=json"]
    for copy in gen.copies:
        cmd += ["-p", copy.package]
    if args.unstable:
        cmd.append("--all-features")
    else:
        cmd += [
            "--features",
            ",".join(f"{c.package}/{f}" for c in gen.copies for f in ("full", "test-util")),
        ]
    for stem in stems:
        cmd += ["--test", stem]
    if args.locked:
        cmd.append("--locked")
    if args.jobs:
        cmd += ["-j", str(args.jobs)]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS")
    }
    env["RUSTFLAGS"] = "--cfg tokio_unstable -Dwarnings" if args.unstable else "-Dwarnings"
    env["CARGO_TARGET_DIR"] = str(target_dir)
    print(
        f"compat: RUSTFLAGS={env['RUSTFLAGS']!r} {' '.join(cmd[:12])} ... ({len(stems)} files x 2)",
        flush=True,
    )
    proc = subprocess.run(cmd, cwd=gen.root, env=env, stdout=subprocess.PIPE, text=True)
    (gen.root / "build.jsonl").write_text(proc.stdout)
    by_dir = {c.dir.resolve(): c.name for c in gen.copies}
    exes, errors, general = {}, {}, []
    for line in proc.stdout.splitlines():
        if not line.startswith("{"):
            continue
        msg = json.loads(line)
        copy = by_dir.get(Path(msg.get("manifest_path", "/")).resolve().parent)
        target = msg.get("target", {})
        is_test = target.get("kind") == ["test"] and copy is not None
        if msg.get("reason") == "compiler-artifact" and is_test and msg.get("executable"):
            exes[(copy, target["name"])] = Path(msg["executable"])
        elif msg.get("reason") == "compiler-message" and msg["message"]["level"] in (
            "error",
            "error: internal compiler error",
        ):
            text = msg["message"]["rendered"]
            if is_test:
                errors.setdefault((copy, target["name"]), []).append(text)
            else:
                general.append(
                    f"in {target.get('name', '?')} ({'/'.join(target.get('kind', []))}):\n{text}"
                )
    return exes, errors, general, proc.returncode


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    if args.clean:
        shutil.rmtree(args.scratch, ignore_errors=True)
    args.scratch.mkdir(parents=True, exist_ok=True)
    gen = generate.generate(args.scratch.resolve(), args.mainspring.resolve(), LOCKFILE)
    stems = select(gen.test_files, args)
    if args.list_files:
        print("\n".join(stems))
        return 0
    if not LOCKFILE.is_file() and not (gen.root / "Cargo.lock").is_file():
        # No lockfile yet: start from the one tokio 1.54.1 was published with, so the
        # dev-dependencies are the versions tokio's own tests ran against where they still fit.
        shutil.copy(gen.tokio_package / "Cargo.lock", gen.root / "Cargo.lock")
    print(
        f"compat: tokio {generate.TOKIO_VERSION} from {gen.tokio_package} "
        f"({time.monotonic() - started:.0f} s)"
    )
    print(
        f"compat: mainspring from {args.mainspring.resolve() / 'runtime-shim'}; "
        f"generated workspace {gen.root}"
    )
    if not report_rewrites(gen, args):
        return 2

    target_dir = args.scratch.resolve() / ("cargo-unstable" if args.unstable else "cargo")
    t0 = time.monotonic()
    exes, errors, general, code = build(gen, stems, args, target_dir)
    built = time.monotonic() - t0
    print(f"compat: build took {built:.0f} s (cargo exit status {code})", flush=True)
    if code != 0 and not exes:
        print("compat: cargo built no test binary (its output is above)", file=sys.stderr)
        print(
            "".join(report.indent(e, args.detail_lines) for e in general), end="", file=sys.stderr
        )
        return 2
    if args.update_lock:
        shutil.copy(gen.root / "Cargo.lock", LOCKFILE)
        print(f"compat: saved {LOCKFILE}")

    features = generate.mirrored_features(gen.tokio_manifest)
    on = cfg.features_on(features, list(features) if args.unstable else ["full", "test-util"])
    cfg_set = cfg.rustc_cfg(["--cfg", "tokio_unstable"] if args.unstable else []) | {
        ("feature", f) for f in on
    }

    log_dir = args.scratch / ("logs-unstable" if args.unstable else "logs")
    t0 = time.monotonic()
    results, empty, harness_errors = [], {}, []
    for stem in stems:
        runs = {}
        for copy in gen.copies:
            exe = exes.get((copy.name, stem))
            if exe is None:
                continue
            log_path = log_dir / copy.name / f"{stem}.log"
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(log_path, "w") as log:
                not_run = {name: why for (file, name), why in NOT_RUN.items() if file == stem}
                runs[copy.name] = runner.run_binary(
                    exe, copy.dir, args.timeout, args.test_timeout, args.retries, log, not_run
                )
        build_error = {}
        for copy in gen.copies:
            if (copy.name, stem) not in exes:
                errs = errors.get((copy.name, stem)) or [
                    (
                        "a dependency did not compile: "
                        "see `Build errors outside the test files` below"
                        if general
                        else "not built: see cargo's output"
                    )
                ]
                build_error[copy.name] = "\n".join(errs)
        if "tokio" in build_error:
            harness_errors.append(
                f"{stem}: tokio's own copy did not compile:\n{build_error['tokio']}"
            )
        res = report.compare(
            stem, runs.get("tokio"), runs.get("mainspring"), build_error.get("mainspring", "")
        )
        if res.tests == 0 and res.ours_tests == 0 and not res.differences and not build_error:
            empty[stem] = cfg.why_empty(
                (gen.tokio_package / "tests" / f"{stem}.rs").read_text(), cfg_set
            )
        results.append(res)
        print(
            f"compat: {stem}: {res.tests} tests, passed {res.passed_tokio} with tokio and "
            f"{res.passed_ours} with ours, {len(res.differences)} differences",
            flush=True,
        )
    ran = time.monotonic() - t0

    print()
    print(report.table(results, markdown=False), end="")
    print(report.details(results, empty, markdown=False, detail_lines=args.detail_lines), end="")
    if general:
        print("\nBuild errors outside the test files:")
        print("".join(report.indent(e, args.detail_lines) for e in general), end="")
    if harness_errors:
        print("\nThe run itself went wrong (not a difference):")
        for e in harness_errors:
            print(report.indent(e, args.detail_lines), end="")
    if args.markdown:
        args.markdown.write_text(
            report.table(results, markdown=True)
            + report.details(results, empty, markdown=True, detail_lines=0)
        )
    tot = report.totals(results)
    skipped = tot.ignored + len(tot.not_run) + len(tot.failed_tokio)
    mode = "--unstable " if args.unstable else ""
    print(
        f"\ncompat: {mode}{len(stems)} files, {tot.tests} tests; "
        f"build {built:.0f} s, runs {ran:.0f} s, "
        f"all {time.monotonic() - started:.0f} s"
    )
    print(f"compat: logs of every run in {log_dir}/")
    print(f"compat: {tot.passed_both} passed, {len(tot.differences)} failed, {skipped} skipped")
    if harness_errors:
        return 2
    return 1 if tot.differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
