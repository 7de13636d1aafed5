# Sourced by the benchmarks: tinystories_input COPIES prints the path of a file under /tmp made of the shared
# TinyStories sample (../shared/data/tinystories/train-first-1000.txt) concatenated COPIES times, making it once
# (never commit it). ROOT must be the repository root.
tinystories_input() {
  local copies="$1" src="" d
  for d in "$ROOT/.." "$ROOT/../.." "$ROOT/../../.."; do
    [ -f "$d/shared/data/tinystories/train-first-1000.txt" ] && src="$d/shared/data/tinystories/train-first-1000.txt" && break
  done
  [ -n "$src" ] || { echo "shared/data/tinystories/train-first-1000.txt not found" >&2; return 2; }
  local in="/tmp/ntpgeo-bench-tinystories-x$copies.txt"
  if [ ! -f "$in" ]; then
    for _ in $(seq "$copies"); do cat "$src"; done > "$in.part" && mv "$in.part" "$in"
  fi
  echo "$in"
}
