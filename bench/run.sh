#!/usr/bin/env bash
# The mainspring cost benchmark. Usage: bench/run.sh [options]; bench/run.sh --help.
# Generates crates under /tmp/mainspring-bench (or --root), measures, writes bench/RESULTS.md.
# Needs: cargo, python3 (>= 3.11, stdlib only), valgrind (instruction counts), hyperfine (optional).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/bench.py" "$@"
