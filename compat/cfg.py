"""Why a file has no tests: its `#![cfg(...)]` attributes, evaluated as rustc would here.

The set a predicate is checked against is `rustc --print cfg` (with the run's --cfg flags), plus
`test`, plus `feature = ".."` for each feature the build turns on, followed through tokio's
[features] table (`full` turns on `rt`, `rt-multi-thread` turns on `rt`, ...).
"""

from __future__ import annotations

import re
import subprocess

TOKEN = re.compile(r'\s*(?:(?P<str>"(?:\\.|[^"\\])*")|(?P<ident>[A-Za-z_]\w*)|(?P<punct>[(),=]))')


def rustc_cfg(extra: list[str]) -> set[tuple[str, str | None]]:
    out = subprocess.run(
        ["rustc", "--print", "cfg", *extra], capture_output=True, text=True, check=True
    ).stdout
    cfg: set[tuple[str, str | None]] = {("test", None)}
    for line in out.splitlines():
        key, _, value = line.partition("=")
        cfg.add((key, value.strip('"') if value else None))
    return cfg


def features_on(table: dict[str, list[str]], asked: list[str]) -> set[str]:
    on, todo = set(), list(asked)
    while todo:
        name = todo.pop()
        if name in on:
            continue
        on.add(name)
        todo += [e for e in table.get(name, []) if "/" not in e and not e.startswith("dep:")]
    return on


def evaluate(pred: str, cfg: set[tuple[str, str | None]]) -> bool:
    tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in TOKEN.finditer(pred)]
    pos = 0

    def take() -> tuple[str, str]:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def peek(value: str) -> bool:
        return pos < len(tokens) and tokens[pos][1] == value

    def one() -> bool:
        _, name = take()
        if name in ("all", "any", "not") and peek("("):
            take()
            values = []
            while not peek(")"):
                values.append(one())
                if peek(","):
                    take()
            take()
            if name == "all":
                return all(values)
            if name == "any":
                return any(values)
            return not values[0]
        if peek("="):
            take()
            _, lit = take()
            return (name, lit[1:-1]) in cfg
        return (name, None) in cfg

    return one()


def top_level_cfgs(text: str) -> list[str]:
    """The predicates of the file's `#![cfg(...)]` attributes, comments taken out."""
    # Comments may sit inside an attribute; a `//` inside a string elsewhere only costs the rest
    # of that line, which holds no `#![cfg`.
    code = re.sub(r"//[^\n]*|/\*.*?\*/", " ", text, flags=re.S)
    preds = []
    for m in re.finditer(r"#!\[\s*cfg\s*\(", code):
        depth, i = 1, m.end()
        while i < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[i], 0)
            i += 1
        pred = " ".join(code[m.end() : i - 1].split())
        preds.append(re.sub(r"\(\s+", "(", re.sub(r",?\s+\)", ")", pred)))
    return preds


def why_empty(text: str, cfg: set[tuple[str, str | None]]) -> str:
    for pred in top_level_cfgs(text):
        if not evaluate(pred, cfg):
            return f"its `#![cfg({pred})]` is off here"
    return "its cfgs are on, and it has no `#[test]` (compile-time checks only)"
