"""The rewrite from tokio's attributes to mainspring's: the rules, applied to one file's text.

Every rule works on code only (comments and string literals are left alone, except the string
value of a `crate = "..."` option, rule 4). Each change is recorded with its line, so a run can
show what it did; whatever looks like one of tokio's attributes and matches no rule is returned
as an unhandled site, never skipped in silence.

  1. `tokio::test`, `tokio::main`, also `::tokio::...`, wherever the path stands: `#[tokio::test]`,
     `#[tokio::test(flavor = "multi_thread")]`, `#[cfg_attr(pred, tokio::test(...))]`,
     `use tokio::test;`, `use tokio::test as maybe_tokio_test;`, inside `macro_rules!`.
     -> `mainspring::test`, `mainspring::main`; the options are kept as written.
  2. tokio renamed: `use ::tokio as ALIAS;` gets `use ::mainspring as ALIAS';` after it, and
     `ALIAS::test`/`ALIAS::main` become `ALIAS'::...` (ALIAS' is ALIAS with `tokio` replaced by
     `mainspring`, or ALIAS + `_mainspring` when it has no `tokio` in it). `use std as tokio;`
     (tokio's decoy that shadows the name) is not tokio and stays.
  3. tokio re-exported from a module: `pub use ::tokio;` gets `pub use ::mainspring;` after it,
     and `M::tokio::test`/`M::tokio::main` become `M::mainspring::...`.
  4. `crate = "PATH"` where PATH names tokio by rules 1-3 (`tokio`, `::tokio`, ALIAS, `M::tokio`)
     gets the matching mainspring path; other options are kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ATTRS = ("test", "main")
RAW_STRING = re.compile(r'b?r(#*)"')
USE_TOKIO_AS = re.compile(
    r"(?m)^(?P<indent>[ \t]*)(?P<vis>(?:pub(?:\([^)]*\))?\s+)?)"
    r"use\s+(?:::)?tokio\s+as\s+(?P<alias>\w+)\s*;"
)
USE_TOKIO = re.compile(
    r"(?m)^(?P<indent>[ \t]*)(?P<vis>(?:pub(?:\([^)]*\))?\s+)?)use\s+(?:::)?tokio\s*;"
)
# A path through a module's re-export of tokio, `M::tokio::..`.
REEXPORT_USE = re.compile(r"(?<![\w:])(?:::)?(?:\w+\s*::\s*)+?tokio\s*::")


def ALIAS_USE(alias: str) -> re.Pattern:
    return re.compile(rf"(?<![\w:])(?:::)?{re.escape(alias)}\s*::")


CHAR_LITERAL = re.compile(r"'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'")


@dataclass
class Change:
    line: int
    before: str
    after: str


@dataclass
class Result:
    text: str
    changes: list[Change] = field(default_factory=list)
    # Sites that look like one of tokio's attributes but that no rule covers: (line, text).
    unhandled: list[tuple[int, str]] = field(default_factory=list)


def code_mask(text: str) -> list[bool]:
    """True for each character that is code: not inside a comment, a string or a char literal.

    Knows `//` and nested `/* */` comments, "strings" with escapes, r#"raw strings"#, b"..",
    and tells a char literal ('a', '\\n') from a lifetime ('a) by what follows it."""
    mask = [True] * len(text)
    i, n = 0, len(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, min(b, n)):
            mask[k] = False

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif (c == "r" or c == "b") and (m := RAW_STRING.match(text, i)):
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
                i += 1
                continue
            end = text.find('"' + m.group(1), m.end())
            j = n if end < 0 else end + 1 + len(m.group(1))
            blank(i, j)
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
        elif c == "'":
            m = CHAR_LITERAL.match(text, i)
            if m:
                blank(i, m.end())
                i = m.end()
            else:
                i += 1
        else:
            i += 1
    return mask


def mainspring_alias(alias: str) -> str:
    return alias.replace("tokio", "mainspring") if "tokio" in alias else alias + "_mainspring"


def rewrite(text: str) -> Result:
    mask = code_mask(text)

    def in_code(m: re.Match) -> bool:
        return mask[m.start()]

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    # Rules 2 and 3 first find how this file names tokio: (declaration match, alias or None).
    aliases: dict[str, str] = {}
    declarations: list[tuple[re.Match, str | None]] = []
    for m in USE_TOKIO_AS.finditer(text):
        if in_code(m) and m["alias"] != "_":
            aliases[m["alias"]] = mainspring_alias(m["alias"])
            declarations.append((m, m["alias"]))
    for m in USE_TOKIO.finditer(text):
        if in_code(m):
            declarations.append((m, None))
    reexports = any(alias is None for _, alias in declarations)

    roots = ["tokio", *aliases]
    attr = "|".join(ATTRS)
    # One pattern for every path to an attribute: [M::]root::test|main, with an optional `::`.
    path_re = re.compile(
        rf"(?<![\w:])(?P<lead>::)?(?P<mods>(?:\w+\s*::\s*)*?)"
        rf"(?P<root>{'|'.join(map(re.escape, roots))})"
        rf"(?P<sep>\s*::\s*)(?P<attr>{attr})\b"
    )

    def map_path(lead: str, mods: str, root: str) -> str | None:
        """The mainspring path for a path that names tokio, or None when no rule covers it."""
        if mods:
            # Rule 3: only through a re-export this file makes.
            return f"{lead or ''}{mods}mainspring" if root == "tokio" and reexports else None
        if root == "tokio":
            return f"{lead or ''}mainspring"
        return f"{lead or ''}{aliases[root]}"  # rule 2

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    result = Result(text)
    for m in path_re.finditer(text):
        if not in_code(m):
            continue
        new_root = map_path(m.group("lead"), m.group("mods"), m.group("root"))
        old = m.group(0)
        if new_root is None:
            result.unhandled.append((line_of(m.start()), old))
            continue
        new = f"{new_root}{m.group('sep')}{m.group('attr')}"
        edits.append((m.start(), m.end(), new))
        result.changes.append(Change(line_of(m.start()), old, new))

    # Rule 4: the `crate` option's value.
    for m in re.finditer(r'\bcrate\s*=\s*"(?P<path>[^"]*)"', text):
        if not in_code(m):
            continue
        pm = re.fullmatch(
            rf"(?P<lead>::)?(?P<mods>(?:\w+::)*?)(?P<root>{'|'.join(map(re.escape, roots))})",
            m.group("path"),
        )
        new_path = pm and map_path(pm.group("lead"), pm.group("mods"), pm.group("root"))
        if not new_path:
            result.unhandled.append((line_of(m.start()), m.group(0)))
            continue
        start, end = m.span("path")
        edits.append((start, end, new_path))
        result.changes.append(Change(line_of(m.start()), m.group(0), f'crate = "{new_path}"'))

    # A declaration that only the attributes used is replaced (kept, it would be an unused
    # import under -Dwarnings); one that other code uses too stays, mainspring's added after it.
    rewritten = [start for start, _, _ in edits]
    for m, alias in declarations:
        other = ALIAS_USE(alias) if alias else REEXPORT_USE
        used = any(in_code(u) and u.start() not in rewritten for u in other.finditer(text))
        new = f"{m['indent']}{m['vis']}use ::mainspring" + (
            f" as {aliases[alias]};" if alias else ";"
        )
        before = m.group(0).strip()
        if used:
            edits.append((m.end(), m.end(), "\n" + new))
            result.changes.append(Change(line_of(m.start()), "", new.strip()))
        else:
            edits.append((m.start(), m.end(), new))
            result.changes.append(Change(line_of(m.start()), before, new.strip()))

    # Grouped imports (`use tokio::{test, ..}`) and tokio-macros used directly have no rule.
    for m in re.finditer(r"\buse\s+(::)?tokio\s*::\s*\{[^}]*\b(test|main)\b[^}]*\}", text):
        if in_code(m):
            result.unhandled.append((line_of(m.start()), m.group(0)))
    for m in re.finditer(r"\btokio_macros\s*::\s*\w+", text):
        if in_code(m):
            result.unhandled.append((line_of(m.start()), m.group(0)))

    out, last = [], 0
    for start, end, new in sorted(edits):
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    result.text = "".join(out)
    result.changes.sort(key=lambda c: c.line)
    result.unhandled.sort()
    return result
