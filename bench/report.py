"""Reporting: the markdown of RESULTS.md from a results file (schema.py) and the targets
(targets.py). Reads nothing else and measures nothing."""

from __future__ import annotations

from schema import EXPANSION_VARIANTS, VARIANTS, CrateResult, Results
from targets import PER_FN_OVERHEAD, TARGETS, median


def fmt_int(x) -> str:
    return "–" if x is None else f"{x:,.0f}"


def fmt_s(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def fmt_ratio(a, b) -> str:
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.2f}"


def fmt_ms(x) -> str:
    return "–" if x is None else f"{x:.2f} ms"


def fmt_mi(x) -> str:
    return "–" if x is None else f"{x / 1e6:.2f} M"


def per_fn(a, b, n, scale=1.0):
    if a is None or b is None:
        return None
    return (a - b) / n * scale


def med(rec: CrateResult | None, kind: str, field: str = "wall"):
    runs = None if rec is None else getattr(rec, kind)
    return None if runs is None else median(getattr(runs, field))


def instr(rec: CrateResult | None, kind: str, key: str = "total"):
    return None if rec is None else rec.instr(kind, key)


def targets_section(results: Results) -> list[str]:
    """Each target's readings with met / not met ("–": not measured)."""
    rows = []
    for target in TARGETS:
        for reading in target.compute(results):
            met = reading.met(target)
            verdict = "–" if met is None else ("met" if met else "**not met**")
            rows.append(f"| {target.label(reading)} | {reading.measured} | {verdict} |")
    if not rows:
        return []
    return ["## Targets\n", "| target | measured | |", "|---|---|---|", *rows, ""]


def header(results: Results) -> list[str]:
    meta = results.meta
    took = "?" if meta.minutes is None else meta.minutes
    out = [
        "# mainspring: compile-time and run-time cost\n",
        f"- date: {meta.date}",
        f"- machine: {meta.nproc} cores ({meta.cpu}), {meta.rustc}, {meta.cargo}, {meta.valgrind}",
        f"- mainspring source: {meta.source}",
        "- mainspring's test attribute: "
        + (
            f"`#[mainspring::test({meta.test_args})]` on every generated test (`--test-args`;"
            " the N-test crates and the expansion case; `main` and tokio's attribute have none)"
            if meta.test_args
            else "`#[mainspring::test]`, no arguments"
        ),
        f"- command: {meta.command} (took {took} min)",
    ]
    out += [f"- note: {note}" for note in meta.notes]
    out.append(
        f"- wall times are medians of {meta.runs} runs alternating tokio, mainspring, hand, tokio,"
        " ...; the machine is shared (others were building), so trust instructions over seconds."
        " `cargo` = the whole cargo command; `rustc` = the bench crate's rustc process alone"
        " (timed by the wrapper). CARGO_INCREMENTAL=0, dev profile, only the bench crate is"
        " rebuilt (its source is touched)."
    )
    out.append(
        "- instructions: `valgrind --tool=callgrind` on the bench crate's rustc only"
        " (RUSTC_WRAPPER), 1 run (deterministic to <0.1%); for `build` the linker (a child"
        " process) is not counted. `expand` = inclusive instructions of rustc's"
        " `MacroExpander::expand_crate` (every macro, the parsing of their output); `proc-macro` ="
        " inclusive instructions inside the attribute's own function (`tokio_macros::test` /"
        " `mainspring_macros::test`, the calls back into rustc through the bridge included),"
        " summed over all N+1 attributes."
    )
    out.append("")
    return out


