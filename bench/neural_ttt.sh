#!/usr/bin/env bash
# Time to target (CE - H <= 0.01 nats) of ntpgeo's transformer and LSTM against the same models, data, initial
# parameters and settings in PyTorch (bench/neural_ttt.py, Debian python3-torch), on the simplified-TinyStories
# set of `ntpgeo data build --recipe simplified-tinystories`, with the settings of `ntpgeo reproduce`
# (docs/NEURAL.md, "Time to target").
#
# Usage: bench/neural_ttt.sh [CORPUS=../shared/data/tinystories/train-first-1000.txt] [kinds=transformer,lstm] [threads=1]
#   DATA=DIR bench/neural_ttt.sh ...   uses an existing dataset directory instead of building one from CORPUS
# Prints one line per model and side (kind dtype threads epochs_to_target wall_s cpu_s wall_s_per_epoch final_ce_minus_h)
# and the ratios ours/torch of wall and CPU seconds to the target. CPU seconds are the fairer number on a shared
# machine (the load is printed before and after).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="${1:-$ROOT/../shared/data/tinystories/train-first-1000.txt}"
KINDS="${2:-transformer,lstm}"; THREADS="${3:-1}"
PYTHON="${PYTHON:-/usr/bin/python3}"
cd "$ROOT"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
if [ -z "${DATA:-}" ]; then
  [ -f "$CORPUS" ] || { echo "corpus $CORPUS not found: pass a text file (README, 'A first session')" >&2; exit 2; }
  ./ntpgeo data build --recipe simplified-tinystories --corpus "$CORPUS" --out "$WORK/data" >/dev/null
  DATA="$WORK/data"
fi
# compile this checkout in one reactor run, so ntpgeo-core resolves to its classes (not ~/.m2, which other
# worktrees may overwrite); only third-party jars come from ~/.m2
./mvnw -B -q -o compile dependency:build-classpath -pl ntpgeo-bench -am -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="ntpgeo-bench/target/classes:ntpgeo-neural/target/classes:ntpgeo-core/target/classes:$(tr ':' '\n' <"$WORK/cp" | grep -v '/org/ntpgeo/' | paste -sd:)"
# the settings of `ntpgeo reproduce simplified-tinystories` (SimplifiedTinyStoriesExperiment, ModelRun.neural):
# AdamW peak 3e-3, weight decay 1e-6, warm-up over min(30, epochs/10) epochs then a cosine decay over the run's
# full-scale epochs (which sets the schedule's horizon; training stops at the target), gradients clipped at 1
settings() {
  case "$1" in
    transformer) echo "kind=transformer dim=128 layers=4 heads=4 lr=3e-3 wd=1e-6 schedule=warmup:30+cosine clip=1 epochs=1000" ;;
    lstm) echo "kind=lstm dim=128 layers=2 lr=3e-3 wd=1e-6 schedule=warmup:30+cosine clip=1 epochs=4000" ;;
  esac
}
echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  data=$DATA threads=$THREADS"
echo "# side kind dtype threads epochs_to_target wall_s cpu_s wall_s_per_epoch final_ce_minus_h"
for kind in ${KINDS//,/ }; do
  S="$(settings "$kind")"
  # shellcheck disable=SC2086
  java -Dai.djl.offline=true -cp "$CP" org.ntpgeo.bench.TimeToTarget data="$DATA" $S dtype=float32 threads="$THREADS" \
    init="$WORK/init-$kind.npz" curve="$WORK/ours-$kind.csv" | tee "$WORK/ours-$kind" | sed 's/^/ours\t/'
  if "$PYTHON" -c 'import torch' 2>/dev/null; then
    # shellcheck disable=SC2086
    "$PYTHON" bench/neural_ttt.py data="$DATA" $S dtype=float32 threads="$THREADS" init="$WORK/init-$kind.npz" \
      curve="$WORK/torch-$kind.csv" | tee "$WORK/torch-$kind" | sed 's/^/torch\t/'
    paste "$WORK/ours-$kind" "$WORK/torch-$kind" | awk -F'\t' '{
      printf "# %s ratio ours/torch: wall %.2f, cpu %.2f, per epoch %.2f (epochs to target: ours %d, torch %d)\n",
        $1, $5/$13, $6/$14, $7/$15, $4, $12 }'
  else
    echo "# python3 with torch not found (apt-get install -y python3-torch); PyTorch side skipped"
  fi
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
