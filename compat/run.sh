#!/usr/bin/env bash
# tokio's integration tests with tokio's attributes and with mainspring's: see compat/README.md
# and `compat/run.sh --help`.
exec python3 -B "$(dirname "$0")/compat.py" "$@"
