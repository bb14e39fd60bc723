"""Running one test binary and reading libtest's lines: every test's outcome, by name.

A binary runs once, as `cargo test` would run it (all its tests, libtest's threads). A test that
did not pass there (failed, or never reported because the binary hung or died) is run again alone
(`--exact NAME`), up to `retries` times: passing alone makes it `flaky`, which counts as passed
and is listed by name; failing every time makes it `failed`.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RESULT_LINE = re.compile(
    r"^test (?P<name>\S+?)(?: - should panic)? \.\.\. (?P<status>ok|FAILED|ignored)\b", re.M
)
LIST_LINE = re.compile(r"^(?P<name>\S+): test$", re.M)
FAILURE_OUTPUT = re.compile(
    r"^---- (?P<name>\S+) stdout ----\n(?P<out>.*?)(?=^---- |^failures:$|\Z)", re.M | re.S
)

PASSED = ("ok", "flaky")


@dataclass
class Outcome:
    status: str  # ok, flaky, ignored, failed
    detail: str = ""  # why it failed: libtest's captured output, or how the binary ended
    tries: list[str] = field(default_factory=list)  # each run's result, in order


@dataclass
class Run:
    outcomes: dict[str, Outcome]
    listed: list[str]
    note: str = ""  # how the batch run ended, when it did not end normally


def run_capture(cmd: list[str], cwd: Path, timeout: float, log) -> tuple[int | None, str]:
    """Runs cmd in its own process group; on timeout kills the whole group. Returns (exit
    status or None on timeout, stdout+stderr)."""
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        # tokio's CI runs its tests with RUST_BACKTRACE=1.
        env={**os.environ, "RUST_BACKTRACE": "1"},
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        code = None
    text = out.decode("utf-8", "replace")
    log.write(f"$ {' '.join(cmd)}\n{text}\n[exit: {'timeout' if code is None else code}]\n\n")
    return code, text


def how_it_ended(code: int | None, timeout: float) -> str:
    if code is None:
        return f"killed after the {timeout:.0f} s timeout"
    if code < 0:
        return f"killed by signal {signal.Signals(-code).name}"
    return f"exited with status {code}"


def list_tests(binary: Path, cwd: Path, log) -> list[str]:
    code, out = run_capture([str(binary), "--list"], cwd, 60, log)
    if code != 0:
        raise RuntimeError(f"{binary} --list {how_it_ended(code, 60)}:\n{out}")
    return LIST_LINE.findall(out)


def run_binary(
    binary: Path,
    cwd: Path,
    timeout: float,
    test_timeout: float,
    retries: int,
    log,
    not_run: dict[str, str],
) -> Run:
    """not_run: tests never started, with why (they would reach hosts outside this machine)."""
    listed = list_tests(binary, cwd, log)
    skips = [arg for name in not_run if name in listed for arg in ("--skip", name)]
    code, out = run_capture(
        [str(binary), *(["--exact", *skips] if skips else [])], cwd, timeout, log
    )
    outcomes: dict[str, Outcome] = {
        n: Outcome("not run", why, []) for n, why in not_run.items() if n in listed
    }
    failure_output = {m["name"]: m["out"].strip() for m in FAILURE_OUTPUT.finditer(out)}
    for m in RESULT_LINE.finditer(out):
        status = {"ok": "ok", "FAILED": "failed", "ignored": "ignored"}[m["status"]]
        outcomes[m["name"]] = Outcome(status, failure_output.get(m["name"], ""), [status])
    ended = how_it_ended(code, timeout)
    note = "" if code in (0, 101) else f"the run {ended}"
    for name in listed:
        if name not in outcomes:
            outcomes[name] = Outcome(
                "failed", f"no result: the binary {ended} before it reported", ["none"]
            )
    for name, outcome in outcomes.items():
        if outcome.status != "failed":
            continue
        for _ in range(retries):
            code, alone = run_capture([str(binary), "--exact", name], cwd, test_timeout, log)
            passed = code == 0 and re.search(
                rf"^test {re.escape(name)}( - should panic)? \.\.\. ok", alone, re.M
            )
            outcome.tries.append("ok" if passed else "failed")
            if passed:
                outcome.status = "flaky"
                break
            if code not in (0, 101):
                outcome.detail += f"\n[alone: {how_it_ended(code, test_timeout)}]"
            elif not outcome.detail:
                m = FAILURE_OUTPUT.search(alone)
                outcome.detail = m["out"].strip() if m else alone.strip()
    return Run(outcomes, listed, note)
