#!/usr/bin/env bash
# `ntpgeo analyze` at corpus scale (issue 12, item 4; docs/REPORTS.md "Measured"): a UFM (d = 128, Adam, weight
# decay 1e-4, 5 epochs, checkpoints 0, 1, 2, 5) on every context of the shared TinyStories sample (BPE 128, T = 7,
# line documents: V = 128, m = 293362, C = 10786), analysed with --path-seconds 0 under /usr/bin/time -v.
#   bench/analyze_scale.sh [--work DIR] [--heap 8g] [OTHER_CHECKOUT...]
# Every checkout given (built: ./mvnw -o -DskipTests -pl ntpgeo-cli -am package) is analysed as well, e.g. the code
# before the class-level analysis; its CLI may lack --path-seconds (then it is not passed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK=/tmp/ntpgeo-analyze-scale HEAP=8g
while [ $# -gt 0 ]; do
  case "$1" in
    --work) WORK="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    *) break ;;
  esac
done
mkdir -p "$WORK"
CORPUS="$ROOT/../shared/data/tinystories/train-first-1000.txt"
[ -d "$WORK/ts" ] || "$ROOT/ntpgeo" data build --recipe tinystories --corpus "$CORPUS" --contexts 293362 --out "$WORK/ts"
[ -d "$WORK/svm" ] || "$ROOT/ntpgeo" solve svm --data "$WORK/ts" --out "$WORK/svm"
[ -d "$WORK/ufm" ] || "$ROOT/ntpgeo" train --data "$WORK/ts" --model ufm --dim 128 --epochs 5 --optimizer adam --lr 0.05 \
  --weight-decay 1e-4 --no-progress --out "$WORK/ufm"
n=0
for checkout in "$ROOT" "$@"; do
  n=$((n + 1))
  extra=()
  NTPGEO_SKIP_BUILD=1 "$checkout/ntpgeo" analyze --help | grep -q -- --path-seconds && extra=(--path-seconds 0)
  uptime
  /usr/bin/time -v env NTPGEO_SKIP_BUILD=1 JAVA_OPTS="-Xmx$HEAP" "$checkout/ntpgeo" analyze --run "$WORK/ufm" --svm "$WORK/svm" \
    "${extra[@]}" --out "$WORK/report-$n" --force 2> "$WORK/time-$n.txt" | tail -1
  echo "$checkout: $(grep -E 'Elapsed|Maximum resident|User time|System time' "$WORK/time-$n.txt" | tr -s ' \t' ' ' | paste -sd';')"
done
