#!/usr/bin/env bash
# Benchmark: the Spark job in local mode against the single-machine builder on the same ~100 MB input.
# Usage: bench/spark-vs-local.sh [COPIES=106] [MASTER=local[2]] [extra data-build options...]
# The input is made under /tmp by concatenating ../shared/data/tinystories/train-first-1000.txt COPIES times
# (never commit it). Prints wall times, machine load, and checks that both outputs are byte-identical.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COPIES="${1:-106}"; MASTER="${2:-local[2]}"; shift $(( $# < 2 ? $# : 2 ))
. "$ROOT/bench/tinystories-input.sh"
IN="$(tinystories_input "$COPIES")"
OPTS=(--corpus "$IN" -T 6 --tokenizer whitespace "$@")
OUT="$(mktemp -d /tmp/ntpgeo-bench-out.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
echo "input: $IN ($(stat -c %s "$IN") bytes); options: ${OPTS[*]}"
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/ntpgeo" --help >/dev/null 2>&1 || true   # build outside the timed region
NTPGEO_SKIP_BUILD= "$ROOT/bin/ntpgeo-spark" --help >/dev/null 2>&1 || true
t0=$(date +%s.%N)
"$ROOT/ntpgeo" data build "${OPTS[@]}" --out "$OUT/local"
t1=$(date +%s.%N)
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/bin/ntpgeo-spark" --master "$MASTER" "${OPTS[@]}" --out "$OUT/spark"
t2=$(date +%s.%N)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'single-machine builder: %.1f s wall (JVM start included)\n' "$(echo "$t1 - $t0" | bc)"
printf 'spark %s:           %.1f s wall (JVM and Spark start included)\n' "$MASTER" "$(echo "$t2 - $t1" | bc)"
if cmp -s "$OUT/local/dataset.npz" "$OUT/spark/dataset.npz" && cmp -s "$OUT/local/dataset.json" "$OUT/spark/dataset.json"; then
  echo "outputs: byte-identical"
else
  echo "outputs: DIFFER"; exit 1
fi
