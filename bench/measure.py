"""Measuring: generates the crates under --root, times and profiles them, and writes the figures
to <root>/results.json (shape: schema.py) after every phase, so a failed run keeps what it had
measured. Nothing here formats a report."""

from __future__ import annotations

import concurrent.futures
import datetime
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import gen
import schema
from schema import (
    EXPANSION_VARIANTS,
    VARIANTS,
    CargoRuns,
    CrateResult,
    ExpansionResult,
    HelloResult,
    Instructions,
    MacroBuild,
    Meta,
    Results,
    Runs,
    TimePasses,
    replace_or_append,
)

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WRAPPER = BENCH / "rustc-wrapper.sh"
CRATE = "benchcrate"

# ---------------------------------------------------------------------------------------------
# small utilities


def log(msg: str) -> None:
    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {msg}", flush=True)


class Failed(Exception):
    pass


def run(cmd, cwd=None, env=None, check=True, capture=True):
    """Runs `cmd`; returns (wall seconds, cpu seconds of children, completed process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and proc.returncode != 0:
        out = proc.stdout or ""
        raise Failed(
            f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{out[-6000:]}"
        )
    return wall, cpu, proc


def cargo_env(target_dir: Path, mode: str = "plain", **extra) -> dict:
    """The same RUSTC_WRAPPER, CARGO_INCREMENTAL and RUSTFLAGS for every cargo call, so the
    fingerprints of the dependencies never change between measurements."""
    env = dict(os.environ)
    for var in (
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
    ):
        env.pop(var, None)
    env.update(
        CARGO_TARGET_DIR=str(target_dir),
        RUSTC_WRAPPER=str(WRAPPER),
        # A touched file would otherwise be recompiled from the incremental cache: we want the
        # cost of compiling the crate, not of confirming nothing changed.
        CARGO_INCREMENTAL="0",
        CARGO_TERM_COLOR="never",
        MSB_CRATE=CRATE,
        MSB_MODE=mode,
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def touch(path: Path) -> None:
    now = time.time()
    os.utime(path, (now, now))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def save(results: Results, root: Path) -> None:
    schema.save(results, root / schema.FILE_NAME)


# ---------------------------------------------------------------------------------------------
# the mainspring source used by the generated crates


def git(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, **kw)


def resolve_commit(rev: str) -> str:
    """The full hash of the commit `rev` names in the repository; Failed if it names none."""
    proc = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", text=True)
    if proc.returncode != 0:
        raise Failed(f"--source-commit: {rev!r} is not a commit of {REPO}")
    return proc.stdout.strip()


def prepare_source(root: Path, source: str, commit: str | None = None) -> tuple[Path, str]:
    """Returns (path of the `runtime-shim` crate to depend on, description for the report).

    `HEAD` (default) and `worktree` copy the workspace (its manifest with the members cut to
    `macro` and `runtime-shim`, the lockfile, both crates) to <root>/snapshot, so an engineer's
    edit during a run does not rebuild the macro halfway through the measurements. With `HEAD`,
    `commit` (`--source-commit`) archives that commit instead, so another commit is measured
    with this bench/ and nothing is checked out. `live` depends on the repository's own
    `runtime-shim` directly."""
    if commit is not None and source != "HEAD":
        raise Failed(f"--source-commit needs --source HEAD (the default), not {source}")
    rev = git("rev-parse", "--short", "HEAD", text=True).stdout.strip()
    watched = ["macro", "runtime-shim", "Cargo.toml", "Cargo.lock"]
    dirty = git("status", "--porcelain", "--", *watched, text=True).stdout.strip()
    if source == "live":
        desc = f"live {REPO} at {rev}" + (" (uncommitted changes)" if dirty else "")
        return REPO / "runtime-shim", desc
    snap = root / "snapshot"
    if source == "snapshot":
        if not (snap / "runtime-shim").is_dir():
            sys.exit(f"--source snapshot: no {snap} from an earlier run")
        return snap / "runtime-shim", "the snapshot of an earlier run"
    shutil.rmtree(snap, ignore_errors=True)
    snap.mkdir(parents=True)
    paths = ["Cargo.toml", "Cargo.lock", "README.md", "macro", "runtime-shim"]
    if source == "HEAD":
        tree = "HEAD" if commit is None else resolve_commit(commit)
        archive = git("archive", "--format=tar", tree, *paths, check=True)
        subprocess.run(["tar", "-x", "-C", str(snap)], input=archive.stdout, check=True)
        if commit is None:
            desc = f"commit {rev} (`git archive HEAD`)"
        else:
            desc = f"commit {tree[:7]} (`git archive {tree}`, `--source-commit {commit}`)"
    else:
        for p in paths:
            src = REPO / p
            if src.is_dir():
                shutil.copytree(src, snap / p, ignore=shutil.ignore_patterns("target"))
            else:
                shutil.copy2(src, snap / p)
        desc = f"working tree on {rev}" + (
            " with uncommitted changes to macro/ or runtime-shim/" if dirty else " (clean)"
        )
    manifest = (snap / "Cargo.toml").read_text()
    manifest = re.sub(
        r"(?m)^members\s*=\s*\[[^\]]*\]", 'members = ["macro", "runtime-shim"]', manifest
    )
    (snap / "Cargo.toml").write_text(manifest)
    return snap / "runtime-shim", desc


def seed_lock(crate_dir: Path, root: Path) -> None:
    """Starts every generated crate from the workspace's lockfile, so tokio, syn and the rest
    resolve to the versions the project uses (cargo prunes what a crate does not need)."""
    lock = crate_dir / "Cargo.lock"
    if not lock.exists():
        src = root / "snapshot" / "Cargo.lock"
        if not src.exists():
            src = REPO / "Cargo.lock"
        shutil.copy2(src, lock)


def manifest(name: str, deps: list[str], bin_name: str | None = None, lib: bool = False) -> str:
    text = f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
    if lib:
        text += '[lib]\npath = "src/lib.rs"\n\n'
    text += "[dependencies]\n" + "\n".join(deps) + "\n\n"
    text += "# Not part of any other workspace.\n[workspace]\n"
    return text


def test_args_of(args, variant: str) -> str:
    """The arguments of the variant's test attribute: `--test-args` for mainspring, none for
    tokio's (and the hand-written variant has no attribute)."""
    return args.test_args if variant == "mainspring" else ""


