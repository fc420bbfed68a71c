#!/usr/bin/env bash
# Whole-process performance of edcal against its performance targets.
#
#   scripts/bench.sh            # N = 100,000 posts, 5 runs each
#   POSTS=50000 RUNS=9 scripts/bench.sh
#   NO_HYPERFINE=1 scripts/bench.sh   # the /usr/bin/time loop even with hyperfine
#
# Generates the calendars (examples/generate.rs) under $BENCH_DIR (default
# target/bench), then times, side by side in the same run: the bare
# single-threaded TOML parse (examples/bare_parse.rs), `edcal check`,
# `edcal plan week 2030-W10`, `plan month 2030-03` (both also as HTML pages),
# `plan range` over the whole of 2030, `edcal schedule` of 10,000 and 20,000 unplaced pairs, the
# peak memory of `check`, and `check` / `plan week` / `plan month` /
# `plan range` on the example calendar. The archive is measured twice: as generated (posts
# before 2026 are `published`, which the publishing rules skip) and with no
# post published (every text measured and searched: the slowest case). Then the results: `edcal results
# import` of a generated export of $RESULTS rows (edcal's own layout, one row per published pair) into
# a copy of the archive (its results/ removed before each run, so each run imports the same thing), and
# `edcal report` (by channel, by campaign, as HTML) and `edcal check` on the archive with $RESULTS
# snapshots in results/. Uses hyperfine when installed (medians), else a loop
# with /usr/bin/time (medians too). Prints one table: measured, target, ok.
set -euo pipefail

