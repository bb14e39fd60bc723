"""The shape of a results file (`<root>/results.json`): what measuring writes and reporting reads.

Every record names what it measured (variant, N, the command); times are in seconds,
instructions are callgrind's `Ir` counts. A field that was not measured is `null`, never absent:
`load` rejects a file with a missing or an unknown field, or a value of the wrong type.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import gen

# Bumped whenever a field changes, so an old file is refused rather than misread.
SCHEMA = 2
# under --root
FILE_NAME = "results.json"

# The values of `variant`, in the report's column order.
VARIANTS = gen.VARIANTS
EXPANSION_VARIANTS = (
    "mainspring",
    "tokio",
    "hand",
    "none",
    "msb_probe_identity",
    "msb_probe_copy",
)


class SchemaError(Exception):
    pass


def check_variant(variant: str, known: tuple[str, ...]) -> None:
    if variant not in known:
        raise SchemaError(f"unknown variant {variant!r} (one of {', '.join(known)})")


@dataclass
class Runs:
    """Repeated timed runs of one command, in run order."""

    command: str
    wall: list[float] = field(default_factory=list)
    # user + system time of the command and its children
    cpu: list[float] = field(default_factory=list)


@dataclass
class CargoRuns:
    """Timed runs of a cargo command that recompiles the bench crate."""

    command: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    # the bench crate's rustc process alone, timed by rustc-wrapper.sh
    rustc: list[float] = field(default_factory=list)


@dataclass
class Instructions:
    """One callgrind run of the bench crate's rustc."""

    command: str
    total: int | None
    # inclusive cost of rustc's `MacroExpander::expand_crate`
    expand_crate: int | None
    # inclusive cost of the attribute functions (the bridge calls back into rustc included)
    proc_macro: int | None


@dataclass
class TimePasses:
    """`-Z time-passes` runs; a pass missing from a run's output is `null`."""

    command: str
    expand_crate: list[float | None] = field(default_factory=list)
    type_check_crate: list[float | None] = field(default_factory=list)
    total: list[float | None] = field(default_factory=list)


@dataclass
class CrateResult:
    """One variant of the crate with N tests and one `main`."""

    variant: str
    n: int
    source_lines: int | None = None
    check: CargoRuns | None = None
    build: CargoRuns | None = None
    check_instr: Instructions | None = None
    build_instr: Instructions | None = None
    time_passes: TimePasses | None = None
    # monomorphized `Runtime::block_on` in the test binary: one per distinct future type
    block_on_copies: int | None = None
    test_run: Runs | None = None

    def __post_init__(self):
        check_variant(self.variant, VARIANTS)

    def instr(self, kind: str, key: str = "total") -> int | None:
        """A figure of the `cargo {kind} --tests` callgrind run, None if not measured."""
        figs = getattr(self, f"{kind}_instr")
        return None if figs is None else getattr(figs, key)


@dataclass
class MacroBuild:
    """Clean builds (fresh target dir, debug) of a crate depending only on one macro crate."""

    crate: str
    # `cargo tree` of the one-line crate, the crate itself left out
    deps: list[str]
    build: Runs


@dataclass
class HelloResult:
    """The release hello-world binary of one variant."""

    variant: str
    size: int
    stripped: int
    # "hyperfine" or "subprocess loop" (which gives no mean or stddev)
    startup_tool: str | None = None
    startup_median: float | None = None
    startup_mean: float | None = None
    startup_stddev: float | None = None

    def __post_init__(self):
        check_variant(self.variant, VARIANTS)


@dataclass
class ExpansionResult:
    """`cargo check --tests` under callgrind of a crate with one function of `body_lines` lines."""

    variant: str
    body_lines: int
    instructions: Instructions
    # rough count of the source's tokens (identifiers, literals, punctuation)
    tokens: int

    def __post_init__(self):
        check_variant(self.variant, EXPANSION_VARIANTS)