def variant_deps(variant: str, shim: Path) -> list[str]:
    deps = ['tokio = { version = "1.54", features = ["full"] }']
    if variant == "mainspring":
        deps.append(f'mainspring = {{ path = "{shim}" }}')
    return deps


# ---------------------------------------------------------------------------------------------
# callgrind


def callgrind_figures(out: Path, fn_patterns: dict[str, str]) -> dict:
    """Total instructions of a callgrind profile, and the inclusive instructions of the
    functions whose demangled names match each regex in `fn_patterns` (summed over matches)."""
    text = out.read_text(errors="replace")
    m = re.search(r"(?m)^(?:summary|totals):\s*(\d+)", text)
    figures = {"total": int(m.group(1)) if m else None}
    if fn_patterns:
        ann = subprocess.run(
            ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
            capture_output=True,
            text=True,
        ).stdout
        rows = []
        for line in ann.splitlines():
            m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)$", line)
            if m:
                rows.append((int(m.group(1).replace(",", "")), m.group(2)))
        for key, pat in fn_patterns.items():
            rx = re.compile(pat)
            hits = [cost for cost, name in rows if rx.search(name)]
            figures[key] = max(hits) if hits else None
    return figures


EXPANSION_FNS = {
    # rustc's whole expansion phase (every macro, the parsing of their output, resolution
    # during expansion).
    "expand_crate": r"MacroExpander>::expand_crate\b",
    # The proc-macro functions themselves, bridge calls back into rustc included.
    "proc_macro": r"\b(?:tokio_macros|mainspring_macros|msb_probe)::(?:test|main|identity|copy)\b",
}


def callgrind_cargo(cmd: list[str], cwd: Path, target: Path, out: Path) -> Instructions:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    run(cmd, cwd=cwd, env=cargo_env(target, "callgrind", MSB_OUT=out))
    if not out.exists():
        raise Failed(f"no callgrind output for {cwd}: was the bench crate rebuilt?")
    return Instructions(command=" ".join(cmd), **callgrind_figures(out, EXPANSION_FNS))


def fmt_count(x: int | None) -> str:
    return "–" if x is None else f"{x:,}"


# ---------------------------------------------------------------------------------------------
# step 1-2: the N-test crates


