#!/usr/bin/env bash
# The screenshots of the manual (docs/img/): the example calendar's
# Octobre Rose week as an HTML plan, and a physician's review sheet, as
# headless Chromium shows them at 1600 × 1000, and the figures review of
# Octobre Rose at 1000 × 1400. Needs chromium
# (`apt-get install chromium`). Run from anywhere; rewrites the three PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
edcal=target/debug/edcal
$edcal plan week 2026-W41 --today 2026-11-25 --format html --embed-media -o "$tmp/w41.html"
$edcal review-sheet --by dr-benhamou --today 2026-11-25 --embed-media -o "$tmp/sheet.html"
$edcal report --campaign octobre-rose-2026 --today 2026-11-25 --format html -o "$tmp/report.html"
shot() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$tmp/profile" --hide-scrollbars \
    --screenshot="$2" --window-size="${3:-1600,1000}" "file://$1" 2>/dev/null
}
mkdir -p docs/img
shot "$tmp/w41.html" docs/img/plan-week-w41.png
shot "$tmp/sheet.html" docs/img/review-sheet.png
shot "$tmp/report.html" docs/img/report-octobre-rose.png 1000,1400
ls -l docs/img
