#!/usr/bin/env bash
# Seconds per full-batch AdamW epoch of ntpgeo's neural models (DJL + PyTorch 2.7 natives) against the same
# architectures in PyTorch (bench/neural_torch.py, Debian python3-torch), at the authors' size
# (V=104, m=404, T-1=5, d=128; transformer 4 layers / 4 heads, LSTM 2 layers, MLP 2 hidden layers).
#
# Usage: bench/neural_bench.sh [epochs=20] [threads=1] [float32|float64] [kinds=transformer,lstm,mlp]
# Prints both tables and the ratios ours/torch for wall-clock and process-CPU seconds per epoch. CPU seconds are
# the fairer number on a shared machine (wall time grows with the load of other processes; see `uptime`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EPOCHS="${1:-20}"; THREADS="${2:-1}"; DTYPE="${3:-float32}"; KINDS="${4:-transformer,lstm,mlp}"
PYTHON="${PYTHON:-/usr/bin/python3}"
cd "$ROOT"
# compile this checkout (not ~/.m2, which other worktrees may overwrite) and take only third-party jars from ~/.m2
CP_FILE="$(mktemp)"; OURS="$(mktemp)"; TORCH="$(mktemp)"
trap 'rm -f "$CP_FILE" "$OURS" "$TORCH"' EXIT
# in one reactor run, so ntpgeo-core resolves to this checkout's classes (the last module writes CP_FILE)
./mvnw -B -q -o compile dependency:build-classpath -pl ntpgeo-bench -am -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="ntpgeo-bench/target/classes:ntpgeo-neural/target/classes:ntpgeo-core/target/classes:$(tr ':' '\n' <"$CP_FILE" | grep -v '/org/ntpgeo/' | paste -sd:)"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  epochs=$EPOCHS threads=$THREADS $DTYPE"
java -Dai.djl.offline=true -cp "$CP" org.ntpgeo.bench.NeuralBench \
  "$EPOCHS" "$THREADS" "$DTYPE" "$KINDS" | tee "$OURS" | sed 's/^/ours\t/'
if "$PYTHON" -c 'import torch' 2>/dev/null; then
  "$PYTHON" bench/neural_torch.py "$EPOCHS" "$THREADS" "$DTYPE" "$KINDS" | tee "$TORCH" | sed 's/^/torch\t/'
  echo "# kind  wall_ratio(ours/torch)  cpu_ratio(ours/torch)   (target <= 1.5)"
  join -t $'\t' <(sort "$OURS") <(sort "$TORCH") | awk -F'\t' '{printf "%s\t%.2f\t%.2f\n", $1, $4/$10, $5/$11}'
else
  echo "# python3 with torch not found (apt-get install -y python3-torch); PyTorch side skipped"
fi
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
