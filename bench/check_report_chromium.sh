#!/usr/bin/env bash
# Render an ntpgeo report in headless Chromium (Debian's `chromium` package) and check that
#   - the page loads from disk with no network,
#   - every <img> loaded (complete and naturalWidth > 0),
#   - the browser logged no console errors / failed resource loads.
# Usage: bench/check_report_chromium.sh REPORT_DIR [SCREENSHOT.png]
# The report is copied to a temporary directory; a copy of index.html gets a small checking script appended
# (the report itself has no scripts). Exit 0 = all good, 1 = a check failed, 2 = usage / no chromium.
set -euo pipefail
REPORT="${1:?usage: $0 REPORT_DIR [SCREENSHOT.png]}"
SHOT="${2:-}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "check_report_chromium: $CHROMIUM not found (apt-get install -y chromium)" >&2; exit 2; }
[ -f "$REPORT/index.html" ] || { echo "check_report_chromium: $REPORT/index.html not found" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$REPORT" "$WORK/report"
PAGE="$WORK/report/.check.html"
sed 's#</body>#<script>window.addEventListener("load",function(){var i=document.images,bad=[];for(var k=0;k<i.length;k++){if(!i[k].complete||i[k].naturalWidth===0)bad.push(i[k].getAttribute("src"));}document.body.setAttribute("data-ntpgeo-check","images="+i.length+";broken="+bad.length+";"+bad.join(","));});</script></body>#' \
  "$WORK/report/index.html" > "$PAGE"

FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync
       --no-first-run --disable-extensions --disable-default-apps --mute-audio --hide-scrollbars
       --enable-logging=stderr --v=0 --virtual-time-budget=10000)

timeout 120 "$CHROMIUM" "${FLAGS[@]}" --user-data-dir="$WORK/profile1" --dump-dom "file://$PAGE" > "$WORK/dom.html" 2> "$WORK/log1.txt" || true
# the unmodified page, for console errors of the report itself (and the screenshot)
timeout 120 "$CHROMIUM" "${FLAGS[@]}" --user-data-dir="$WORK/profile2" --window-size=1280,2400 \
  --screenshot="$WORK/shot.png" "file://$WORK/report/index.html" > /dev/null 2> "$WORK/log2.txt" || true

status=0
result="$(grep -o 'data-ntpgeo-check="[^"]*"' "$WORK/dom.html" || true)"
if [ -z "$result" ]; then
  echo "FAIL: the page did not finish loading (no check result in the DOM)"; status=1
else
  images="$(sed -E 's/.*images=([0-9]+);.*/\1/' <<<"$result")"
  broken="$(sed -E 's/.*broken=([0-9]+);.*/\1/' <<<"$result")"
  echo "images: $images, broken: $broken"
  if [ "$images" -eq 0 ]; then echo "FAIL: no images on the page"; status=1; fi
  if [ "$broken" -ne 0 ]; then echo "FAIL: broken images: $result"; status=1; fi
fi
errors="$(cat "$WORK/log1.txt" "$WORK/log2.txt" | grep -E 'CONSOLE|ERR_FILE_NOT_FOUND|Failed to load resource|Uncaught' || true)"
if [ -n "$errors" ]; then echo "FAIL: console messages:"; echo "$errors"; status=1; else echo "console: no errors"; fi
if [ -n "$SHOT" ]; then
  if [ -s "$WORK/shot.png" ]; then cp "$WORK/shot.png" "$SHOT"; echo "screenshot: $SHOT"; else echo "FAIL: no screenshot"; status=1; fi
fi
[ "$status" -eq 0 ] && echo "OK: $REPORT/index.html renders in headless Chromium"
exit "$status"
