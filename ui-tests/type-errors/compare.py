#!/usr/bin/env python3
"""Compare rustc's errors for one body written three ways: a plain fn, `#[tokio::main]`, ours.

Each file in `cases/` holds a header comment and one function, `fn run`, written as a plain
(blocking) fn. For every case this script builds four binaries in a scratch crate outside the
repository, identical except for lines A and B:

    <the case's header comment>
    A: // (comment)   | #[tokio::main]  | #[mainspring::main] | // (comment)
    B: fn run(..)     | async fn run(..) | async fn run(..)   | async fn run(..)
       ...body...
       }
       fn main() { let _ = run(); }

The first is the plain fn, the target. The last is the same `async fn` with no attribute (never
awaited: `main` drops the future); it is only a reference, showing what rustc itself says
differently for an async fn. Line A is a comment where there is no attribute, so every variant
has the same line numbers. Lines are reported relative to the function: `L1` is the `fn run`
line, `L2` the first line of the body, and `attr` the attribute line. Each variant is checked
with `cargo check --message-format=json` and the script records: the errors (count, line of the
primary span, code), the warnings, whether any span of a diagnostic covers the attribute line,
and whether any rendered message says "async block". It then compares ours with the plain fn:
first on what matters most (count, lines, attribute, "async block"), then on the finer detail
(column, message text, labels, notes and helps).

Usage:  python3 compare.py [--scratch DIR] [--out RESULTS.md] [--raw DIR]
        (default scratch crate: /tmp/typeerr, with its own target directory inside it)
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VARIANTS = [
    ("plain", "plain fn", "// (plain fn: no attribute)"),
    ("tokio", "`#[tokio::main]`", "#[tokio::main]"),
    ("mainspring", "`#[mainspring::main]`", "#[mainspring::main]"),
    # Reference only: the same `async fn` with no attribute (never run, `main` drops the future).
    # It shows which differences from the plain fn are rustc's own wording for async fns.
    ("async", "plain `async fn` (reference)", "// (async fn: no attribute)"),
]
ASYNC_PREFIX = len("async ")

CARGO_TOML = """[package]
name = "typeerr"
version = "0.0.0"
edition = "2024"
publish = false
autobins = false

[dependencies]
tokio = {{ version = "1.54", features = ["full"] }}
mainspring = {{ path = "{shim}" }}

