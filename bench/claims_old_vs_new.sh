#!/usr/bin/env bash
# Claims before and after issue 10 on the same runs (docs/REPORTS.md, "Old versus new verdicts"):
#   bench/claims_old_vs_new.sh OLD_CHECKOUT [OUT]
# OLD_CHECKOUT is a checkout of the code to compare with (e.g. `git clone . /tmp/old && git -C /tmp/old checkout
# 6007b88`), built once with `./mvnw -o -DskipTests -pl ntpgeo-cli -am package`. This checkout's CLI must be
# built too. Runs `ntpgeo demo` here (synthetic: UFM, transformer, LSTM; UFM simulation: UFM), writes the
# negative controls of org.ntpgeo.geometry.ControlRuns on both datasets (common vector + noise with random W,
# isotropic noise, the trained UFM's H with shuffled columns, untrained), analyses every run with both CLIs and
# prints a markdown table (OUT/table.md). Under an hour on 2 busy cores; minutes idle.
set -euo pipefail
NEW="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OLD="$(cd "${1:?usage: $0 OLD_CHECKOUT [OUT]}" && pwd)"
OUT="${2:-/tmp/ntpgeo-claims-old-vs-new}"
mkdir -p "$OUT"
DEMO="$OUT/demo"
[ -f "$DEMO/index.html" ] || "$NEW/ntpgeo" demo --out "$DEMO" --no-progress
CP="$NEW/ntpgeo-cli/target/ntpgeo.jar:$NEW/ntpgeo-cli/target/lib/*"
for e in synthetic ufm-simulation; do
  d=$(python3 -c "import json;print(json.load(open('$DEMO/$e/runs/ufm/run.json'))['provenance']['options']['dim'])")
  [ -d "$OUT/controls-$e" ] || java -cp "$CP" "$NEW/bench/claims/MakeControls.java" "$DEMO/$e/data" "$DEMO/$e/runs/ufm" "$OUT/controls-$e" "$d"
  for run in "$DEMO/$e"/runs/* "$OUT/controls-$e"/*; do
    name=$e-$(basename "$run")
    for side in old new; do
      [ -f "$OUT/$side/$name/metrics.json" ] && continue
      root=$OLD; [ $side = new ] && root=$NEW
      NTPGEO_SKIP_BUILD=1 "$root/ntpgeo" analyze --run "$run" --svm "$DEMO/$e/svm" --out "$OUT/$side/$name" > "$OUT/$side-$name.log" 2>&1 \
        || echo "$side $name failed (see $OUT/$side-$name.log)"
    done
  done
done
python3 "$NEW/bench/claims/table.py" "$OUT" | tee "$OUT/table.md"