@dataclass
class Meta:
    date: str
    nproc: int | None
    cpu: str
    rustc: str
    cargo: str
    valgrind: str
    # which mainspring was measured
    source: str
    # what goes between the parentheses of every generated `#[mainspring::test(...)]` (the N-test
    # crates and the expansion case; `--test-args`); "" for a bare `#[mainspring::test]`
    test_args: str
    # the command line(s) that produced the file, `--merge` runs appended
    command: str
    runs: int
    macro_runs: int
    expansion_lines: list[int]
    build_instr_ns: list[int]
    notes: list[str]
    # total, the merged-into runs included; null until the run finishes
    minutes: float | None = None
    # the minutes of the file a `--merge` run started from
    minutes_before: float = 0


@dataclass
class Results:
    schema: int
    meta: Meta
    crates: list[CrateResult] = field(default_factory=list)
    macro_builds: list[MacroBuild] = field(default_factory=list)
    hello: list[HelloResult] = field(default_factory=list)
    expansion: list[ExpansionResult] = field(default_factory=list)

    def crates_at(self, n: int) -> dict[str, CrateResult]:
        return {r.variant: r for r in self.crates if r.n == n}

    def crate_ns(self) -> list[int]:
        """The Ns measured, in the order they were first measured."""
        return list(dict.fromkeys(r.n for r in self.crates))

    def macro_build(self, crate: str) -> MacroBuild | None:
        return next((r for r in self.macro_builds if r.crate == crate), None)

    def hello_of(self, variant: str) -> HelloResult | None:
        return next((r for r in self.hello if r.variant == variant), None)

    def expansion_of(self, variant: str, body_lines: int) -> ExpansionResult | None:
        return next(
            (r for r in self.expansion if r.variant == variant and r.body_lines == body_lines), None
        )


def replace_or_append(records: list, new, same) -> None:
    """Puts `new` in the place of the record `same(record)` holds for, or at the end: a record
    measured again (`--merge`) keeps its place in the report."""
    for i, old in enumerate(records):
        if same(old):
            records[i] = new
            return
    records.append(new)


# ---------------------------------------------------------------------------------------------
# JSON


def save(results: Results, path: Path) -> None:
    path.write_text(json.dumps(dataclasses.asdict(results), indent=1) + "\n")


def load(path: Path) -> Results:
    if not path.exists():
        raise SchemaError(f"{path}: no such file (measure first, or pass the --root it is in)")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise SchemaError(f"{path}: not JSON: {e}") from None
    if isinstance(data, dict) and data.get("schema") != SCHEMA:
        raise SchemaError(
            f"{path}: schema {data.get('schema')!r}, expected {SCHEMA} (written by another"
            " version of bench/; re-measure, or check out the bench/ that wrote it)"
        )
    try:
        return _decode(Results, data, "results")
    except SchemaError as e:
        raise SchemaError(f"{path}: {e}") from None


def _decode(tp, value, where: str):
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None and type(None) in options:
            return None
        (inner,) = [t for t in options if t is not type(None)]
        return _decode(inner, value, where)
    if origin is list:
        if not isinstance(value, list):
            raise SchemaError(f"{where}: expected a list, got {value!r:.80}")
        (inner,) = typing.get_args(tp)
        return [_decode(inner, x, f"{where}[{i}]") for i, x in enumerate(value)]
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected an object ({tp.__name__}), got {value!r:.80}")
        hints = typing.get_type_hints(tp)
        names = [f.name for f in dataclasses.fields(tp)]
        missing = [k for k in names if k not in value]
        unknown = [k for k in value if k not in names]
        if missing or unknown:
            raise SchemaError(
                f"{where} ({tp.__name__}):"
                + (f" missing field(s) {', '.join(missing)}" if missing else "")
                + (";" if missing and unknown else "")
                + (f" unknown field(s) {', '.join(unknown)}" if unknown else "")
            )
        kwargs = {k: _decode(hints[k], value[k], f"{where}.{k}") for k in names}
        try:
            return tp(**kwargs)
        except SchemaError as e:
            raise SchemaError(f"{where}: {e}") from None
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is str:
        if isinstance(value, str):
            return value
    else:
        raise TypeError(f"schema.py: no decoder for {tp!r}")
    raise SchemaError(f"{where}: expected {tp.__name__}, got {value!r:.80}")