cd "$(dirname "$0")/.."
POSTS=${POSTS:-100000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
RESULTS=${RESULTS:-100000}
DIR=${BENCH_DIR:-target/bench}
TODAY=2026-06-15

cargo build --release --quiet --bin edcal --example generate --example bare_parse
BIN=target/release
EDCAL=$BIN/edcal

gen() { # name posts unplaced [generate options]
    if [ ! -f "$DIR/$1/.done" ]; then
        rm -rf "${DIR:?}/$1"
        "$BIN/examples/generate" --posts "$2" --unplaced "$3" --seed "$SEED" --out "$DIR/$1" "${@:4}"
        touch "$DIR/$1/.done"
    fi
}
gen "archive-$POSTS-s$SEED" "$POSTS" 0
gen "unpublished-$POSTS-s$SEED" "$POSTS" 0 --published-until 2021-01-01
gen "unplaced-10000-s$SEED" 1000 10000
gen "unplaced-20000-s$SEED" 1000 20000
EXPORT=$DIR/export-$POSTS-$RESULTS-s$SEED.csv
gen "results-$POSTS-$RESULTS-s$SEED" "$POSTS" 0 --results "$RESULTS" --export "$EXPORT" --export-rows "$RESULTS"
ARCHIVE=$DIR/archive-$POSTS-s$SEED
UNPUBLISHED=$DIR/unpublished-$POSTS-s$SEED
WITH_RESULTS=$DIR/results-$POSTS-$RESULTS-s$SEED
# The archive that `results import` writes into: a copy, its results/
# removed before each run.
IMPORT=$DIR/import-$POSTS-s$SEED
rm -rf "$IMPORT"
cp -r "$ARCHIVE" "$IMPORT"
EXPORT_ROWS=$(($(wc -l <"$EXPORT") - 1))
BYTES=$(find "$ARCHIVE" -name '*.toml' -print0 | xargs -0 cat | wc -c)

# median of numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# seconds (median wall time) of a command line, its output discarded
seconds() {
    if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        # -i: `check` exits 1 on a calendar with errors, still worth timing.
        hyperfine -N -i --style none --warmup 1 --runs "$RUNS" --export-csv "$csv" "$1" >/dev/null 2>&1
        awk -F, 'NR == 2 { print $4 }' "$csv" # command,mean,stddev,median,...
        rm -f "$csv"
    else
        local out
        out=$(mktemp)
        for _ in $(seq "$RUNS"); do
            # shellcheck disable=SC2086
            /usr/bin/time -f '%e' -o "$out" $1 >/dev/null 2>&1 || true
            tail -n 1 "$out"
        done | median
        rm -f "$out"
    fi
}

# seconds (median wall time) of a command line, with a command line run
# (untimed) before each run
seconds_prepared() {
    if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine -N -i --style none --warmup 1 --runs "$RUNS" --prepare "$2" --export-csv "$csv" "$1" >/dev/null 2>&1
        awk -F, 'NR == 2 { print $4 }' "$csv"
        rm -f "$csv"
    else
        local out
        out=$(mktemp)
        for _ in $(seq "$RUNS"); do
            # shellcheck disable=SC2086
            $2 >/dev/null 2>&1 || true
            # shellcheck disable=SC2086
            /usr/bin/time -f '%e' -o "$out" $1 >/dev/null 2>&1 || true
            tail -n 1 "$out"
        done | median
        rm -f "$out"
    fi
}

# peak resident memory (MiB, median) of a command line
peak_mib() {
    local out
    out=$(mktemp)
    for _ in $(seq 3); do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%M' -o "$out" $1 >/dev/null 2>&1 || true
        tail -n 1 "$out"
    done | median | awk '{ printf "%.0f", $1 / 1024 }'
    rm -f "$out"
}

ms() { awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }'; }
row() { printf '| %-44s | %12s | %-28s | %-11s |\n' "$1" "$2" "$3" "$4"; }
# `yes (0.76)`: within the bound, at 0.76 of it
vs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%s (%.2f)", (a <= b ? "yes" : "NO"), a / b }'; }
yes_if() { if awk "BEGIN { exit !($1) }"; then echo yes; else echo NO; fi; }

bare=$(seconds "$BIN/examples/bare_parse $ARCHIVE")
check=$(seconds "$EDCAL check --calendar $ARCHIVE --today $TODAY")
plan=$(seconds "$EDCAL plan week 2030-W10 --calendar $ARCHIVE --today $TODAY")
plan_month=$(seconds "$EDCAL plan month 2030-03 --calendar $ARCHIVE --today $TODAY")
plan_year=$(seconds "$EDCAL plan range 2030-01-01 2030-12-31 --calendar $ARCHIVE --today $TODAY")
plan_html=$(seconds "$EDCAL plan week 2030-W10 --format html --calendar $ARCHIVE --today $TODAY")
month_html=$(seconds "$EDCAL plan month 2030-03 --format html --calendar $ARCHIVE --today $TODAY")
s10=$(seconds "$EDCAL schedule --calendar $DIR/unplaced-10000-s$SEED --today 2026-01-01")
s20=$(seconds "$EDCAL schedule --calendar $DIR/unplaced-20000-s$SEED --today 2026-01-01")
rss=$(peak_mib "$EDCAL check --calendar $ARCHIVE --today $TODAY")
bare_u=$(seconds "$BIN/examples/bare_parse $UNPUBLISHED")
check_u=$(seconds "$EDCAL check --calendar $UNPUBLISHED --today $TODAY")
plan_u=$(seconds "$EDCAL plan week 2030-W10 --calendar $UNPUBLISHED --today $TODAY")
rss_u=$(peak_mib "$EDCAL check --calendar $UNPUBLISHED --today $TODAY")
ex_check=$(seconds "$EDCAL check --calendar calendar --today 2026-11-25")
ex_plan=$(seconds "$EDCAL plan week 2026-W48 --calendar calendar --today 2026-11-25")
ex_month=$(seconds "$EDCAL plan month 2027-03 --calendar calendar --today 2026-11-25")
ex_range=$(seconds "$EDCAL plan range 2027-02-20 2027-03-13 --text --calendar calendar --today 2026-11-25")
import=$(seconds_prepared "$EDCAL results import $EXPORT --from generic --calendar $IMPORT --today $TODAY" "rm -rf $IMPORT/results")
report=$(seconds "$EDCAL report --calendar $WITH_RESULTS --today $TODAY")
report_campaign=$(seconds "$EDCAL report --by campaign --calendar $WITH_RESULTS --today $TODAY")
report_html=$(seconds "$EDCAL report --format html --calendar $WITH_RESULTS --today $TODAY")
check_r=$(seconds "$EDCAL check --calendar $WITH_RESULTS --today $TODAY")
bare2=$(awk -v b="$bare" 'BEGIN { print 2 * b }')

echo
echo "edcal $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $POSTS posts ($((BYTES / 1000000)) MB), medians of $RUNS runs"
echo
row "measure" "median" "target" "ok"
row "--------------------------------------------" "------------" "----------------------------" "-----------"
row "bare toml::Table parse, 1 thread (reference)" "$(ms "$bare")" "" ""
row "edcal check" "$(ms "$check")" "<= bare parse" "$(vs "$check" "$bare")"
row "edcal plan week 2030-W10" "$(ms "$plan")" "<= bare parse" "$(vs "$plan" "$bare")"
row "edcal plan month 2030-03" "$(ms "$plan_month")" "<= bare parse" "$(vs "$plan_month" "$bare")"
row "edcal plan week 2030-W10 --format html" "$(ms "$plan_html")" "<= bare parse" "$(vs "$plan_html" "$bare")"
row "edcal plan month 2030-03 --format html" "$(ms "$month_html")" "<= bare parse" "$(vs "$month_html" "$bare")"
row "edcal plan range, all of 2030" "$(ms "$plan_year")" "<= 2 x bare parse" "$(vs "$plan_year" "$(awk -v b="$bare" 'BEGIN { print 2 * b }')")"
row "edcal schedule, 10,000 unplaced pairs" "$(ms "$s10")" "< 1000 ms" "$(yes_if "$s10 < 1")"
row "edcal schedule, 20,000 unplaced pairs" "$(ms "$s20")" "<= 2.3 x 10,000 ($(ms "$(awk -v a="$s10" 'BEGIN { print 2.3 * a }')"))" "$(yes_if "$s20 <= 2.3 * $s10")"
row "peak memory of edcal check" "$rss MiB" "<= 400 MiB" "$(yes_if "$rss <= 400")"
row "no post published: bare parse (reference)" "$(ms "$bare_u")" "" ""
row "no post published: edcal check" "$(ms "$check_u")" "<= bare parse" "$(vs "$check_u" "$bare_u")"
row "no post published: edcal plan week" "$(ms "$plan_u")" "<= bare parse" "$(vs "$plan_u" "$bare_u")"
row "no post published: peak memory of check" "$rss_u MiB" "<= 400 MiB" "$(yes_if "$rss_u <= 400")"
row "example calendar: edcal check" "$(ms "$ex_check")" "< 20 ms" "$(yes_if "$ex_check < 0.020")"
row "example calendar: edcal plan week" "$(ms "$ex_plan")" "< 20 ms" "$(yes_if "$ex_plan < 0.020")"
row "example calendar: edcal plan month" "$(ms "$ex_month")" "< 20 ms" "$(yes_if "$ex_month < 0.020")"
row "example calendar: plan range 22 days --text" "$(ms "$ex_range")" "< 20 ms" "$(yes_if "$ex_range < 0.020")"
row "results import, $EXPORT_ROWS-row export" "$(ms "$import")" "<= 2 x bare parse" "$(vs "$import" "$bare2")"
row "$RESULTS results: edcal report" "$(ms "$report")" "<= 2 x bare parse" "$(vs "$report" "$bare2")"
row "$RESULTS results: report --by campaign" "$(ms "$report_campaign")" "<= 2 x bare parse" "$(vs "$report_campaign" "$bare2")"
row "$RESULTS results: report --format html" "$(ms "$report_html")" "<= 2 x bare parse" "$(vs "$report_html" "$bare2")"
row "$RESULTS results: edcal check" "$(ms "$check_r")" "<= 2 x bare parse" "$(vs "$check_r" "$bare2")"