def bench_crates(args, root: Path, shim: Path, results: Results) -> None:
    crates = {v: root / "crates" / v for v in VARIANTS}
    for v, d in crates.items():
        write(d / "Cargo.toml", manifest(CRATE, variant_deps(v, shim)))
        seed_lock(d, root)
    for n in args.ns:
        res = {v: CrateResult(variant=v, n=n) for v in VARIANTS}
        for rec in res.values():
            replace_or_append(results.crates, rec, lambda r: (r.n, r.variant) == (n, rec.variant))
        log(f"N={n}: generating and building the dependencies once per variant")
        for v, d in crates.items():
            write(d / "src" / "main.rs", gen.bench_main_rs(v, n, test_args_of(args, v)))
            env = cargo_env(d / "target")
            run(["cargo", "build", "--tests"], cwd=d, env=env)
            _, _, proc = run(["cargo", "check", "--tests", "--offline"], cwd=d, env=env)
            if "warning" in proc.stdout:
                log(f"  note: {v} N={n} compiles with warnings:\n{proc.stdout[-1500:]}")
            res[v].source_lines = (d / "src" / "main.rs").read_text().count("\n")
        phases = [crates_wall_times, crates_instructions]
        if args.instr_first:
            phases.reverse()
        for phase in phases:
            phase(args, root, n, crates, res)
            save(results, root)
        if args.time_passes:
            crates_time_passes(args, root, n, crates, res)
        crates_test_runs(args, n, crates, res)
        save(results, root)


def crates_wall_times(args, root: Path, n: int, crates: dict, res: dict) -> None:
    for kind in ("check", "build"):
        log(f"N={n}: cargo {kind} --tests, {args.runs} alternating runs of each variant")
        cmd = ["cargo", kind, "--tests", "--offline"]
        for r in range(args.runs):
            for v, d in crates.items():
                rlog = root / "logs" / f"rustc-time-{v}-{n}-{kind}.txt"
                rlog.parent.mkdir(parents=True, exist_ok=True)
                touch(d / "src" / "main.rs")
                wall, cpu, _ = run(cmd, cwd=d, env=cargo_env(d / "target", "time", MSB_LOG=rlog))
                rustc_us = int(rlog.read_text().split()[-1])
                slot = getattr(res[v], kind)
                if slot is None:
                    slot = CargoRuns(command=" ".join(cmd))
                    setattr(res[v], kind, slot)
                slot.wall.append(wall)
                slot.cpu.append(cpu)
                slot.rustc.append(rustc_us / 1e6)
            walls = (f"{v} {getattr(res[v], kind).wall[-1]:.2f}s" for v in VARIANTS)
            log(f"  run {r + 1}: " + ", ".join(walls))


def crates_instructions(args, root: Path, n: int, crates: dict, res: dict) -> None:
    if args.no_instr:
        return
    jobs = [("check", v) for v in VARIANTS]
    if n in args.build_instr_ns:
        jobs += [("build", v) for v in VARIANTS]
    log(
        f"N={n}: callgrind on the bench crate's rustc:"
        f" {', '.join(f'{k} {v}' for k, v in jobs)} ({args.jobs} at a time)"
    )

    def one(job):
        kind, v = job
        d = crates[v]
        touch(d / "src" / "main.rs")
        started = time.perf_counter()
        figs = callgrind_cargo(
            ["cargo", kind, "--tests", "--offline"],
            d,
            d / "target",
            root / "callgrind" / f"{v}-{n}-{kind}.out",
        )
        log(
            f"  {kind} {v}: {fmt_count(figs.total)} instructions"
            f" ({time.perf_counter() - started:.0f}s under valgrind)"
        )
        return job, figs

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for (kind, v), figs in pool.map(one, jobs):
            setattr(res[v], f"{kind}_instr", figs)


def crates_time_passes(args, root: Path, n: int, crates: dict, res: dict) -> None:
    log(f"N={n}: -Z time-passes (RUSTC_BOOTSTRAP=1) on cargo check --tests, {args.tp_runs} runs")
    cmd = ["cargo", "check", "--tests", "--offline"]
    for r in range(args.tp_runs):
        for v, d in crates.items():
            tlog = root / "logs" / f"time-passes-{v}-{n}.txt"
            tlog.unlink(missing_ok=True)
            touch(d / "src" / "main.rs")
            run(cmd, cwd=d, env=cargo_env(d / "target", "timepasses", MSB_LOG=tlog))
            passes = parse_time_passes(tlog.read_text())
            if res[v].time_passes is None:
                res[v].time_passes = TimePasses(command=" ".join(cmd) + " -Z time-passes")
            for key in ("expand_crate", "type_check_crate", "total"):
                getattr(res[v].time_passes, key).append(passes.get(key))


