#!/usr/bin/env bash
# A short run of every libFuzzer target of fuzz/ (fuzz/README.md), as `scripts/dev test` does after ctest:
#   fuzz/run.sh [BUILD_DIR [TARGET…]]    BUILD_DIR defaults to build/fuzz (the fuzz preset's); all targets
#                                         unless some are named
# Each target first runs every input of its corpus fuzz/corpus/<target>/ (the regression inputs among them),
# then fuzzes for SEATKEEPER_FUZZ_SECONDS seconds (15 unless set) on a copy of that corpus, so nothing a run
# finds or adds lands in the repository. A finding fails the script, naming the input that caused it (kept
# under BUILD_DIR/findings/<target>/) and the command that replays it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/fuzz}
[ $# -gt 0 ] && shift
seconds=${SEATKEEPER_FUZZ_SECONDS:-15}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz/run.sh: SEATKEEPER_FUZZ_SECONDS must be a whole number of seconds, not '$seconds'" >&2; exit 2; }

targets=("$@")
if ((${#targets[@]} == 0)); then
    targets=(json_fields_fuzz ids_fuzz query_fuzz credentials_fuzz http_framing_fuzz package_reader_fuzz jwt_fuzz)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
for target in "${targets[@]}"; do
    bin=$build/fuzz/$target
    corpus=$root/fuzz/corpus/$target
    [ -x "$bin" ] || { echo "fuzz/run.sh: $bin is missing: build it with \`cmake --preset fuzz && cmake --build --preset fuzz\`" >&2; exit 1; }
    [ -d "$corpus" ] || { echo "fuzz/run.sh: no corpus for $target at $corpus" >&2; exit 1; }

    findings=$build/findings/$target
    mkdir -p "$work/$target" "$findings"
    cp -r "$corpus/." "$work/$target/"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$findings/")
    if [ -f "$root/fuzz/dict/$target.dict" ]; then options+=(-dict="$root/fuzz/dict/$target.dict"); fi
    log=$work/$target.log
    started=$SECONDS
    if "$bin" "${options[@]}" "$work/$target" >"$log" 2>&1; then
        runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
        echo "fuzz/run.sh: $target: ${runs:-?} inputs in $((SECONDS - started)) s, nothing found"
    else
        failed=1
        echo "fuzz/run.sh: $target FOUND A PROBLEM; the end of its log:" >&2
        tail -n 40 "$log" >&2
        input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        if [ -n "$input" ]; then
            echo "fuzz/run.sh: $target: the input is $input" >&2
            echo "fuzz/run.sh: replay it with: $bin $input" >&2
            echo "fuzz/run.sh: once fixed, keep it as fuzz/corpus/$target/regress-<what> (fuzz/README.md)" >&2
        else
            echo "fuzz/run.sh: $target exited without writing an input (see the log above)" >&2
        fi
    fi
done
exit "$failed"