# Not part of any enclosing workspace.
[workspace]
"""


def generate(case_text, variant):
    """The source of one variant and the 1-based line number of its attribute line."""
    lines = case_text.rstrip("\n").split("\n")
    fn_index = next(i for i, l in enumerate(lines) if re.match(r"\s*(pub\s+)?fn run\b", l))
    _, _, attr = next(v for v in VARIANTS if v[0] == variant)
    sig = lines[fn_index]
    if variant != "plain":
        sig = re.sub(r"\bfn run\b", "async fn run", sig, count=1)
    out = lines[:fn_index] + [attr, sig] + lines[fn_index + 1 :]
    out.append("")
    out.append("fn main() {")
    out.append("    let _ = run();")
    out.append("}")
    return "\n".join(out) + "\n", fn_index + 1


def check(scratch, bin_name):
    env = dict(os.environ, CARGO_TARGET_DIR=str(scratch / "target"), CARGO_TERM_COLOR="never")
    proc = subprocess.run(
        ["cargo", "check", "--quiet", "--bin", bin_name, "--message-format=json"],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
    )
    messages = []
    for line in proc.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") != "compiler-message":
            continue
        if msg.get("target", {}).get("name") != bin_name:
            continue
        messages.append(msg["message"])
    return proc.returncode, messages, proc.stderr


def spans_in_file(message, file_name):
    """Every span of a diagnostic and of its children that lies in `file_name`."""
    found = [s for s in message.get("spans", []) if s["file_name"].endswith(file_name)]
    for child in message.get("children", []):
        found += spans_in_file(child, file_name)
    return found


def children(message):
    """The notes and helps of a diagnostic, as (level, text) pairs."""
    return [(c["level"], c["message"]) for c in message.get("children", [])]


def summarize(messages, file_name, attr_line, is_async):
    def rel(line):
        return "attr" if line == attr_line else "L%d" % (line - attr_line)

    errors, warnings = [], []
    attr_hit, async_block = False, False
    for m in messages:
        if m["level"] not in ("error", "warning"):
            continue
        if re.match(r"aborting due to|\d+ warnings? emitted", m["message"]):
            continue
        spans = spans_in_file(m, file_name)
        primary = [s for s in m.get("spans", []) if s["is_primary"]]
        line = primary[0]["line_start"] if primary else None
        col = primary[0]["column_start"] if primary else None
        if is_async and line == attr_line + 1:
            # Columns on the `fn` line are compared as if `async ` were not there.
            col -= ASYNC_PREFIX
        code = (m.get("code") or {}).get("code") or ""
        entry = {
            "line": rel(line) if line is not None else "-",
            "col": col,
            "children": children(m),
            "labels": sorted(
                (rel(sp["line_start"]), sp["label"]) for sp in spans if sp.get("label")
            ),
            "code": code,
            "message": m["message"],
            "rendered": m.get("rendered") or "",
        }
        (errors if m["level"] == "error" else warnings).append(entry)
        if any(s["line_start"] <= attr_line <= s["line_end"] for s in spans):
            attr_hit = True
        if "async block" in (m.get("rendered") or ""):
            async_block = True
    return {"errors": errors, "warnings": warnings, "attr": attr_hit, "async_block": async_block}


def cell(result, build_ok):
    parts = []
    errs = result["errors"]
    if errs:
        listed = ", ".join("%s %s" % (e["line"], e["code"] or "(no code)") for e in errs)
        parts.append("**%d error%s**: %s" % (len(errs), "" if len(errs) == 1 else "s", listed))
    else:
        parts.append("compiles" if build_ok else "fails (no rustc error?)")
    if result["warnings"]:
        listed = ", ".join("%s %s" % (w["line"], w["code"] or "") for w in result["warnings"])
        parts.append("warning: %s" % listed.strip())
    flags = []
    if result["attr"]:
        flags.append("at the attribute")
    if result["async_block"]:
        flags.append('says "async block"')
    if flags:
        parts.append("⚠ " + ", ".join(flags))
    return "; ".join(parts)


def criteria(result):
    """What ours must match: count and lines of errors, nothing at the attribute, and no
    "async block" wording."""
    return (
        [e["line"] for e in result["errors"]],
        result["attr"],
        result["async_block"],
    )


def finer_differences(plain, ours):
    """Where two results with the same count and lines still differ: column, text, notes."""
    notes = []
    pairs = list(zip(plain["errors"], ours["errors"])) + list(
        zip(plain["warnings"], ours["warnings"])
    )
    if len(plain["warnings"]) != len(ours["warnings"]):
        notes.append("warnings: %d vs %d" % (len(plain["warnings"]), len(ours["warnings"])))
    for p, o in pairs:
        where = p["line"]
        if p["code"] != o["code"]:
            notes.append("%s: code %s vs %s" % (where, p["code"], o["code"]))
        if p["col"] != o["col"]:
            notes.append("%s: points at column %s, not %s" % (where, o["col"], p["col"]))
        if p["message"] != o["message"]:
            notes.append("%s: message reads \"%s\"" % (where, o["message"]))
        if p["children"] != o["children"]:
            lost = [t for t in p["children"] if t not in o["children"]]
            gained = [t for t in o["children"] if t not in p["children"]]
            for level, text in lost:
                notes.append("%s: no `%s: %s`" % (where, level, text))
            for level, text in gained:
                notes.append("%s: adds `%s: %s`" % (where, level, text))
        if p["labels"] != o["labels"]:
            for at, text in [t for t in p["labels"] if t not in o["labels"]]:
                notes.append("%s: no label \"%s\" at %s" % (where, text, at))
            for at, text in [t for t in o["labels"] if t not in p["labels"]]:
                notes.append("%s: label \"%s\" at %s" % (where, text, at))
    return notes


def describe(result):
    """A one-line account of a result, for a case where ours and the plain fn disagree."""
    lines = ", ".join(e["line"] for e in result["errors"]) or "none"
    flags = []
    if result["attr"]:
        flags.append("at the attribute")
    if result["async_block"]:
        flags.append('says "async block"')
    return "%d errors (%s)%s" % (len(result["errors"]), lines, "".join("; " + f for f in flags))


def verdict(plain, ours):
    if criteria(plain) != criteria(ours):
        return "**no**: %s vs %s" % (describe(ours), describe(plain))
    notes = finer_differences(plain, ours)
    if not notes:
        return "yes"
    return "yes (" + "; ".join(n.replace("|", "\\|") for n in notes) + ")"


def versions(scratch):
    rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True).stdout.strip()
    lock = (scratch / "Cargo.lock").read_text()
    tokio = re.search(r'name = "tokio"\nversion = "([^"]+)"', lock)
    tokio_macros = re.search(r'name = "tokio-macros"\nversion = "([^"]+)"', lock)
    rev = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "macro", "runtime-shim"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return "%s; tokio %s (tokio-macros %s); mainspring at %s%s" % (
        rustc,
        tokio.group(1) if tokio else "?",
        tokio_macros.group(1) if tokio_macros else "?",
        rev,
        " with uncommitted changes in macro/ or runtime-shim/" if dirty else "",
    )


def document(table, built_with, mismatches):
    """RESULTS.md: the table, how it was made, and what it does not show."""
    lines = [
        "# Type errors in the body: plain fn, `#[tokio::main]`, `#[mainspring::main]`",
        "",
        "Generated by `ui-tests/type-errors/compare.py`; do not edit by hand. From `ui-tests/`:",
        "",
        "```sh",
        "python3 type-errors/compare.py --out type-errors/RESULTS.md",
        "```",
        "",
        "Built with " + built_with + ".",
        "",
        "Each case in `cases/` is one `fn run` written as a plain fn; the script compiles it as",
        "that plain fn, as an `async fn` under `#[tokio::main]`, under `#[mainspring::main]`, and",
        "as an `async fn` with no attribute (a reference: what rustc says for an async fn",
        "itself). Lines are relative to the function: `L1` is the `fn run` line, `L2` the first",
        "line of the body, `attr` the attribute. \"at the attribute\" means a span of the",
        "diagnostic (primary or a label) covers the attribute line.",
        "",
        "\"ours = plain fn?\" compares what matters for type errors: the number of errors, their lines,",
        "nothing at the attribute and no \"async block\" wording. In parentheses are the finer",
        "differences that remain (column of the primary span, message text, labels, notes and",
        "helps); the last column applies the same finer comparison to the plain `async fn`.",
        "",
        table.rstrip("\n"),
        "",
    ]
    if mismatches:
        lines.append("Where `#[mainspring::main]` is not identical to the plain fn:")
        lines.append("")
        lines += ["- " + m for m in mismatches]
        lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scratch", default="/tmp/typeerr", help="scratch crate (created)")
    ap.add_argument("--out", help="also write RESULTS.md (command, versions, table) here")
    ap.add_argument("--raw", help="write every variant's rendered diagnostics to this directory")
    args = ap.parse_args()

    scratch = Path(args.scratch).resolve()
    if REPO in scratch.parents or scratch == REPO:
        sys.exit("the scratch crate must live outside the repository")
    src = scratch / "src" / "bin"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    shim = REPO / "runtime-shim"
    manifest = CARGO_TOML.format(shim=shim)
    cases = sorted(HERE.glob("cases/*.rs"))
    for case in cases:
        for variant, _, _ in VARIANTS:
            name = "%s--%s" % (case.stem, variant)
            manifest += '\n[[bin]]\nname = "%s"\npath = "src/bin/%s.rs"\n' % (name, name)
    (scratch / "Cargo.toml").write_text(manifest)
    if not (scratch / "Cargo.lock").exists() and (REPO / "Cargo.lock").exists():
        # Start from the repository's lock file, so tokio is the version the workspace uses.
        shutil.copy(REPO / "Cargo.lock", scratch / "Cargo.lock")

    rows, raw, mismatches = [], {}, []
    for case in cases:
        text = case.read_text()
        results = {}
        for variant, _, _ in VARIANTS:
            name = "%s--%s" % (case.stem, variant)
            source, attr_line = generate(text, variant)
            (src / (name + ".rs")).write_text(source)
            rc, messages, stderr = check(scratch, name)
            if rc != 0 and not any(m["level"] == "error" for m in messages):
                sys.exit("cargo failed without a rustc error for %s:\n%s" % (name, stderr))
            result = summarize(
                messages, "src/bin/%s.rs" % name, attr_line, variant != "plain"
            )
            results[variant] = (result, rc == 0)
            raw[name] = (source, result)
            print("checked %-40s %s" % (name, cell(result, rc == 0)), file=sys.stderr)
        said = verdict(results["plain"][0], results["mainspring"][0])
        said_async = verdict(results["async"][0], results["mainspring"][0])
        if said.startswith("**no**"):
            mismatches.append("`%s`: %s" % (case.stem, said))
        elif said != "yes":
            mismatches.append("`%s`: %s" % (case.stem, said[len("yes (") : -1]))
        rows.append(
            "| `%s` | %s | %s | %s |"
            % (
                case.stem,
                " | ".join(cell(*results[v]) for v, _, _ in VARIANTS),
                said,
                said_async,
            )
        )

    header = "| case | %s | ours = plain fn? | ours = plain `async fn`? |\n|%s\n" % (
        " | ".join(title for _, title, _ in VARIANTS),
        "---|" * (len(VARIANTS) + 3),
    )
    table = header + "\n".join(rows) + "\n"
    print(table)
    print(versions(scratch))
    for m in mismatches:
        print("mainspring vs plain fn, " + m)
    if args.raw:
        out = Path(args.raw)
        out.mkdir(parents=True, exist_ok=True)
        for name, (source, result) in raw.items():
            body = "".join(e["rendered"] for e in result["errors"] + result["warnings"])
            (out / (name + ".txt")).write_text(source + "\n---- diagnostics ----\n" + body)
    if args.out:
        Path(args.out).write_text(document(table, versions(scratch), mismatches))


if __name__ == "__main__":
    main()
