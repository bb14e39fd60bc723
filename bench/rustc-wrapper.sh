#!/usr/bin/env bash
# RUSTC_WRAPPER for the mainspring benchmark (bench/measure.py sets it for every cargo call, so
# cargo's fingerprints never change between modes).
#
# cargo calls it as: rustc-wrapper.sh /path/to/rustc ARGS...
# Every crate except the one named $MSB_CRATE (the generated bench crate) runs rustc unchanged.
# For the bench crate, $MSB_MODE picks what happens:
#   plain      run rustc unchanged (default)
#   time       run rustc, append its wall time in microseconds to $MSB_LOG
#   callgrind  run rustc under `valgrind --tool=callgrind`, output to $MSB_OUT (valgrind's own
#              messages to $MSB_OUT.log); the child linker is not traced
#   cachegrind run rustc under `valgrind --tool=cachegrind --cache-sim=no` (faster: totals only)
#   timepasses run rustc with `-Z time-passes` (RUSTC_BOOTSTRAP=1: an unstable flag on the stable
#              compiler), append the `time:` lines to $MSB_LOG
set -u
rustc="$1"
shift
name=""
prev=""
for arg in "$@"; do
    if [ "$prev" = "--crate-name" ]; then
        name="$arg"
        break
    fi
    prev="$arg"
done
if [ -z "${MSB_CRATE:-}" ] || [ "$name" != "$MSB_CRATE" ]; then
    exec "$rustc" "$@"
fi
case "${MSB_MODE:-plain}" in
    plain)
        exec "$rustc" "$@"
        ;;
    time)
        start=$(date +%s%N)
        "$rustc" "$@"
        rc=$?
        end=$(date +%s%N)
        echo "$(((end - start) / 1000))" >>"$MSB_LOG"
        exit "$rc"
        ;;
    callgrind)
        exec valgrind --tool=callgrind --dump-instr=no --dump-line=no --collect-jumps=no \
            --callgrind-out-file="$MSB_OUT" --log-file="$MSB_OUT.log" "$rustc" "$@"
        ;;
    cachegrind)
        exec valgrind --tool=cachegrind --cache-sim=no --branch-sim=no \
            --cachegrind-out-file="$MSB_OUT" --log-file="$MSB_OUT.log" "$rustc" "$@"
        ;;
    timepasses)
        err=$(mktemp)
        RUSTC_BOOTSTRAP=1 "$rustc" "$@" -Z time-passes 2>"$err"
        rc=$?
        grep '^time:' "$err" >>"$MSB_LOG"
        grep -v '^time:' "$err" >&2
        rm -f "$err"
        exit "$rc"
        ;;
    *)
        echo "rustc-wrapper.sh: unknown MSB_MODE=$MSB_MODE" >&2
        exit 2
        ;;
esac