def crates_section(results: Results, n: int) -> list[str]:
    res = results.crates_at(n)
    recs = [res.get(v) for v in VARIANTS]
    hand = res.get("hand")
    lines = None if hand is None else hand.source_lines
    out = [
        f"## N = {n} tests + 1 main ({lines} lines of source in the hand-written variant)\n",
        "| measure | tokio | mainspring | hand | ours/tokio | ours/hand | per fn: tokio − hand"
        " | per fn: ours − hand | ours/tokio overhead |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def row(label, vals, unit_fmt, scale_per_fn=None, per_fn_fmt=None):
        t, m, h = vals
        cells = [unit_fmt(t), unit_fmt(m), unit_fmt(h), fmt_ratio(m, t), fmt_ratio(m, h)]
        if scale_per_fn is not None:
            pt, pm = per_fn(t, h, n, scale_per_fn), per_fn(m, h, n, scale_per_fn)
            overhead = fmt_ratio(pm, pt) if pt and pt > 0 else "–"
            cells += [per_fn_fmt(pt), per_fn_fmt(pm), overhead]
        else:
            cells += ["", "", ""]
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    for kind in ("check", "build"):
        cmd = f"`cargo {kind} --tests`"
        if kind == "build" and all(instr(r, kind) is None for r in recs):
            not_measured = "not measured at this N (`--build-instr-ns`)"
            out.append(f"| {cmd} instructions | {not_measured} | | | | | | | |")
        else:
            row(f"{cmd} instructions", [instr(r, kind) for r in recs], fmt_int, 1.0, fmt_mi)
        row(f"{cmd} cargo wall (s)", [med(r, kind) for r in recs], fmt_s, 1000.0, fmt_ms)
        row(f"{cmd} rustc wall (s)", [med(r, kind, "rustc") for r in recs], fmt_s, 1000.0, fmt_ms)
        row(f"{cmd} cargo CPU (s)", [med(r, kind, "cpu") for r in recs], fmt_s, 1000.0, fmt_ms)
    expand = [instr(r, "check", "expand_crate") for r in recs]
    row("expand (`cargo check`) instructions", expand, fmt_int, 1.0, fmt_mi)
    pm = [instr(r, "check", "proc_macro") for r in recs]
    out.append(
        "|   of which inside the proc-macro fns | "
        + " | ".join([fmt_int(pm[0]), fmt_int(pm[1]), "–", fmt_ratio(pm[1], pm[0]), "–"])
        + f" | {fmt_mi(per_fn(pm[0], 0, n + 1))} per attr"
        + f" | {fmt_mi(per_fn(pm[1], 0, n + 1))} per attr | {fmt_ratio(pm[1], pm[0])} |"
    )
    rest = []
    for r in recs:
        t, e = instr(r, "check"), instr(r, "check", "expand_crate")
        rest.append(None if t is None or e is None else t - e)
    row("check minus expand (type-check etc.) instructions", rest, fmt_int, 1.0, fmt_mi)
    tp = [
        median(
            []
            if r is None or r.time_passes is None
            else [x for x in r.time_passes.expand_crate if x is not None]
        )
        for r in recs
    ]
    if any(x is not None for x in tp):
        fmt_3 = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
        row("expand_crate, `-Z time-passes` (s)", tp, fmt_3, 1000.0, fmt_ms)
    test_run = [med(r, "test_run") for r in recs]
    row("test binary run, --test-threads=2 (s)", test_run, fmt_s, 1000.0, fmt_ms)
    bo = [None if r is None else r.block_on_copies for r in recs]
    if any(x is not None for x in bo):
        fmt_count = lambda x: "–" if x is None else str(x)  # noqa: E731
        row("`block_on` copies in the test binary", bo, fmt_count, None)
    out.append("")
    out.append(
        f"Per fn = (variant − hand) / N, N = {n} (the one attributed `main` is counted in the"
        f" variant but not in N: {100 / n:.1f}% at most). Last column: mainspring's per-fn"
        f" overhead as a fraction of tokio's (target: ≤ {PER_FN_OVERHEAD.threshold:.2f} for"
        " instructions; – where tokio's overhead is not positive)."
    )
    out.append("")
    return out


def macro_build_section(results: Results) -> list[str]:
    out = [
        "## Clean build of the macro crate with its dependencies (debug, fresh target dir, -j2)\n",
        "| crate | median wall (s) | median CPU (s) | all runs wall (s) | dependencies built |",
        "|---|---:|---:|---|---|",
    ]
    for r in results.macro_builds:
        wall, cpu = r.build.wall, r.build.cpu
        out.append(
            f"| {r.crate} | {fmt_s(median(wall))} | {fmt_s(median(cpu))} | "
            + ", ".join(f"{x:.1f}" for x in wall)
            + f" | {', '.join(r.deps)} |"
        )
    ours, theirs = results.macro_build("mainspring-macros"), results.macro_build("tokio-macros")
    a, ac = (median(ours.build.wall), median(ours.build.cpu)) if ours else (None, None)
    b, bc = (median(theirs.build.wall), median(theirs.build.cpu)) if theirs else (None, None)
    out.append(f"\nours/tokio-macros: wall {fmt_ratio(a, b)}, CPU {fmt_ratio(ac, bc)}.\n")
    return out


def hello_section(results: Results) -> list[str]:
    tool = results.hello[0].startup_tool or "?"
    out = [
        "## Hello-world `main` (release): start-up and size\n",
        f"| variant | start-up median ({tool}) | binary size (bytes) | stripped (bytes) |",
        "|---|---:|---:|---:|",
    ]
    hello = {v: results.hello_of(v) for v in VARIANTS}
    for v, h in hello.items():
        su = h.startup_median
        startup = "–" if su is None else f"{su * 1000:.3f} ms"
        out.append(f"| {v} | {startup} | {h.size:,} | {h.stripped:,} |")
    m, hd, tk = hello["mainspring"], hello["hand"], hello["tokio"]
    out.append(
        f"\nmainspring/hand: start-up {fmt_ratio(m.startup_median, hd.startup_median)},"
        f" size {fmt_ratio(m.size, hd.size)}, stripped {fmt_ratio(m.stripped, hd.stripped)}."
        f" mainspring/tokio: start-up {fmt_ratio(m.startup_median, tk.startup_median)},"
        f" stripped {fmt_ratio(m.stripped, tk.stripped)}.\n"
    )
    return out


def expansion_section(results: Results) -> list[str]:
    small, big = results.meta.expansion_lines
    out = [
        f"## One attribute on a {small}-line vs a {big}-line body (`cargo check --tests`,"
        " instructions)\n",
        "Each crate holds one function. `none`: the same `async fn` with no attribute (never run);"
        " `hand`: the hand-written runtime; `msb_probe_identity`: a proc macro that returns its"
        " input handle (visits no token); `msb_probe_copy`: a proc macro that walks every token"
        " and rebuilds the stream (the cost of re-emitting the body by value).",
        "",
        f"| attribute | proc-macro fn, {small} lines | proc-macro fn, {big} lines | growth"
        f" | expand_crate, {small} | expand_crate, {big} | growth"
        f" | rustc total, {small} | rustc total, {big} |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def figure(variant: str, lines: int, key: str):
        rec = results.expansion_of(variant, lines)
        if rec is None:
            return None
        return rec.tokens if key == "tokens" else getattr(rec.instructions, key)

    for v in EXPANSION_VARIANTS:
        if not any(r.variant == v for r in results.expansion):
            continue
        cells = []
        for key in ("proc_macro", "expand_crate", "total"):
            x, y = figure(v, small, key), figure(v, big, key)
            cells += [fmt_int(x), fmt_int(y)]
            if key != "total":
                cells.append("–" if x is None or y is None else f"{y - x:+,}")
        out.append(f"| {v} | " + " | ".join(cells) + " |")
    s_tok, b_tok = figure("none", small, "tokens"), figure("none", big, "tokens")
    if s_tok and b_tok:
        out.append(
            f"\nThe {big}-line body has about {b_tok - s_tok:,} more tokens than the {small}-line"
            " one.\n"
        )
    return out


def render(results: Results) -> str:
    out = header(results)
    out += targets_section(results)
    for n in results.crate_ns():
        out += crates_section(results, n)
    if results.macro_builds:
        out += macro_build_section(results)
    if results.hello:
        out += hello_section(results)
    if results.expansion:
        out += expansion_section(results)
    return "\n".join(out) + "\n"
