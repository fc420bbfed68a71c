#!/bin/sh
# Builds the seed corpora from every calendar in the repository:
# - fuzz/corpus/check: one seed per (campaign, posts file) pair of each
#   calendar, its files joined by NUL bytes in the target's order (see
#   fuzz_targets/check.rs);
# - fuzz/corpus/fmt: one seed per calendar file, its kind as first byte;
# - fuzz/corpus/results: each export and results file of the repository
#   (CSV, ZIP, spreadsheets) twice: with the first byte 0 (the layout is
#   detected) and with a byte that names a layout (see
#   fuzz_targets/results.rs), cycling through the layouts.
# Usage: fuzz/seed.sh
set -eu
cd "$(dirname "$0")/.."
out=fuzz/corpus/check
mkdir -p "$out"
n=0
for cal in calendar examples/*/ tests/fixtures/*/ tests/fixtures/*/*/; do
    cal=${cal%/}
    [ -f "$cal/edcal.toml" ] || continue
    campaigns=$(find "$cal/campaigns" -name '*.toml' 2>/dev/null | sort)
    posts=$(find "$cal/posts" -name '*.toml' 2>/dev/null | sort)
    for campaign in ${campaigns:-/dev/null}; do
        prev=/dev/null
        for post in ${posts:-/dev/null}; do
            n=$((n + 1))
            for f in "$cal/edcal.toml" "$cal/channels.toml" "$cal/consents.toml" \
                "$campaign" "$post" "$prev"; do
                [ -f "$f" ] && cat "$f"
                [ "$f" = "$prev" ] || printf '\0'
            done >"$out/seed-$n"
            prev=$post
        done
    done
done
echo "$n seeds in $out"

out=fuzz/corpus/fmt
mkdir -p "$out"
n=0
for f in $(find calendar examples tests/fixtures tests/cmd -name '*.toml' | sort); do
    case $f in
    */edcal.toml) kind='\000' ;;
    */channels.toml) kind='\001' ;;
    */consents.toml) kind='\002' ;;
    */campaigns/*) kind='\003' ;;
    */posts/*) kind='\004' ;;
    *) continue ;;
    esac
    n=$((n + 1))
    { printf "$kind"; cat "$f"; } >"$out/seed-$n"
done
echo "$n seeds in $out"

out=fuzz/corpus/results
mkdir -p "$out"
n=0
# One file a line: some names have spaces (`Table data.csv`).
IFS='
'
for f in $(find calendar examples tests -type f \( -name '*.csv' -o -name '*.xlsx' \
    -o -name '*.xls' -o -name '*.zip' \) | sort); do
    n=$((n + 1))
    { printf '\000'; cat "$f"; } >"$out/seed-$n-detect"
    layout=$(printf '\\%03o' $((n % 9 + 1)))
    { printf "$layout"; cat "$f"; } >"$out/seed-$n-given"
done
echo "$((2 * n)) seeds in $out"
