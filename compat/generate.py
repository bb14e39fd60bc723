"""The generated workspace: tokio's published package found (or fetched), its tests copied twice.

    <scratch>/ws/Cargo.toml            [workspace] of the two copies (never attached to the repo's)
    <scratch>/ws/Cargo.lock            copied from compat/Cargo.lock when there is one
    <scratch>/ws/tokio/                compat-tokio: tokio's tests/ as published
    <scratch>/ws/mainspring/           compat-mainspring: the same files, rewritten (rewrite.py)

Both copies get tokio's own manifest, less what makes it tokio: its [dependencies] (the tests use
`bytes`, `mio` and others directly, as tokio's own integration tests may), its dev-dependencies,
its [features] with each one also turning on tokio's feature of the same name (the files check
`cfg(feature = "full")` and friends, which must mean what they mean inside tokio), and its
[lints] (the `check-cfg` list, so `cfg(tokio_unstable)` is no warning under `-Dwarnings`). On top:
`tokio = "=1.54.1"`, and in the rewritten copy `mainspring` from this repository.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import rewrite

TOKIO_VERSION = "1.54.1"
COPIES = ("tokio", "mainspring")  # directory names; the packages are compat-<name>


@dataclass
class Copy:
    name: str  # "tokio" or "mainspring"
    package: str
    dir: Path


def cargo_home() -> Path:
    return Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))


def find_tokio(scratch: Path) -> Path:
    """tokio's published package: unpacked by cargo, else unpacked here from cargo's download
    cache, else fetched by cargo through a throwaway crate that depends on it."""
    for attempt in range(2):
        src = sorted(glob.glob(str(cargo_home() / "registry/src/*" / f"tokio-{TOKIO_VERSION}")))
        if src and (Path(src[0]) / "Cargo.toml").is_file():
            return Path(src[0])
        crates = sorted(
            glob.glob(str(cargo_home() / "registry/cache/*" / f"tokio-{TOKIO_VERSION}.crate"))
        )
        if crates:
            dest = scratch / "package"
            if not (dest / f"tokio-{TOKIO_VERSION}" / "Cargo.toml").is_file():
                shutil.rmtree(dest, ignore_errors=True)
                dest.mkdir(parents=True)
                with tarfile.open(crates[0]) as tar:
                    tar.extractall(dest, filter="data")
            return dest / f"tokio-{TOKIO_VERSION}"
        if attempt == 0:
            fetch_tokio(scratch / "fetch")
    sys.exit(f"compat: tokio {TOKIO_VERSION} is not in {cargo_home()}/registry after `cargo fetch`")


def fetch_tokio(where: Path) -> None:
    print(f"compat: tokio {TOKIO_VERSION} is not in cargo's cache; fetching it", file=sys.stderr)
    (where / "src").mkdir(parents=True, exist_ok=True)
    (where / "src/lib.rs").write_text("")
    (where / "Cargo.toml").write_text(
        '[package]\nname = "compat-fetch-tokio"\nversion = "0.0.0"\nedition = "2021"\n'
        f'publish = false\n\n[dependencies]\ntokio = "={TOKIO_VERSION}"\n\n[workspace]\n'
    )
    subprocess.run(["cargo", "fetch", "--manifest-path", str(where / "Cargo.toml")], check=True)


# --- a TOML writer for what a manifest holds: strings, bools, integers, lists, tables ---------


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)  # TOML's basic strings escape as JSON does
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"no TOML for {v!r}")


def toml_key(k: str) -> str:
    return k if k.replace("-", "").replace("_", "").isalnum() else json.dumps(k)


def toml_table(header: list[str], body: dict) -> str:
    return (
        "["
        + ".".join(map(toml_key, header))
        + "]\n"
        + "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in body.items())
        + "\n"
    )


# --- the manifests ---------------------------------------------------------------------------


def mirrored_features(tokio: dict) -> dict[str, list[str]]:
    """tokio's [features], each also turning on tokio's feature of the same name. An optional
    dependency that tokio names without `dep:` is a feature too (`parking_lot`, `bytes`, `tracing`):
    it gets one written out, `dep:` plus tokio's."""
    features = {
        name: deps if name == "default" else [*deps, f"tokio/{name}"]
        for name, deps in tokio["features"].items()
    }
    optional = set()
    for table in [tokio, *tokio.get("target", {}).values()]:
        optional |= {
            n
            for n, d in table.get("dependencies", {}).items()
            if isinstance(d, dict) and d.get("optional")
        }
    named_with_dep = {
        e[4:] for deps in tokio["features"].values() for e in deps if e.startswith("dep:")
    }
    for dep in sorted(optional - named_with_dep - set(features)):
        features[dep] = [f"dep:{dep}", f"tokio/{dep}"]
    return features


