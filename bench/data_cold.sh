#!/usr/bin/env bash
# Cold-start throughput of 'ntpgeo data build' (issue 12 item 5): a fresh JVM per run, started by ./ntpgeo as a
# user runs it (launcher, build check and class-data archive included), on the shared TinyStories sample
# concatenated COPIES times (about 60 MB for 64; made under /tmp, never committed), word tokenizer, blank-line
# documents, T = 6, sliding windows.
#
# Variants, run alternately (round 1: A B C..., round 2: A B C...) so that a changing load hits them alike:
#   this      ./ntpgeo as it is
#   plain     the same code with the launcher's start-up options undone: no class-data archive (NTPGEO_CDS=0),
#             no JIT directives for data build (NTPGEO_DATA_BUILD_TUNING=0)
#   against   with --against DIR: the ./ntpgeo of another checkout (e.g. `git worktree add /tmp/ntpgeo-main main`),
#             the baseline for a change of code; its output must equal ours byte for byte (checked)
# Then the Python Counter baseline (bench/data_counter.py) on the same file and, unless --no-warm, the warm
# in-process figure of 'ntpgeo bench data'. Prints wall and CPU seconds of each run (from /usr/bin/time), MB/s,
# the medians, the ratios and the load average, since the machine may be shared (CPU seconds are what the load
# hides least; under heavy load even they grow).
# --bytes N uses only the first N bytes of that input: with a small N (e.g. 2000) the runs measure the fixed cost of
# one process (launcher, JVM start, command-line set-up, writing the files), which the 60 MB run pays as well.
# --gap S pauses S seconds before every run (default 3). This VM class hands memory that a process freed back to the
# host a few seconds later (most likely the kernel's free page reporting), and touching such memory again costs more,
# most of all in huge pages (docs/DATA.md, "Cold start: huge pages"): a user's one run meets that memory, runs started
# back to back mostly reuse memory that the previous run has just freed. --gap 0 runs back to back.
# Usage: bench/data_cold.sh [--runs N] [--copies C] [--bytes N] [--gap S] [--against DIR] [--no-plain] [--no-python] [--no-warm]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=3; COPIES=64; PY=1; WARM=1; PLAIN=1; AGAINST=""; HEAD=""; GAP=3
usage() { echo "usage: bench/data_cold.sh [--runs N] [--copies C] [--bytes N] [--gap S] [--against DIR] [--no-plain] [--no-python] [--no-warm]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --copies) COPIES="$2"; shift 2 ;;
    --bytes) HEAD="$2"; shift 2 ;;
    --gap) GAP="$2"; shift 2 ;;
    --against) AGAINST="$(cd "$2" && pwd)"; shift 2 ;;
    --no-plain) PLAIN=0; shift ;;
    --no-python) PY=0; shift ;;
    --no-warm) WARM=0; shift ;;
    *) usage ;;
  esac
done
[[ "$GAP" =~ ^[0-9]+([.][0-9]+)?$ ]] || usage
[ -z "$AGAINST" ] || [ -x "$AGAINST/ntpgeo" ] || { echo "--against: no ntpgeo launcher in $AGAINST" >&2; exit 2; }
. "$ROOT/bench/tinystories-input.sh"
IN="$(tinystories_input "$COPIES")"
OUT="$(mktemp -d /tmp/ntpgeo-bench-out.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
if [ -n "$HEAD" ]; then
  [[ "$HEAD" =~ ^[1-9][0-9]*$ ]] || usage
  head -c "$HEAD" "$IN" >"$OUT/head.txt"
  IN="$OUT/head.txt"
