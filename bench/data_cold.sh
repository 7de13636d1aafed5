#!/usr/bin/env bash
# Cold-start throughput of 'ntpgeo data build' (issue 12 item 5): a fresh JVM per run, as a user runs it, on the
# shared TinyStories sample concatenated COPIES times (about 60 MB for 64; made under /tmp, never committed), word
# tokenizer, blank-line documents, T = 6, sliding windows. Beside it: the Python Counter baseline
# (bench/data_counter.py) on the same file and, unless --no-warm, the warm in-process figure of 'ntpgeo bench data'.
# Prints wall and CPU seconds of each run (from /usr/bin/time), MB/s, the ratios and the load average, since the
# machine may be shared (CPU seconds are what the load hides least).
# Usage: bench/data_cold.sh [--runs N] [--copies C] [--no-python] [--no-warm]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=3; COPIES=64; PY=1; WARM=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --copies) COPIES="$2"; shift 2 ;;
    --no-python) PY=0; shift ;;
    --no-warm) WARM=0; shift ;;
    *) echo "usage: bench/data_cold.sh [--runs N] [--copies C] [--no-python] [--no-warm]" >&2; exit 2 ;;
  esac
done
. "$ROOT/bench/tinystories-input.sh"
IN="$(tinystories_input "$COPIES")"
BYTES=$(stat -c %s "$IN")
OUT="$(mktemp -d /tmp/ntpgeo-bench-out.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
"$ROOT/ntpgeo" --version >/dev/null   # build outside the timed region
echo "input: $IN ($BYTES bytes, $COPIES copies); cores: $(nproc); java: $(java -version 2>&1 | head -1)"
mbps() { echo "scale=1; $BYTES / 1000000 / $1" | bc; }
best_wall=""; best_cpu=""
for r in $(seq "$RUNS"); do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf "$OUT/ds"
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" env NTPGEO_SKIP_BUILD=1 NTPGEO_NO_PROGRESS=1 \
    "$ROOT/ntpgeo" data build --corpus "$IN" -T 6 --tokenizer word --documents blank-line --windows sliding --out "$OUT/ds" > "$OUT/log"
  read -r wall user sys rss < "$OUT/time"
  cpu=$(echo "$user + $sys" | bc)
  printf 'cold run %d: %s s wall (%s MB/s), %s s CPU (user %s + sys %s, %s MB/CPU-s), peak RSS %d MB, load %s; %s\n' \
    "$r" "$wall" "$(mbps "$wall")" "$cpu" "$user" "$sys" "$(mbps "$cpu")" $((rss / 1024)) "$load" "$(cut -d: -f2- "$OUT/log" | head -1 | sed 's/ (.*//')"
  if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc)" = 1 ]; then best_wall=$wall; best_cpu=$cpu; fi
done
printf 'ntpgeo data build, cold, best of %d: %s s wall = %s MB/s (whole process, JVM start included); %s s CPU\n' \
  "$RUNS" "$best_wall" "$(mbps "$best_wall")" "$best_cpu"
if [ "$PY" = 1 ]; then
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S" -o "$OUT/pytime" /usr/bin/python3 "$ROOT/bench/data_counter.py" "$IN" 6 | tee "$OUT/pylog"
  read -r pwall puser psys < "$OUT/pytime"
  pcpu=$(echo "$puser + $psys" | bc)
  printf 'python Counter (whole process): %s s wall = %s MB/s, %s s CPU, load %s\n' "$pwall" "$(mbps "$pwall")" "$pcpu" "$load"
  printf 'ratio ntpgeo / python: %.1fx wall, %.1fx CPU\n' "$(echo "$pwall / $best_wall" | bc -l)" "$(echo "$pcpu / $best_cpu" | bc -l)"
fi
if [ "$WARM" = 1 ]; then
  echo "warm, in process (ntpgeo bench data, line documents, best of 3):"
  NTPGEO_SKIP_BUILD=1 "$ROOT/ntpgeo" bench data --corpus "$IN" --repeat 3 --tokenizers word --no-baseline
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