def crates_test_runs(args, n: int, crates: dict, res: dict) -> None:
    """Step 4a: run time of the test binaries (debug, as `cargo test` runs them)."""
    log(f"N={n}: running each test binary --test-threads=2, {args.runs} alternating runs")
    exes = {}
    for v, d in crates.items():
        _, _, proc = run(
            ["cargo", "build", "--tests", "--offline", "--message-format=json"],
            cwd=d,
            env=cargo_env(d / "target"),
        )
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                msg = json.loads(line)
                if (
                    msg.get("reason") == "compiler-artifact"
                    and msg.get("executable")
                    and msg["target"]["name"] == CRATE
                    and msg["profile"]["test"]
                ):
                    exes[v] = msg["executable"]
    for v in VARIANTS:
        # monomorphized copies of `Runtime::block_on` (one per distinct future type)
        syms = subprocess.run(["nm", "--demangle", exes[v]], capture_output=True, text=True).stdout
        res[v].block_on_copies = len(
            re.findall(r"(?m) [tT] tokio::runtime::runtime::Runtime::block_on$", syms)
        )
    for r in range(args.runs):
        for v in VARIANTS:
            cmd = [exes[v], "--test-threads=2", "-q"]
            wall, cpu, proc = run(cmd, cwd=crates[v])
            if f"{n} passed" not in proc.stdout:
                raise Failed(f"{v}: unexpected test output:\n{proc.stdout[-2000:]}")
            if res[v].test_run is None:
                res[v].test_run = Runs(command=" ".join(cmd))
            res[v].test_run.wall.append(wall)
            res[v].test_run.cpu.append(cpu)


def parse_time_passes(text: str) -> dict:
    """`time:   0.123; rss: ...  expand_crate` lines to {pass: seconds}. A pass that appears
    more than once (nested) is summed."""
    passes: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"time:\s+([\d.]+);.*?\s(\S+)$", line)
        if m:
            passes[m.group(2)] = passes.get(m.group(2), 0.0) + float(m.group(1))
    return passes


# ---------------------------------------------------------------------------------------------
# step 3: clean build of the macro crate and its dependencies


def macro_clean_builds(args, root: Path, shim: Path, results: Results) -> None:
    macro_dir = shim.parent / "macro"
    tokio_macros = locked_version(root / "snapshot" / "Cargo.lock", "tokio-macros") or "2"
    crates = {
        "mainspring-macros": (
            root / "macrobuild" / "ours",
            f'mainspring-macros = {{ path = "{macro_dir}" }}',
        ),
        "tokio-macros": (root / "macrobuild" / "tokio", f'tokio-macros = "={tokio_macros}"'),
    }
    cmd = ["cargo", "build", "--offline"]
    recs = {}
    for name, (d, dep) in crates.items():
        write(d / "Cargo.toml", manifest("macrobuild", [dep], lib=True))
        write(
            d / "src" / "lib.rs",
            "//! Only here to build one proc-macro crate and its dependencies.\n",
        )
        seed_lock(d, root)
        # resolve and download once, outside the timings
        run(["cargo", "fetch"], cwd=d, env=cargo_env(d / "target-warm"))
        _, _, proc = run(
            ["cargo", "tree", "--offline", "-e", "normal,build", "--prefix", "none"],
            cwd=d,
            env=cargo_env(d / "target-warm"),
        )
        deps = sorted(
            {
                line.split(" (")[0]
                for line in proc.stdout.splitlines()
                if line and not line.startswith("macrobuild")
            }
        )
        # With --merge, the runs of this run are added to the stored ones.
        rec = results.macro_build(name)
        if rec is None:
            rec = MacroBuild(crate=name, deps=deps, build=Runs(command=" ".join(cmd)))
            results.macro_builds.append(rec)
        rec.deps = deps
        recs[name] = rec
    log(
        "clean build of the macro crates with their dependencies,"
        f" {args.macro_runs} alternating runs"
    )
    for r in range(args.macro_runs):
        for name, (d, _) in crates.items():
            target = d / "target"
            shutil.rmtree(target, ignore_errors=True)
            wall, cpu, _ = run(cmd, cwd=d, env=cargo_env(target))
            recs[name].build.wall.append(wall)
            recs[name].build.cpu.append(cpu)
        log(f"  run {r + 1}: " + ", ".join(f"{k} {recs[k].build.wall[-1]:.2f}s" for k in crates))
    save(results, root)


