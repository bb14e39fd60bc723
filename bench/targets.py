"""The cost targets, as data: what is compared, the bar, and the function that computes the
comparison from a results file. The report lists each target's readings with met / not met."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Callable

from schema import VARIANTS, Results


@dataclass(frozen=True)
class Reading:
    """One comparison for a target (a target may have one per N, per cargo command, ...)."""

    # the report's "measured" cell
    measured: str
    # met when ours ≤ threshold × reference; both None: not measured
    ours: float | None
    reference: float | None
    # fills the {placeholders} of the target's `what` and `scope`
    params: dict = field(default_factory=dict)
    # when the target's own threshold does not apply to this reading
    threshold: float | None = None

    def met(self, target: Target) -> bool | None:
        if self.ours is None or self.reference is None:
            return None
        limit = target.threshold if self.threshold is None else self.threshold
        return self.ours <= limit * self.reference


@dataclass(frozen=True)
class Target:
    what: str
    # how the target states the bar; left out of the label of a reading that was not measured
    bar: str
    # appended to the label, e.g. which command and N
    scope: str
    # met when a reading's ours ≤ threshold × reference
    threshold: float
    compute: Callable[[Results], list[Reading]]

    def label(self, reading: Reading) -> str:
        bar = "" if reading.met(self) is None else f" {self.bar}"
        return f"{self.what}{bar}{self.scope}".format(**reading.params)


def median(xs):
    return statistics.median(xs) if xs else None


def per_fn_instructions(results: Results) -> list[Reading]:
    """For each N and `cargo check|build --tests`: (ours − hand) / N against (tokio − hand) / N,
    in instructions of the bench crate's rustc. When tokio is below the hand-written floor,
    half of its overhead means nothing and the bar is tokio's total itself."""
    readings = []
    for n in results.crate_ns():
        res = results.crates_at(n)
        for kind in ("check", "build"):
            params = {"kind": kind, "n": n}
            t, m, h = (res[v].instr(kind) if v in res else None for v in VARIANTS)
            if None in (t, m, h):
                measured = "not measured (callgrind on `build` only at N in --build-instr-ns)"
                readings.append(Reading(measured, None, None, params))
                continue
            pt, pm = (t - h) / n, (m - h) / n
            versus = f"ours {pm / 1e6:+.2f} M vs tokio {pt / 1e6:+.2f} M instructions: "
            if pt > 0:
                readings.append(Reading(versus + f"{pm / pt:.2f}×", pm, pt, params))
            else:
                measured = (
                    versus + "tokio is *below* the hand-written floor, so the bar is tokio itself;"
                    f" ours is {(m - t) / n / 1e6:+.2f} M per fn against tokio ({m / t:.3f}× its"
                    " total)"
                )
                readings.append(Reading(measured, m, t, params, threshold=1.0))
    return readings


def macro_build_wall(results: Results) -> list[Reading]:
    """Median wall time of the clean build of mainspring-macros with its dependencies against
    that of tokio-macros."""
    ours, theirs = results.macro_build("mainspring-macros"), results.macro_build("tokio-macros")
    a = median(ours.build.wall) if ours else None
    b = median(theirs.build.wall) if theirs else None
    if not (a and b):
        return []
    return [Reading(f"{a:.2f} s vs {b:.2f} s: {a / b:.2f}×", a, b)]


def hello_startup(results: Results) -> list[Reading]:
    """Median start-up time of the hello-world binary, mainspring against hand-written."""
    m, h = results.hello_of("mainspring"), results.hello_of("hand")
    if not (m and h):
        return []
    ours, hand = m.startup_median or 0, h.startup_median or 1
    return [Reading(f"{ours / hand:.3f}×", ours, hand)]


def hello_size(results: Results) -> list[Reading]:
    """Size of the stripped hello-world binary, mainspring against hand-written (the
    unstripped ratio is shown, not judged)."""
    m, h = results.hello_of("mainspring"), results.hello_of("hand")
    if not (m and h):
        return []
    measured = f"stripped {m.stripped / h.stripped:.4f}×, unstripped {m.size / h.size:.4f}×"
    return [Reading(measured, m.stripped, h.stripped)]


def body_growth(results: Results) -> list[Reading]:
    """Instructions inside `mainspring_macros::test` for the long body, against its cost for the
    short body plus what the copy probe's cost grows by between the two (re-emitting the body's
    tokens once)."""
    try:
        small, big = results.meta.expansion_lines
    except ValueError:
        return []

    def proc_macro(variant: str, lines: int) -> int | None:
        rec = results.expansion_of(variant, lines)
        return None if rec is None else rec.instructions.proc_macro

    ms, mb = proc_macro("mainspring", small), proc_macro("mainspring", big)
    cs, cb = proc_macro("msb_probe_copy", small), proc_macro("msb_probe_copy", big)
    if None in (ms, mb, cs, cb):
        return []
    bound = ms + (cb - cs)
    measured = (
        f"{mb / 1e6:.2f} M vs {ms / 1e6:.2f} M ({small} lines) + {(cb - cs) / 1e6:.2f} M"
        f" (copy probe's growth) = {bound / 1e6:.2f} M: {mb / bound:.2f}×"
    )
    return [Reading(measured, mb, bound, {"big": big})]


PER_FN_OVERHEAD = Target(
    what="per-fn overhead",
    bar="≤ ½ tokio's",
    scope=", `cargo {kind} --tests`, N={n}",
    threshold=0.5,
    compute=per_fn_instructions,
)

TARGETS = [
    PER_FN_OVERHEAD,
    Target(
        what="clean build of the macro crate + deps",
        bar="≤ tokio-macros",
        scope="",
        threshold=1.0,
        compute=macro_build_wall,
    ),
    Target(
        what="hello-world start-up",
        bar="within 2% of hand",
        scope="",
        threshold=1.02,
        compute=hello_startup,
    ),
    Target(
        what="hello-world size",
        bar="within 2% of hand",
        scope="",
        threshold=1.02,
        compute=hello_size,
    ),
    Target(
        what="{big}-line body",
        bar="≤ signature + a copy of the tokens",
        scope="",
        threshold=1.0,
        compute=body_growth,
    ),
]
