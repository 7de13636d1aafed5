#!/usr/bin/env bash
# Whole-process timings of `ntpgeo solve svm` on the issue-12 cases (docs/BENCHMARKS.md, docs/THEORY-ENGINE.md):
#   tinystories  the shared TinyStories sample, BPE 128, T = 7, line documents, every sliding context
#                (V = 128, m = 293362, C = 10786)
#   classes      synthetic support classes: V = 160, m = 1.5 million contexts over C = 30000 supports of size 1..8
#   random       random supports, V = 1000, m = 20000, sizes 1..8 (nearly every support distinct: C ~ m)
# Each case runs the default (support-class) formulation; with --full-baseline also `--formulation full` where it
# fits (tinystories, random). Datasets are built once into WORK (default /tmp/ntpgeo-svm-scale) and reused.
# usage: bench/svm_scale.sh [--work DIR] [--cases tinystories,classes,random] [--full-baseline]
# Prints one line per run: case, formulation, wall s, user+sys CPU s, peak RSS MB, load average before the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NTPGEO="$ROOT/ntpgeo"
WORK=/tmp/ntpgeo-svm-scale
CASES=tinystories,classes,random
FULL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --work) WORK="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --full-baseline) FULL=1; shift ;;
    *) echo "usage: $0 [--work DIR] [--cases tinystories,classes,random] [--full-baseline]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK"
CORPUS="$ROOT/../shared/data/tinystories/train-first-1000.txt"

dataset() { # name -> builds WORK/name once
  local d="$WORK/$1"
  [ -f "$d/dataset.npz" ] && return 0
  case "$1" in
    tinystories)
      [ -f "$CORPUS" ] || { echo "TinyStories sample not found at $CORPUS" >&2; exit 2; }
      "$NTPGEO" data build --corpus "$CORPUS" -T 7 --tokenizer bpe --bpe-vocab 128 --documents line --out "$d" --force ;;
    classes)
      "$NTPGEO" data synth --kind classes --vocab 160 --contexts 1500000 --classes 30000 --support-size 1..8 --seed 1 --out "$d" --force ;;
    random)
      "$NTPGEO" data synth --kind random --vocab 1000 --contexts 20000 --support-size 1..8 --seed 1 --out "$d" --force ;;
    *) echo "unknown case $1" >&2; exit 2 ;;
  esac >/dev/null
}

run() { # case formulation
  local out="$WORK/out-$1-$2" log="$WORK/time-$1-$2.log" load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  NTPGEO_SKIP_BUILD=1 /usr/bin/time -v "$NTPGEO" solve svm --data "$WORK/$1" --out "$out" --force --formulation "$2" >"$log" 2>&1 ||
    { echo "$1 $2: failed, see $log" >&2; return 1; }
  awk -v c="$1" -v f="$2" -v l="$load" '
    /User time/ {u=$NF} /System time/ {s=$NF} /Maximum resident/ {r=$NF}
    /Elapsed \(wall clock\)/ {n=split($NF,p,":"); w=(n==3? p[1]*3600+p[2]*60+p[3] : p[1]*60+p[2])}
    END {printf "%-12s %-8s %8.1f %8.1f %8.0f %6s\n", c, f, w, u+s, r/1024, l}' "$log"
}

"$NTPGEO" --version >/dev/null # build once, outside the timings
printf "%-12s %-8s %8s %8s %8s %6s\n" case form wall_s cpu_s rss_mb load
for c in ${CASES//,/ }; do
  dataset "$c"
  run "$c" classes
  if [ "$FULL" = 1 ] && [ "$c" != classes ]; then run "$c" full; fi
done