fi
BYTES=$(stat -c %s "$IN")
# build (and make the class-data archive) outside the timed region
"$ROOT/ntpgeo" --version >/dev/null
[ -z "$AGAINST" ] || "$AGAINST/ntpgeo" --version >/dev/null
echo "input: $IN ($BYTES bytes, $COPIES copies); gap before each run: $GAP s; cores: $(nproc); java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
mbps() { echo "scale=3; $BYTES / 1000000 / $1" | bc; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

NAMES=(this); LAUNCHERS=("$ROOT/ntpgeo"); ENVS=("")
if [ "$PLAIN" = 1 ]; then NAMES+=(plain); LAUNCHERS+=("$ROOT/ntpgeo"); ENVS+=("NTPGEO_CDS=0 NTPGEO_DATA_BUILD_TUNING=0"); fi
if [ -n "$AGAINST" ]; then NAMES+=(against); LAUNCHERS+=("$AGAINST/ntpgeo"); ENVS+=(""); fi
declare -A WALLS CPUS
for r in $(seq "$RUNS"); do
  for v in "${!NAMES[@]}"; do
    name="${NAMES[$v]}"
    sleep "$GAP"
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    rm -rf "$OUT/$name"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" env NTPGEO_NO_PROGRESS=1 ${ENVS[$v]} "${LAUNCHERS[$v]}" data build --corpus "$IN" \
      -T 6 --tokenizer word --documents blank-line --windows sliding --out "$OUT/$name" > "$OUT/log"
    read -r wall user sys rss < <(tail -1 "$OUT/time")
    cpu=$(echo "$user + $sys" | bc)
    WALLS[$name]="${WALLS[$name]:-} $wall"; CPUS[$name]="${CPUS[$name]:-} $cpu"
    printf '%-7s run %d: %5s s wall (%5s MB/s), %5s s CPU (user %s + sys %s), peak RSS %d MB, load %s; %s\n' \
      "$name" "$r" "$wall" "$(mbps "$wall")" "$cpu" "$user" "$sys" $((rss / 1024)) "$load" "$(cut -d: -f2- "$OUT/log" | head -1 | sed 's/ (.*//')"
  done
  for name in "${NAMES[@]}"; do
    [ "$name" = this ] && continue
    cmp -s "$OUT/this/dataset.npz" "$OUT/$name/dataset.npz" || { echo "dataset.npz of '$name' differs from 'this'" >&2; exit 1; }
    # dataset.json names the output-independent input path only, so the files must be equal as well
    cmp -s "$OUT/this/dataset.json" "$OUT/$name/dataset.json" || { echo "dataset.json of '$name' differs from 'this'" >&2; exit 1; }
  done
done
echo "medians over $RUNS runs (whole process, JVM start included):"
for name in "${NAMES[@]}"; do
  w=$(echo "${WALLS[$name]}" | median); c=$(echo "${CPUS[$name]}" | median)
  printf '  %-7s %5s s wall = %5s MB/s, %5s s CPU\n' "$name" "$w" "$(mbps "$w")" "$c"
done
tw=$(echo "${WALLS[this]}" | median); tc=$(echo "${CPUS[this]}" | median)
for name in "${NAMES[@]}"; do
  [ "$name" = this ] && continue
  w=$(echo "${WALLS[$name]}" | median); c=$(echo "${CPUS[$name]}" | median)
  printf 'ratio %s / this: %.2fx wall, %.2fx CPU\n' "$name" "$(echo "$w / $tw" | bc -l)" "$(echo "$c / $tc" | bc -l)"
done
if [ "$PY" = 1 ]; then
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S" -o "$OUT/pytime" /usr/bin/python3 "$ROOT/bench/data_counter.py" "$IN" 6 | tee "$OUT/pylog"
  read -r pwall puser psys < <(tail -1 "$OUT/pytime")
  pcpu=$(echo "$puser + $psys" | bc)
  printf 'python Counter (whole process): %s s wall = %s MB/s, %s s CPU, load %s\n' "$pwall" "$(mbps "$pwall")" "$pcpu" "$load"
  printf 'ratio python / this: %.1fx wall, %.1fx CPU\n' "$(echo "$pwall / $tw" | bc -l)" "$(echo "$pcpu / $tc" | bc -l)"
fi
if [ "$WARM" = 1 ]; then
  echo "warm, in process (ntpgeo bench data, line documents, best of 3):"
  NTPGEO_SKIP_BUILD=1 "$ROOT/ntpgeo" bench data --corpus "$IN" --repeat 3 --tokenizers word --no-baseline
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