def locked_version(lock: Path, name: str) -> str | None:
    if not lock.exists():
        return None
    m = re.search(rf'name = "{re.escape(name)}"\nversion = "([^"]+)"', lock.read_text())
    return m.group(1) if m else None


# ---------------------------------------------------------------------------------------------
# step 4b: hello-world main: start-up time and size


def hello_world(args, root: Path, shim: Path, results: Results) -> None:
    crates = {v: root / "hello" / v for v in VARIANTS}
    target = root / "hello" / "target"  # shared: the same tokio is built once
    bins = {}
    recs = {}
    log("hello world: release builds")
    for v, d in crates.items():
        write(d / "Cargo.toml", manifest(f"hello_{v}", variant_deps(v, shim)))
        write(d / "src" / "main.rs", gen.hello_main_rs(v))
        seed_lock(d, root)
        run(["cargo", "build", "--release"], cwd=d, env=cargo_env(target))
        exe = target / "release" / f"hello_{v}"
        stripped = target / f"hello_{v}.stripped"
        subprocess.run(["strip", "-o", str(stripped), str(exe)], check=True)
        bins[v] = exe
        recs[v] = HelloResult(variant=v, size=exe.stat().st_size, stripped=stripped.stat().st_size)
        replace_or_append(results.hello, recs[v], lambda r: r.variant == v)
    hf = shutil.which("hyperfine")
    if hf:
        log("hello world start-up: hyperfine")
        out = root / "logs" / "hyperfine.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        cmd = [hf, "-N", "--warmup", "50", "--runs", str(args.hello_runs)]
        cmd += ["--export-json", str(out)]
        for v in VARIANTS:
            cmd += ["-n", v, str(bins[v])]
        run(cmd)
        data = json.loads(out.read_text())
        for entry in data["results"]:
            rec = recs[entry["command"]]
            rec.startup_median = entry["median"]
            rec.startup_mean = entry["mean"]
            rec.startup_stddev = entry["stddev"]
            rec.startup_tool = "hyperfine"
    else:
        log("hello world start-up: no hyperfine, timing a loop")
        for v in VARIANTS:
            times = []
            for _ in range(args.hello_runs):
                wall, _, _ = run([str(bins[v])])
                times.append(wall)
            recs[v].startup_median = statistics.median(times) if times else None
            recs[v].startup_tool = "subprocess loop"
    save(results, root)


# ---------------------------------------------------------------------------------------------
# step 5: one attribute on a 10-line and on a 500-line body


PROBE_LIB = """\
//! Generated by bench/measure.py: reference proc macros for the expansion-scaling case.
//! `identity` hands the input back untouched (a handle: no token is visited); `copy` walks
//! every token and rebuilds the stream, which is the least a macro that re-emits the body
//! by value can do.
use proc_macro::{Group, TokenStream, TokenTree};

#[proc_macro_attribute]
pub fn identity(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}

#[proc_macro_attribute]
pub fn copy(_args: TokenStream, item: TokenStream) -> TokenStream {
    rebuild(item)
}

fn rebuild(stream: TokenStream) -> TokenStream {
    stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut copy = Group::new(group.delimiter(), rebuild(group.stream()));
                copy.set_span(group.span());
                TokenTree::Group(copy)
            }
            other => other,
        })
        .collect()
}
"""