def manifest(tokio: dict, copy: Copy, repo: Path) -> str:
    pkg = {
        "name": copy.package,
        "version": "0.0.0",
        "edition": tokio["package"]["edition"],
        "publish": False,
        # rt_handle_block_on's `basic_fs` reads ./Cargo.toml and looks for tokio's homepage in it.
        "homepage": tokio["package"]["homepage"],
        "autotests": False,
        "autobenches": False,
        "autoexamples": False,
    }
    deps = dict(tokio["dependencies"])
    deps["tokio"] = {"version": f"={TOKIO_VERSION}", "default-features": False}
    if copy.name == "mainspring":
        deps["mainspring"] = {"path": str(repo / "runtime-shim"), "features": ["test-util"]}
    out = [
        "# Generated by compat/ from tokio's published Cargo.toml: do not edit.\n\n",
        toml_table(["package"], pkg),
        toml_table(["features"], mirrored_features(tokio)),
        "".join(
            toml_table(["dependencies", n], d if isinstance(d, dict) else {"version": d})
            for n, d in deps.items()
        ),
        "".join(
            toml_table(["dev-dependencies", n], d if isinstance(d, dict) else {"version": d})
            for n, d in tokio["dev-dependencies"].items()
        ),
    ]
    for cfg, tables in tokio.get("target", {}).items():
        for kind, ds in tables.items():
            for n, d in ds.items():
                out.append(
                    toml_table(
                        ["target", cfg, kind, n], d if isinstance(d, dict) else {"version": d}
                    )
                )
    for t in tokio["test"]:
        out.append("[[test]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in t.items()) + "\n")
    for tool, lints in tokio.get("lints", {}).items():
        for lint, level in lints.items():
            out.append(
                toml_table(
                    ["lints", tool, lint], level if isinstance(level, dict) else {"level": level}
                )
            )
    return "".join(out)


WORKSPACE = """\
# Generated by compat/: do not edit. Its own workspace, so cargo never attaches these crates to
# the repository's.
[workspace]
resolver = "2"
members = ["tokio", "mainspring"]
"""


# --- writing the workspace -------------------------------------------------------------------


def write_if_changed(path: Path, text: str) -> None:
    """Unchanged files keep their mtime, so cargo does not rebuild what did not change."""
    if path.is_file() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@dataclass
class Generated:
    root: Path
    tokio_package: Path
    tokio_manifest: dict
    copies: list[Copy]
    test_files: list[str]  # stems of tests/*.rs
    rewrites: dict[str, rewrite.Result]  # path inside tests/ -> what rule applied


def generate(scratch: Path, repo: Path, lockfile: Path | None) -> Generated:
    tokio_pkg = find_tokio(scratch)
    tokio = tomllib.loads((tokio_pkg / "Cargo.toml").read_text())
    if tokio["package"]["version"] != TOKIO_VERSION:
        sys.exit(f"compat: {tokio_pkg} is tokio {tokio['package']['version']}, not {TOKIO_VERSION}")
    root = scratch / "ws"
    write_if_changed(root / "Cargo.toml", WORKSPACE)
    if lockfile and lockfile.is_file():
        write_if_changed(root / "Cargo.lock", lockfile.read_text())

    sources = sorted(p for p in (tokio_pkg / "tests").rglob("*") if p.is_file())
    copies = [Copy(name, f"compat-{name}", root / name) for name in COPIES]
    rewrites: dict[str, rewrite.Result] = {}
    for copy in copies:
        write_if_changed(copy.dir / "Cargo.toml", manifest(tokio, copy, repo))
        write_if_changed(copy.dir / "src/lib.rs", "//! Empty: the crate is its tests.\n")
        wanted = set()
        for src in sources:
            rel = src.relative_to(tokio_pkg)
            text = src.read_text()
            if copy.name == "mainspring" and src.suffix == ".rs":
                result = rewrite.rewrite(text)
                rewrites[str(rel.relative_to("tests"))] = result
                text = result.text
            write_if_changed(copy.dir / rel, text)
            wanted.add(copy.dir / rel)
        for stale in (copy.dir / "tests").rglob("*"):
            if stale.is_file() and stale not in wanted:
                stale.unlink()

    stems = [Path(t["path"]).stem for t in tokio["test"]]
    return Generated(root, tokio_pkg, tokio, copies, stems, rewrites)
