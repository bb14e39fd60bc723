#!/usr/bin/env python3
"""Compile-time and run-time cost of `#[mainspring::test]`/`#[mainspring::main]` against
`#[tokio::test]`/`#[tokio::main]` and a hand-written runtime (the floor).

Python 3.11, standard library only. Everything generated (crates, target dirs, profiles) goes
under --root (default /tmp/mainspring-bench); the repository is only read. See bench/README.md.
Measuring (measure.py) writes <root>/results.json (schema.py); the report (report.py, with the
targets of targets.py) is made from that file alone, so --report-only remakes it unmeasured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

# No __pycache__ in bench/: a run writes nothing in the repository but the report.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402
import report  # noqa: E402
import schema  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--root",
        default=os.environ.get("MSB_ROOT", "/tmp/mainspring-bench"),
        help="where everything generated goes",
    )
    p.add_argument(
        "--ns", default="200,1000", help="comma-separated test counts (default 200,1000)"
    )
    p.add_argument("--runs", type=int, default=5, help="wall-time runs per variant (default 5)")
    p.add_argument(
        "--macro-runs", type=int, default=5, help="clean macro-crate builds per crate (default 5)"
    )
    p.add_argument(
        "--hello-runs", type=int, default=300, help="hello-world start-up runs (default 300)"
    )
    p.add_argument(
        "--tp-runs", type=int, default=3, help="-Z time-passes runs per variant (default 3)"
    )
    p.add_argument(
        "--expansion-lines",
        default="10,500",
        help="body sizes for the expansion case (default 10,500)",
    )
    p.add_argument(
        "--source",
        choices=["HEAD", "worktree", "live", "snapshot"],
        default="HEAD",
        help="mainspring to measure (default HEAD; snapshot: the copy an earlier run made, with"
        " --merge)",
    )
    p.add_argument(
        "--source-commit",
        metavar="REV",
        help="with --source HEAD (the default): measure the macro/ and runtime-shim/ of this commit"
        " instead of HEAD's (`git archive REV` to <root>/snapshot; nothing is checked out), with"
        " the bench/ of the working tree",
    )
    p.add_argument(
        "--test-args",
        metavar="ARGS",
        default="",
        help="arguments for every generated `#[mainspring::test(ARGS)]` (the N-test crates and the"
        " expansion case; not `main`, not tokio's attribute), e.g. --test-args 'flavor ="
        " \"current_thread\", timeout = \"30s\"'; recorded in results.json and the report"
        " header (default: none, a bare `#[mainspring::test]`)",
    )
    p.add_argument("--steps", default="crates,macro,hello,expansion", help="which steps to run")
    p.add_argument("--no-instr", action="store_true", help="skip callgrind in the N-test step")
    p.add_argument(
        "--no-time-passes",
        dest="time_passes",
        action="store_false",
        help="skip -Z time-passes (RUSTC_BOOTSTRAP=1) on cargo check",
    )
    p.add_argument(
        "--build-instr-ns",
        default="200",
        help="the Ns at which `cargo build` runs under callgrind (default 200: at N=1000 it takes"
        " ~30 min a variant)",
    )
    p.add_argument(
        "--instr-first",
        action="store_true",
        help="in the N-test step, the callgrind runs before the timed runs",
    )
    p.add_argument(
        "--merge",
        action="store_true",
        help="add to <root>/results.json instead of starting a new one",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="callgrind runs at a time (default 2; never alongside a timed run)",
    )
    p.add_argument(
        "--note",
        action="append",
        default=[],
        help="a line for the report's header (with --report-only: added to the stored ones)",
    )
    p.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the report from <root>/results.json",
    )
    p.add_argument(
        "--out",
        default=None,
        help="the report (default <root>/RESULTS.md; add it to bench/RESULTS.md as a dated section)",
    )
    args = p.parse_args(argv)
    args.ns = [int(x) for x in args.ns.split(",") if x]
    args.build_instr_ns = [int(x) for x in args.build_instr_ns.split(",") if x]
    args.expansion_lines = [int(x) for x in args.expansion_lines.split(",")]
    args.steps = [x for x in args.steps.split(",") if x]
    args.test_args = args.test_args.strip()
    if args.test_args.startswith("(") or args.test_args.endswith(")"):
        p.error("--test-args: the arguments without the parentheses, e.g. 'timeout = \"30s\"'")
    if args.source_commit is not None and args.source != "HEAD":
        p.error(f"--source-commit: only with --source HEAD (the default), not {args.source}")
    unknown = [s for s in args.steps if s not in measure.STEPS]
    if unknown:
        p.error(f"--steps: unknown {', '.join(unknown)} (known: {', '.join(measure.STEPS)})")
    return args


def main() -> int:
    args = parse_args(sys.argv[1:])
    root = Path(args.root)
    if root.resolve() == REPO or REPO in root.resolve().parents:
        sys.exit("--root must be outside the repository")
    root.mkdir(parents=True, exist_ok=True)
    path = root / schema.FILE_NAME

    try:
        if args.report_only:
            results = schema.load(path)
            results.meta.notes += args.note
        else:
            if shutil.which("valgrind") is None and not args.no_instr:
                sys.exit("valgrind not found: apt-get install -y valgrind (or pass --no-instr)")
            results = measure.measure(args, root, args.steps, sys.argv[1:])
    except schema.SchemaError as e:
        sys.exit(f"bad results file: {e}")
    except measure.Failed as e:
        print(e, file=sys.stderr)
        return 1
    text = report.render(results)
    out = Path(args.out) if args.out else root / "RESULTS.md"
    out.write_text(text)
    print(text)
    measure.log(f"wrote {out} (raw data: {path}); add it to bench/RESULTS.md as a dated section")
    return 0


if __name__ == "__main__":
    sys.exit(main())
