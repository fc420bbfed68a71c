#!/bin/sh
# Builds the seed corpus of the `check` target from every calendar in the
# repository: one seed per (campaign, posts file) pair of each calendar, its
# files joined by NUL bytes in the target's order (see fuzz_targets/check.rs).
# Usage: fuzz/seed.sh [OUT_DIR]   (default: fuzz/corpus/check)
set -eu
cd "$(dirname "$0")/.."
out=${1:-fuzz/corpus/check}
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