def expansion_scaling(args, root: Path, shim: Path, results: Results) -> None:
    probe = root / "expansion" / "msb-probe"
    write(
        probe / "Cargo.toml",
        manifest("msb-probe", []).replace(
            "[dependencies]\n", "[lib]\nproc-macro = true\n\n[dependencies]\n"
        ),
    )
    write(probe / "src" / "lib.rs", PROBE_LIB)
    dirs = {}
    for v in EXPANSION_VARIANTS:
        d = root / "expansion" / v
        deps = variant_deps("mainspring" if v == "mainspring" else "tokio", shim)
        if v.startswith("msb_probe"):
            deps.append(f'msb-probe = {{ path = "{probe}" }}')
        write(d / "Cargo.toml", manifest(CRATE, deps, lib=True))
        seed_lock(d, root)
        dirs[v] = d
    for lines in args.expansion_lines:
        srcs = {}
        for v, d in dirs.items():
            if v.startswith("msb_probe"):
                attr = f"#[msb_probe::{v.removeprefix('msb_probe_')}]\n"
                src = gen.expansion_lib_rs("none", lines).replace(
                    "#[allow(dead_code)]\n", f"{attr}#[allow(dead_code)]\n"
                )
            else:
                src = gen.expansion_lib_rs(v, lines, test_args_of(args, v))
            write(d / "src" / "lib.rs", src)
            srcs[v] = src
            run(["cargo", "check", "--tests"], cwd=d, env=cargo_env(d / "target"))
        log(
            f"expansion: callgrind on `cargo check --tests` with a {lines}-line body"
            f" ({args.jobs} at a time)"
        )

        def one(v):
            d = dirs[v]
            touch(d / "src" / "lib.rs")
            out = root / "callgrind" / f"expansion-{v}-{lines}.out"
            figs = callgrind_cargo(["cargo", "check", "--tests", "--offline"], d, d / "target", out)
            return ExpansionResult(
                variant=v, body_lines=lines, instructions=figs, tokens=count_tokens(srcs[v])
            )

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for rec in pool.map(one, EXPANSION_VARIANTS):
                replace_or_append(
                    results.expansion,
                    rec,
                    lambda r: (r.variant, r.body_lines) == (rec.variant, rec.body_lines),
                )
    save(results, root)


def count_tokens(src: str) -> int:
    """A rough token count (identifiers, literals, punctuation) of the source."""
    return len(re.findall(r'"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|\S', src))


# ---------------------------------------------------------------------------------------------
# a whole run


STEPS = {
    "crates": bench_crates,
    "macro": macro_clean_builds,
    "hello": hello_world,
    "expansion": expansion_scaling,
}


def tool_version(cmd: list[str]) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True)
    return (r.stdout or r.stderr).strip().splitlines()[0] if r.returncode == 0 else "?"


def cpu_model() -> str:
    try:
        return next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        return "?"


def measure(args, root: Path, steps: list[str], argv: list[str]) -> Results:
    """Runs `steps` and returns the results, also saved to <root>/results.json (with --merge,
    added to the ones there). On `Failed`, what was measured so far is saved first."""
    started = time.time()
    path = root / schema.FILE_NAME
    if args.merge and path.exists() and {"crates", "expansion"} & set(steps):
        stored = schema.load(path).meta.test_args
        if stored != args.test_args:
            raise Failed(
                f"--merge: {path} was measured with --test-args {stored!r}, not"
                f" {args.test_args!r}; one results file has one set of test arguments"
            )
    shim, source_desc = prepare_source(root, args.source, args.source_commit)
    meta = Meta(
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        nproc=os.cpu_count(),
        cpu=cpu_model(),
        rustc=tool_version(["rustc", "-V"]),
        cargo=tool_version(["cargo", "-V"]),
        valgrind=tool_version(["valgrind", "--version"]),
        source=source_desc,
        test_args=args.test_args,
        command="`" + shlex.join(["bench/run.sh", *argv]) + "`",
        runs=args.runs,
        macro_runs=args.macro_runs,
        expansion_lines=args.expansion_lines,
        build_instr_ns=args.build_instr_ns,
        notes=args.note,
    )
    if args.merge and path.exists():
        # The stored header stays (date, versions, --runs, notes); only the command grows.
        results = schema.load(path)
        took = "?" if results.meta.minutes is None else results.meta.minutes
        results.meta.command += f" ({took} min), then {meta.command}"
        results.meta.minutes_before = results.meta.minutes or 0
    else:
        results = Results(schema=schema.SCHEMA, meta=meta)
    try:
        for step in steps:
            STEPS[step](args, root, shim, results)
    except Failed:
        save(results, root)
        raise
    minutes = (time.time() - started) / 60 + results.meta.minutes_before
    results.meta.minutes = round(minutes, 1)
    save(results, root)
    return results
