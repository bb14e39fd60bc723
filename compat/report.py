"""The comparison, test by test, and its tables (plain text for the terminal, Markdown for files).

For each test name found in either copy of a file:
  - tokio passed it (ok, or flaky: failed in the batch, passed alone): ours must pass it too;
  - tokio ignored it: ours must ignore it too;
  - tokio failed it: reported (`failed with tokio`), never counted against ours;
  - it exists in one copy only: a difference whichever copy has it.
A file that does not compile in ours makes each of tokio's tests in it a difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from runner import PASSED, Outcome, Run


@dataclass
class Difference:
    file: str
    name: str
    tokio: str
    ours: str
    detail: str


@dataclass
class FileResult:
    file: str
    tests: int
    ours_tests: int
    ignored: int
    not_run: list[tuple[str, str]]  # (test, why)
    passed_tokio: int
    passed_ours: int
    passed_both: int
    failed_tokio: list[str]
    failed_both: list[str]
    differences: list[Difference]
    flaky: list[tuple[str, str]]  # (copy, test)
    notes: list[str] = field(default_factory=list)
    ours_build_error: str = ""  # the file did not compile with ours: why


def describe(o: Outcome | None) -> str:
    if o is None:
        return "missing"
    return o.status if len(o.tries) <= 1 else f"{o.status} ({', '.join(o.tries)})"


def compare(file: str, tokio: Run | None, ours: Run | None, ours_build_error: str) -> FileResult:
    t = tokio.outcomes if tokio else {}
    o = ours.outcomes if ours else {}
    res = FileResult(
        file, len(t), len(o), 0, [], 0, 0, 0, [], [], [], [], ours_build_error=ours_build_error
    )
    for name in sorted(set(t) | set(o)):
        to, oo = t.get(name), o.get(name)
        if to and to.status == "ignored":
            res.ignored += 1
        if to and to.status == "not run":
            res.not_run.append((name, to.detail))
        if to and to.status in PASSED:
            res.passed_tokio += 1
        if oo and oo.status in PASSED:
            res.passed_ours += 1
            if to and to.status in PASSED:
                res.passed_both += 1
        for copy, x in (("tokio", to), ("ours", oo)):
            if x and x.status == "flaky":
                res.flaky.append((copy, name))
        if to and to.status == "failed":
            res.failed_tokio.append(name)
            if oo and oo.status == "failed":
                res.failed_both.append(name)
            continue
        same = (to is None and oo is None) or (
            to is not None
            and oo is not None
            and (to.status in PASSED) == (oo.status in PASSED)
            and (to.status == "ignored") == (oo.status == "ignored")
            and (to.status == "not run") == (oo.status == "not run")
        )
        if not same:
            if oo is None:
                detail = "did not compile" if ours_build_error else "not in ours' `--list`"
            elif to is None:
                detail = "not in tokio's `--list`"
            else:
                detail = oo.detail
            res.differences.append(Difference(file, name, describe(to), describe(oo), detail))
    for copy, run in (("tokio", tokio), ("ours", ours)):
        if run and run.note:
            res.notes.append(f"{copy}: {run.note}")
    return res


COLUMNS = [
    ("file", lambda r: r.file),
    (
        "tests",
        lambda r: str(r.tests) if r.tests == r.ours_tests else f"{r.tests} (ours {r.ours_tests})",
    ),
    ("ignored", lambda r: str(r.ignored + len(r.not_run))),
    ("passed: tokio", lambda r: str(r.passed_tokio)),
    ("passed: ours", lambda r: str(r.passed_ours)),
    ("failed: tokio", lambda r: str(len(r.failed_tokio))),
    ("failed: both", lambda r: str(len(r.failed_both))),
    ("differences", lambda r: str(len(r.differences))),
]


def totals(results: list[FileResult]) -> FileResult:
    tot = FileResult("total", 0, 0, 0, [], 0, 0, 0, [], [], [], [])
    for r in results:
        tot.tests += r.tests
        tot.ours_tests += r.ours_tests
        tot.ignored += r.ignored
        tot.not_run += r.not_run
        tot.passed_tokio += r.passed_tokio
        tot.passed_ours += r.passed_ours
        tot.passed_both += r.passed_both
        tot.failed_tokio += r.failed_tokio
        tot.failed_both += r.failed_both
        tot.differences += r.differences
        tot.flaky += r.flaky
    return tot


def table(results: list[FileResult], markdown: bool) -> str:
    rows = [[get(r) for _, get in COLUMNS] for r in [*results, totals(results)]]
    head = [name for name, _ in COLUMNS]
    if markdown:
        lines = [
            "| " + " | ".join(head) + " |",
            "|" + "|".join(["---"] + ["--:"] * (len(head) - 1)) + "|",
        ]
        for i, row in enumerate(rows):
            if i == len(rows) - 1:
                row = [f"**{c}**" for c in row]
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines) + "\n"
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    fmt = lambda row: "  ".join(
        c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))
    )
    rule = "-" * len(fmt(head))
    return "\n".join([fmt(head), rule, *map(fmt, rows[:-1]), rule, fmt(rows[-1])]) + "\n"


def indent(text: str, limit: int) -> str:
    lines = text.strip().splitlines() or ["(no output)"]
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines in the log)"]
    return "".join(f"      {line}\n" for line in lines)


def details(
    results: list[FileResult], empty: dict[str, str], markdown: bool, detail_lines: int
) -> str:
    out = []
    tot = totals(results)
    out.append(f"\nDifferences ({len(tot.differences)}):\n")
    for r in results:
        if r.ours_build_error and r.differences:
            # One entry for the file, its error once: every test of it is missing with ours.
            names = ", ".join(d.name for d in r.differences)
            out.append(f"  - {r.file}: did not compile with ours; missing: {names}\n")
            if not markdown:
                out.append(indent(r.ours_build_error, detail_lines))
            continue
        for d in r.differences:
            out.append(f"  - {d.file}: {d.name}: tokio {d.tokio}, ours {d.ours}\n")
            if not markdown:
                out.append(indent(d.detail, detail_lines))
    if not tot.differences:
        out.append("  none\n")
    out.append(f"\nFailed with tokio (not counted against ours) ({len(tot.failed_tokio)}):\n")
    for r in results:
        for name in r.failed_tokio:
            mark = "failed with ours too" if name in r.failed_both else "passed with ours"
            out.append(f"  - {r.file}: {name} ({mark})\n")
    if not tot.failed_tokio:
        out.append("  none\n")
    out.append(f"\nFlaky: failed in the batch run, passed alone ({len(tot.flaky)}):\n")
    for r in results:
        for copy, name in r.flaky:
            out.append(f"  - {r.file}: {name} (with {copy})\n")
    if not tot.flaky:
        out.append("  none\n")
    if tot.not_run:
        out.append(f"\nNot run, in either copy (counted as ignored) ({len(tot.not_run)}):\n")
        for r in results:
            out.extend(f"  - {r.file}: {name}: {why}\n" for name, why in r.not_run)
    notes = [(r.file, n) for r in results for n in r.notes]
    if notes:
        out.append("\nRuns that did not end normally:\n")
        out.extend(f"  - {f}: {n}\n" for f, n in notes)
    if empty:
        out.append(f"\nNo tests in either copy ({len(empty)}):\n")
        for f, why in empty.items():
            out.append(f"  - {f}: {why}\n")
    return "".join(out)
