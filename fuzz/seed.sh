#!/bin/sh
# Builds the seed corpora from every calendar in the repository:
# - fuzz/corpus/check: one seed per (campaign, posts file) pair of each
#   calendar, its files joined by NUL bytes in the target's order (see
#   fuzz_targets/check.rs);
# - fuzz/corpus/fmt: one seed per calendar file, its kind as first byte.
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
