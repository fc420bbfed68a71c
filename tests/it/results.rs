//! `edcal results import` and `edcal report`: the real binary on a copy of
//! `tests/fixtures/results/calendar`, fed the exports of
//! `tests/fixtures/results/exports/` (one per layout, in the layout its
//! vendor documents, with the quirks real files have). Every figure is
//! looked up in the stored `results/<channel>.csv` on the post it belongs
//! to, and the report's sums are recomputed from those rows.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{repo_path, temp_copy};

const CALENDAR: &str = "tests/fixtures/results/calendar";
const EXPORTS: &str = "tests/fixtures/results/exports";
const TODAY: &str = "2026-12-01";

/// Every export the fixture calendar's posts appear in.
const ALL: [&str; 8] = [
    "Oct-01-2026_Oct-31-2026_61550012345678.csv",
    "facebook-legacy.csv",
    "instagram-content.csv",
    "tweet_activity_metrics_CliniqueRes_20261001_20261031_fr.csv",
    "account_analytics_content_2026-10-01_2026-11-30.csv",
    "clinique-des-resultats_content_1793610900000.csv",
    "Table data.csv",
    "Content.csv",
];

fn root() -> PathBuf {
    repo_path("")
}

/// A scratch copy of the fixture calendar.
fn calendar() -> tempfile::TempDir {
    temp_copy(CALENDAR)
}

fn edcal(calendar: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edcal"))
        .args(args)
        .args(["--calendar", calendar.to_str().unwrap(), "--today", TODAY])
        .current_dir(root())
        .env_remove("EDCAL_CALENDAR")
        .env_remove("EDCAL_TODAY")
        .env("NO_COLOR", "1")
        .output()
        .expect("edcal runs")
}

fn import(calendar: &Path, exports: &[&str], extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec!["results".into(), "import".into()];
    args.extend(exports.iter().map(|e| format!("{EXPORTS}/{e}")));
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    edcal(calendar, &args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The rows of `results/<channel>.csv`, each as column → value.
fn stored(calendar: &Path, channel: &str) -> Vec<BTreeMap<String, String>> {
    let path = calendar.join(format!("results/{channel}.csv"));
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The row of one snapshot.
fn snapshot(
    calendar: &Path,
    channel: &str,
    post: &str,
    collected_on: &str,
) -> BTreeMap<String, String> {
    let rows = stored(calendar, channel);
    let found: Vec<_> = rows
        .into_iter()
        .filter(|r| r["post"] == post && r["collected_on"] == collected_on)
        .collect();
    assert_eq!(found.len(), 1, "{channel} {post} {collected_on}: {found:?}");
    found.into_iter().next().unwrap()
}

/// Every file under `results/`, name → bytes.
fn results_files(calendar: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(calendar.join("results"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A snapshot expected: channel, post, collected_on, and figures as
/// (column, value), "" for "no figure".
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[test]
fn every_figure_lands_on_its_post() {
    let dir = calendar();
    let out = import(dir.path(), &ALL, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let expected: &[Expected] = &[
        // Meta Business Suite: BOM, `Reactions, Comments and Shares` beside
        // `Reactions`, an Excel-mangled `Post ID`, times in US Pacific. The
        // two pages are 30 minutes apart: the text tells them apart.
        (
            "facebook",
            "fb-depistage",
            "2026-10-31",
            &[
                ("published_at", "2026-10-06T12:30:00+02:00"),
                (
                    "url",
                    "https://www.facebook.com/cliniqueresultats/posts/pfbid0Dep1st4ge",
                ),
                ("impressions", "4210"),
                ("reach", "3120"),
                ("likes", "150"),
                ("comments", "22"),
                ("shares", "15"),
                ("saves", ""),
                ("clicks", "96"),
                ("engagements", "187"),
                ("source", "meta-facebook"),
            ],
        ),
        (
            "facebook-rh",
            "fb-recrutement",
            "2026-10-31",
            &[
                ("impressions", "1905"),
                ("reach", "1488"),
                ("likes", "51"),
                ("engagements", "64"),
            ],
        ),
        // A multi-line caption.
        (
            "facebook",
            "fb-portes-ouvertes",
            "2026-10-31",
            &[
                ("impressions", "2630"),
                ("reach", "2044"),
                ("likes", "80"),
                ("comments", "9"),
                ("shares", "6"),
                ("clicks", "41"),
                ("engagements", "95"),
            ],
        ),
        // The older Page Insights export: a description row, a 12-hour clock,
        // no total of engagements.
        (
            "facebook",
            "fb-portes-ouvertes",
            TODAY,
            &[
                ("impressions", "3302"),
                ("reach", "2510"),
                ("likes", "97"),
                ("comments", "11"),
                ("shares", "8"),
                ("clicks", "57"),
                ("engagements", ""),
            ],
        ),
        // Instagram: BOM, multi-line captions; a collaborator's row is left out.
        (
            "instagram",
            "ig-yoga",
            TODAY,
            &[
                ("impressions", "5120"),
                ("reach", "3390"),
                ("likes", "388"),
                ("comments", "17"),
                ("shares", "41"),
                ("saves", "52"),
                ("url", "https://www.instagram.com/reel/DQyoga00001/"),
            ],
        ),
        (
            "instagram",
            "ig-carrousel",
            TODAY,
            &[("impressions", "2980"), ("reach", "2210"), ("saves", "96")],
        ),
        // X classic: numbers as `1830.0`, `-` for promoted figures.
        (
            "x",
            "x-communique",
            "2026-10-31",
            &[
                ("impressions", "1830"),
                ("engagements", "64"),
                ("likes", "21"),
                ("comments", "3"),
                ("shares", "9"),
                ("clicks", "27"),
                ("video_views", "0"),
                ("source", "x-classic"),
            ],
        ),
        // X since 2024: a later snapshot of the same post, `"2,105"`.
        (
            "x",
            "x-communique",
            "2026-11-30",
            &[
                ("impressions", "2105"),
                ("engagements", "81"),
                ("saves", "3"),
                ("source", "x"),
            ],
        ),
        // A mangled id (`2.10953E+18`): the time comes from the link's id.
        (
            "x",
            "x-chiffres",
            "2026-11-30",
            &[
                ("impressions", "1234"),
                ("likes", "40"),
                ("engagements", "75"),
                ("clicks", "14"),
            ],
        ),
        // LinkedIn: a note row above the header, a day without time, a cut
        // caption; two posts a day apart, told apart by their text.
        (
            "linkedin",
            "li-recrutement",
            "2026-11-02",
            &[
                ("impressions", "2950"),
                ("reach", ""),
                ("likes", "61"),
                ("comments", "7"),
                ("shares", "5"),
                ("clicks", "88"),
                ("video_views", ""),
            ],
        ),
        (
            "linkedin",
            "li-partenariat",
            "2026-11-02",
            &[("impressions", "1720"), ("likes", "44"), ("clicks", "35")],
        ),
        // YouTube in French: `Total` row, `1 392` with a narrow no-break
        // space, `10 oct. 2026`, an id starting with a space and a dash.
        (
            "youtube",
            "yt-visite",
            TODAY,
            &[
                ("video_views", "1392"),
                ("likes", "48"),
                ("comments", "6"),
                ("shares", "9"),
                ("url", "https://youtu.be/-Xq3kT9vB2c"),
            ],
        ),
        // TikTok: `7 octobre`, no year; the video id gives the second.
        (
            "tiktok",
            "tt-coulisses",
            TODAY,
            &[
                ("video_views", "15204"),
                ("impressions", "15204"),
                ("likes", "812"),
                ("comments", "19"),
                ("shares", "33"),
            ],
        ),
    ];
    for (channel, post, collected, figures) in expected {
        let row = snapshot(dir.path(), channel, post, collected);
        assert_eq!(row["channel"], *channel);
        for (column, value) in *figures {
            assert_eq!(
                row[*column], *value,
                "{channel} {post} {collected}: {column}"
            );
        }
    }
    let total: usize = [
        "facebook",
        "facebook-rh",
        "instagram",
        "x",
        "linkedin",
        "youtube",
        "tiktok",
    ]
    .iter()
    .map(|c| stored(dir.path(), c).len())
    .sum();
    assert_eq!(total, expected.len(), "no other row was stored");
}

#[test]
fn unmatched_rows_are_listed_and_not_stored() {
    let dir = calendar();
    let out = import(dir.path(), &ALL, &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for line in [
        "Oct-01-2026_Oct-31-2026_61550012345678.csv: meta-facebook layout, 4 rows, 3 matched, 1 not imported; collected on 2026-10-31",
        "  line 7: unmatched: no published pair around 2026-10-20 08:00 PDT",
        "instagram-content.csv: meta-instagram layout, 3 rows, 2 matched, 1 not imported; collected on 2026-12-01",
        "  line 4: unmatched: no published pair around 2026-10-09 02:00 PDT",
        "Table data.csv: youtube layout, 2 rows, 1 matched, 1 not imported; collected on 2026-12-01",
        "  line 4: unmatched: no published pair around 2025-01-08",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} not in\n{text}");
    }
    let urls: Vec<String> = stored(dir.path(), "instagram")
        .into_iter()
        .map(|r| r["url"].clone())
        .collect();
    assert!(!urls.iter().any(|u| u.contains("DQcollab002")), "{urls:?}");
}

#[test]
fn importing_twice_changes_nothing() {
    let dir = calendar();
    import(dir.path(), &ALL, &[]);
    let first = results_files(dir.path());
    assert_eq!(first.len(), 7);
    let again = import(dir.path(), &ALL, &[]);
    assert_eq!(results_files(dir.path()), first, "bytes changed");
    let text = stdout(&again);
    assert_eq!(text.matches(": unchanged").count(), 7, "{text}");
    // One file again, alone: unchanged too.
    let one = import(dir.path(), &["Content.csv"], &[]);
    assert!(stdout(&one).ends_with("results/tiktok.csv: unchanged\n"));
    assert_eq!(results_files(dir.path()), first);
}

#[test]
fn a_later_snapshot_adds_a_row() {
    let dir = calendar();
    import(dir.path(), &["Content.csv"], &[]);
    let out = import(dir.path(), &["Content.csv"], &["--collected", "2026-12-15"]);
    assert!(stdout(&out).contains("results/tiktok.csv: 1 snapshot added"));
    let days: Vec<String> = stored(dir.path(), "tiktok")
        .into_iter()
        .map(|r| r["collected_on"].clone())
        .collect();
    assert_eq!(days, ["2026-12-01", "2026-12-15"]);
}

#[test]
fn a_channel_named_keeps_the_other_page_out() {
    let dir = calendar();
    let out = import(
        dir.path(),
        &["Oct-01-2026_Oct-31-2026_61550012345678.csv"],
        &["--channel", "facebook-rh"],
    );
    let text = stdout(&out);
    assert!(text.contains("4 rows, 1 matched, 3 not imported"), "{text}");
    assert_eq!(stored(dir.path(), "facebook-rh").len(), 1);
    assert!(!dir.path().join("results/facebook.csv").exists());
}

#[test]
fn a_file_without_the_columns_is_refused_and_nothing_written() {
    let dir = calendar();
    let out = import(dir.path(), &["missing-columns.csv"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("lacks `Publish time`"), "{err}");
    assert!(
        err.contains(
            "columns found: `Post ID`, `Account username`, `Description`, `Views`, `Likes`"
        ),
        "{err}"
    );
    assert!(err.contains("columns expected: `Publish time`"), "{err}");
    assert!(!dir.path().join("results").exists());
}

#[test]
fn two_rows_on_one_pair_are_both_left_out() {
    let dir = calendar();
    let file = dir.path().join("twice.csv");
    fs::write(
        &file,
        "post,channel,published_at,impressions\n\
         ig-yoga,instagram,,10\n\
         ig-yoga,instagram,,12\n\
         ig-carrousel,instagram,,7\n",
    )
    .unwrap();
    let out = edcal(
        dir.path(),
        &[
            "results",
            "import",
            file.to_str().unwrap(),
            "--from",
            "generic",
        ],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "  line 2: ambiguous: lines 2, 3 all match `ig-yoga` on `instagram`; none kept"
        ),
        "{text}"
    );
    let rows = stored(dir.path(), "instagram");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["post"], "ig-carrousel");
}

/// The engagements of a stored row, as the report defines them.
fn engagements(row: &BTreeMap<String, String>) -> Option<u64> {
    let n = |c: &str| row[c].parse::<u64>().ok();
    n("engagements").or_else(|| {
        let parts: Vec<u64> = ["likes", "comments", "shares", "saves"]
            .iter()
            .filter_map(|c| n(c))
            .collect();
        (!parts.is_empty()).then(|| parts.iter().sum())
    })
}

#[test]
fn the_report_sums_are_the_stored_rows_sums() {
    let dir = calendar();
    import(dir.path(), &ALL, &[]);
    let out = edcal(
        dir.path(),
        &["report", "--format", "json", "--by", "channel"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Recomputed from the files: the latest snapshot of each pair.
    let mut latest: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    for channel in [
        "facebook",
        "facebook-rh",
        "instagram",
        "x",
        "linkedin",
        "youtube",
        "tiktok",
    ] {
        for row in stored(dir.path(), channel) {
            let key = (row["post"].clone(), row["channel"].clone());
            if latest
                .get(&key)
                .is_none_or(|old| old["collected_on"] < row["collected_on"])
            {
                latest.insert(key, row);
            }
        }
    }
    let mut by_channel: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    for row in latest.values() {
        let sums = by_channel.entry(row["channel"].clone()).or_default();
        sums[0] += row["impressions"].parse::<u64>().unwrap_or(0);
        sums[1] += row["reach"].parse::<u64>().unwrap_or(0);
        sums[2] += engagements(row).unwrap_or(0);
    }
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), by_channel.len());
    let mut all = [0u64; 3];
    for group in groups {
        let channel = group["key"][0].as_str().unwrap();
        let sums = by_channel[channel];
        // `null` where no pair of the group has the figure.
        let got = [
            group["impressions"].as_u64().unwrap_or(0),
            group["reach"].as_u64().unwrap_or(0),
            group["engagements"].as_u64().unwrap_or(0),
        ];
        assert_eq!(got, sums, "{channel}");
        for k in 0..3 {
            all[k] += sums[k];
        }
    }
    let total = &report["total"];
    assert_eq!(
        [
            total["impressions"].as_u64().unwrap(),
            total["reach"].as_u64().unwrap(),
            total["engagements"].as_u64().unwrap()
        ],
        all
    );
    // 11 published pairs and 2 planned ones (a draft on two channels).
    assert_eq!(total["planned"], 13);
    assert_eq!(total["published"], 11);
    assert_eq!(total["measured"], 11);
    // The legacy export's later snapshot is the one counted.
    let facebook = groups.iter().find(|g| g["key"][0] == "facebook").unwrap();
    assert_eq!(facebook["impressions"], 4210 + 3302);
    // The rate: engagements over reach, else impressions, summed per group.
    let li = groups.iter().find(|g| g["key"][0] == "linkedin").unwrap();
    let rate = li["engagement_rate"].as_f64().unwrap();
    let expected = f64::from(61 + 7 + 5 + 44 + 3 + 6) / f64::from(2950 + 1720);
    assert!((rate - expected).abs() < 1e-12, "{rate} vs {expected}");
}

#[test]
fn the_campaign_report_counts_its_planned_pairs() {
    let dir = calendar();
    import(dir.path(), &ALL, &[]);
    let out = edcal(
        dir.path(),
        &["report", "--campaign", "octobre", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "channel,planned,published,measured,impressions,reach,engagements,engagement_rate"
    );
    // facebook: fb-depistage, fb-portes-ouvertes and the draft.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("facebook,3,2,2,7512,5630,")),
        "{text}"
    );
    assert!(lines.last().unwrap().starts_with("total,8,6,6,"), "{text}");
}

#[test]
fn check_points_at_the_cell() {
    let dir = calendar();
    fs::create_dir_all(dir.path().join("results")).unwrap();
    fs::write(
        dir.path().join("results/x.csv"),
        "post,channel,published_at,url,impressions,reach,likes,comments,shares,saves,clicks,video_views,engagements,collected_on,source\n\
         x-chiffres,x,,,12k,,,,,,,,,2026-11-30,x\n\
         x-chiffre,x,,,12,,,,,,,,,2026-11-30,x\n",
    )
    .unwrap();
    fs::write(dir.path().join("results/pinterest.csv"), "").unwrap();
    let out = edcal(dir.path(), &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[results-format]: `impressions` is `12k`"),
        "{text}"
    );
    assert!(text.contains("--> results/x.csv:2:16"), "{text}");
    assert!(
        text.contains("warning[results-unknown]: results of post `x-chiffre`"),
        "{text}"
    );
    assert!(text.contains("--> results/x.csv:3:1"), "{text}");
    assert!(text.contains("did you mean `x-chiffres`?"), "{text}");
    assert!(text.contains("results of channel `pinterest`"), "{text}");
}

#[test]
fn the_manual_shows_every_layout() {
    let table = edcal::results::format::markdown_table();
    let text = fs::read_to_string(root().join("docs/results.md")).unwrap();
    assert!(
        text.contains(table.trim_end()),
        "docs/results.md does not show the current table; replace it with:\n{table}"
    );
}

// ---------------------------------------------------------------------------
// Exports are hostile: caps before reading, no panic on any bytes.
// ---------------------------------------------------------------------------

fn options() -> edcal::results::read::Options {
    edcal::results::read::Options {
        format: None,
        zone: None,
        calendar_tz: chrono_tz::Europe::Paris,
        collected: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    }
}

fn refusal(bytes: &[u8]) -> String {
    format!(
        "{:#}",
        edcal::results::read::parse(bytes, &options()).expect_err("refused")
    )
}

#[test]
fn files_over_the_caps_are_refused() {
    let header = "\"Post ID\",\"Account username\",\"Publish time\",Views\n";
    let wide = format!("{header}{}\n", vec!["1"; 513].join(","));
    assert!(refusal(wide.as_bytes()).contains("line 2 has 513 columns"));
    let mut long = String::from(header);
    for _ in 0..=edcal::results::read::MAX_ROWS + 1 {
        long.push_str("1,a,10/07/2026 10:00,5\n");
    }
    assert!(refusal(long.as_bytes()).contains("more than 200000 rows"));
    // Over 64 MiB on disk: refused from its size, before it is read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    fs::File::create(&big)
        .unwrap()
        .set_len(edcal::results::read::MAX_BYTES + 1)
        .unwrap();
    let err = edcal::results::read::read_file(&big, &options()).unwrap_err();
    assert!(
        format!("{err:#}").contains("exports over 64 MiB are not read"),
        "{err:#}"
    );
}

#[test]
fn other_encodings_and_containers_are_refused_with_the_way_out() {
    assert!(refusal(b"\xFF\xFEs\0e\0p\0").contains("UTF-16"));
    assert!(refusal(b"PK\x03\x04rest").contains("not a readable ZIP archive"));
    assert!(refusal(b"\xD0\xCF\x11\xE0rest").contains("not a spreadsheet calamine can read"));
    assert!(refusal(b"Post ID,Publish time\n1,\xE9t\xE9\n").contains("line 2 is not UTF-8"));
    assert!(refusal(b"").contains("empty"));
}

#[test]
fn a_french_spreadsheet_s_semicolons_are_read() {
    let text = "\u{feff}\"Post ID\";\"Account username\";\"Publish time\";Permalink;Views;Reach;Likes\n\
                1;c;10/07/2026 10:00;https://www.instagram.com/reel/A/;5 120;3390;388\n";
    let export = edcal::results::read::parse(text.as_bytes(), &options()).unwrap();
    assert_eq!(export.format.name, "meta-instagram");
    let m = export.rows[0].metrics;
    assert_eq!(m.get(edcal::results::Metric::Impressions), Some(5120));
    assert_eq!(m.get(edcal::results::Metric::Likes), Some(388));
}

proptest::proptest! {
    #[test]
    fn no_bytes_make_the_readers_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = edcal::results::read::parse(&bytes, &options());
        let text = String::from_utf8_lossy(&bytes);
        let _ = edcal::results::store::parse(&text, "x");
    }

    #[test]
    fn no_csv_like_text_makes_the_readers_panic(
        text in "(\"Post ID\",\"Page ID\",\"Publish time\",Reach,Reactions\n)?([0-9a-zA-Z ,;\"\n/:.E+-]{0,200})"
    ) {
        let _ = edcal::results::read::parse(text.as_bytes(), &options());
        let stored = format!("{}\n{text}", edcal::results::store::HEADER.join(","));
        let _ = edcal::results::store::parse(&stored, "x");
    }
}

#[test]
fn spreadsheets_and_archives_are_read() {
    let dir = calendar();
    let out = import(
        dir.path(),
        &[
            "clinique-des-resultats_content_1794960000000.xlsx",
            "youtube-2026-10.zip",
        ],
        &[],
    );
    let text = stdout(&out);
    // LinkedIn's workbook: the `All posts` sheet (not `Metrics`), a note
    // row, dates as spreadsheet dates; the export's stamp in the file name.
    assert!(
        text.contains("clinique-des-resultats_content_1794960000000.xlsx: linkedin layout, 2 rows, 2 matched; collected on 2026-11-18"),
        "{text}"
    );
    let row = snapshot(dir.path(), "linkedin", "li-recrutement", "2026-11-18");
    assert_eq!(
        (
            row["impressions"].as_str(),
            row["likes"].as_str(),
            row["clicks"].as_str()
        ),
        ("3120", "66", "93")
    );
    // YouTube's archive: `Table data.csv`, not the chart or the totals.
    assert!(
        text.contains("youtube-2026-10.zip: youtube layout, 2 rows, 1 matched, 1 not imported"),
        "{text}"
    );
    let row = snapshot(dir.path(), "youtube", "yt-visite", TODAY);
    assert_eq!(row["video_views"], "1392");
}

#[test]
fn an_archive_entry_over_the_cap_is_refused() {
    let dir = calendar();
    let out = import(dir.path(), &["oversized.zip"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Table data.csv unpacks to more than 64 MiB"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("results").exists());
}

#[test]
fn a_scheduler_export_lands_on_each_network_s_channel() {
    let dir = calendar();
    let out = import(
        dir.path(),
        &["sprout-post-performance.csv"],
        &["--collected", "2026-11-15"],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("sprout layout, 3 rows, 3 matched"), "{text}");
    let fb = snapshot(dir.path(), "facebook", "fb-depistage", "2026-11-15");
    assert_eq!(
        (
            fb["impressions"].as_str(),
            fb["reach"].as_str(),
            fb["engagements"].as_str(),
            fb["clicks"].as_str()
        ),
        ("4390", "3250", "193", "99")
    );
    let ig = snapshot(dir.path(), "instagram", "ig-yoga", "2026-11-15");
    assert_eq!(
        (
            ig["likes"].as_str(),
            ig["saves"].as_str(),
            ig["video_views"].as_str()
        ),
        ("401", "54", "2210")
    );
    let li = snapshot(dir.path(), "linkedin", "li-partenariat", "2026-11-15");
    assert_eq!(
        (li["impressions"].as_str(), li["reach"].as_str()),
        ("1750", "")
    );
}

proptest::proptest! {
    /// Any snapshots written read back the same, and write the same bytes.
    #[test]
    fn results_files_read_back_what_was_written(
        rows in proptest::collection::vec(
            (
                "[^\u{0}]{1,12}",
                "[^\u{0}]{0,8}",
                proptest::collection::vec(proptest::option::of(0u64..1_000_000), 9),
                0u32..3650,
                "[a-z-]{0,10}",
            ),
            0..12,
        )
    ) {
        use edcal::results::{Metric, Metrics};
        use edcal::results::store::{self, Snapshot};
        let epoch = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let snapshots: Vec<Snapshot> = rows
            .into_iter()
            .map(|(post, url, figures, day, source)| {
                let mut metrics = Metrics::default();
                for (m, n) in Metric::ALL.iter().zip(figures) {
                    metrics.set(*m, n);
                }
                Snapshot {
                    post,
                    channel: "x".into(),
                    published_at: String::new(),
                    url,
                    metrics,
                    collected_on: epoch + chrono::Days::new(u64::from(day)),
                    source,
                }
            })
            .collect();
        let text = store::render(&snapshots);
        let parsed = store::parse(&text, "x");
        proptest::prop_assert!(parsed.findings.is_empty(), "{:?}\n{text}", parsed.findings);
        proptest::prop_assert_eq!(parsed.rows.len(), snapshots.len());
        proptest::prop_assert_eq!(store::render(&parsed.rows), text);
    }
}

#[test]
fn a_results_file_with_another_header_is_one_finding() {
    let dir = calendar();
    fs::create_dir_all(dir.path().join("results")).unwrap();
    fs::write(
        dir.path().join("results/x.csv"),
        "channel,post,likes\nx,x-chiffres,3\nx,x-communique,4\n",
    )
    .unwrap();
    let out = edcal(dir.path(), &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_eq!(text.matches("error[results-format]").count(), 1, "{text}");
    assert!(text.contains("--> results/x.csv:1:1"), "{text}");
    assert!(!text.contains("results-unknown"), "{text}");
}

/// A row is matched by the URL the calendar records for a pair
/// (`[post.published.<channel>]`), written another way (scheme, `www.`,
/// trailing slash), even far from the pair's time and on a post whose other
/// channels are not out yet.
#[test]
fn a_row_is_matched_by_the_url_the_calendar_records() {
    let dir = calendar();
    let posts = dir.path().join("posts/2026-10.toml");
    let mut text = std::fs::read_to_string(&posts).unwrap();
    text.push_str(
        r#"
[[post]]
id = "ig-collab"
title = "Octobre Rose avec une autre clinique"
campaign = "octobre"
themes = ["prevention"]
channels = ["instagram"]
status = "approved"
approval = { by = "lead", on = 2026-10-01 }
at = 2026-10-21T19:00:00
text = "Notre équipe avec une autre clinique pour Octobre Rose."

[post.published.instagram]
url = "http://instagram.com/p/DQcollab002"
at = 2026-10-21T19:00:00
"#,
    );
    std::fs::write(&posts, text).unwrap();
    let out = import(dir.path(), &["instagram-content.csv"], &[]);
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l
                .starts_with("instagram-content.csv: meta-instagram layout, 3 rows, 3 matched")),
        "{text}{}",
        stderr(&out)
    );
    let row = snapshot(dir.path(), "instagram", "ig-collab", "2026-12-01");
    assert_eq!(row["url"], "https://www.instagram.com/p/DQcollab002/");
    assert_eq!(row["likes"], "610");
}

/// The calendar of the `results-mark-published` trycmd case: an approved
/// post on `facebook` and `instagram` (12:30, 10 March 2027), a draft on
/// `facebook` (12:30, 8 March), and the Facebook export of March.
const MARK: &str = "tests/cmd/results-mark-published.in";
const MARK_EXPORT: &str = "Mar-01-2027_Mar-31-2027_61550099999999.csv";

/// `edcal` in the calendar folder `dir`, as the lifecycle cases run it.
fn edcal_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edcal"))
        .args(["--calendar", ".", "--today", "2027-03-31"])
        .args(args)
        .current_dir(dir)
        .env_remove("EDCAL_CALENDAR")
        .env_remove("EDCAL_TODAY")
        .env_remove("EDCAL_AS")
        .env("NO_COLOR", "1")
        .output()
        .expect("edcal runs")
}

/// Every file of a folder, relative path → bytes.
fn every_file(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::support::files_under(dir)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

#[test]
fn marking_published_twice_changes_nothing() {
    let dir = temp_copy(MARK);
    let args = [
        "results",
        "import",
        MARK_EXPORT,
        "--mark-published",
        "--by",
        "theo-editor",
    ];
    let first = edcal_in(dir.path(), &args);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let after_first = every_file(dir.path());
    let post = String::from_utf8(after_first["posts/2027-03.toml"].clone()).unwrap();
    assert_eq!(post.matches("[post.published.").count(), 1, "{post}");
    let second = edcal_in(dir.path(), &args);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(stderr(&second), "");
    assert_eq!(
        stdout(&second),
        format!(
            "{MARK_EXPORT}: meta-facebook layout, 2 rows, 1 matched, 1 not imported; collected on 2027-03-31\n\
             \x20 line 3: unmatched: `sdr-stand` on `facebook`, whose post is `draft`: only an approved post is marked published\n\
             results/facebook.csv: unchanged\n\
             marked published: 0 pairs\n"
        )
    );
    assert_eq!(every_file(dir.path()), after_first);
}

#[test]
fn without_mark_published_an_approved_post_is_not_a_candidate_and_the_flag_is_named() {
    let dir = temp_copy(MARK);
    let before = every_file(dir.path());
    let out = edcal_in(dir.path(), &["results", "import", MARK_EXPORT]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{MARK_EXPORT}: meta-facebook layout, 2 rows, 0 matched, 2 not imported; collected on 2027-03-31\n\
             \x20 line 2: unmatched: `semaine-du-rein-le-depistage-en-pratique` on `facebook` is approved but not recorded as published: `--mark-published` records it from this row\n\
             \x20 line 3: unmatched: no published pair around 2027-03-08 03:30 PST\n"
        )
    );
    assert_eq!(every_file(dir.path()), before);
}

#[test]
fn only_a_lead_or_an_editor_marks_and_a_refusal_writes_nothing() {
    let dir = temp_copy(MARK);
    let before = every_file(dir.path());
    let out = edcal_in(
        dir.path(),
        &[
            "results",
            "import",
            MARK_EXPORT,
            "--mark-published",
            "--by",
            "fred-freelance",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "error: `fred-freelance` is a freelance, and only a lead or an editor records a publication (who may: `claire-lead`, `theo-editor`)\n\
         edcal: nothing changed\n"
    );
    assert_eq!(every_file(dir.path()), before);
}

/// A row without a link (edcal's own layout, filled by hand) still proves
/// the pair went out: it is recorded with its time and no `url`, which the
/// calendar accepts; a cancelled post's row is listed with its status.
#[test]
fn a_row_without_a_link_is_recorded_with_its_time_only() {
    let dir = temp_copy(MARK);
    let posts = dir.path().join("posts/2027-03.toml");
    let mut text = fs::read_to_string(&posts).unwrap();
    text.push_str(
        r#"
[[post]]
id = "sdr-annule"
title = "Conférence annulée"
channels = ["facebook"]
status = "cancelled"
at = 2027-03-12T18:00:00
text = "La conférence du vendredi soir sur les reins est annulée."
"#,
    );
    fs::write(&posts, text).unwrap();
    fs::write(
        dir.path().join("fait-main.csv"),
        "channel,published_at,text,impressions,likes\n\
         facebook,2027-03-10T12:34:00,Le dépistage prend dix minutes,900,31\n\
         facebook,2027-03-12T18:00:00,La conférence du vendredi soir sur les reins,120,2\n",
    )
    .unwrap();
    let out = edcal_in(
        dir.path(),
        &[
            "results",
            "import",
            "fait-main.csv",
            "--from",
            "generic",
            "--mark-published",
            "--by",
            "claire-lead",
        ],
    );
    assert_eq!(
        stdout(&out),
        "fait-main.csv: generic layout, 2 rows, 1 matched, 1 not imported; collected on 2027-03-31\n\
         \x20 line 3: unmatched: `sdr-annule` on `facebook`, whose post is `cancelled`: only an approved post is marked published\n\
         results/facebook.csv: 1 snapshot added\n\
         published `semaine-du-rein-le-depistage-en-pratique` on `facebook` at 2027-03-10 12:34 (posts/2027-03.toml) (no link in the export)\n\
         \x20 still to record: `instagram`\n\
         marked published: 1 pair\n",
        "{}",
        stderr(&out)
    );
    let post = fs::read_to_string(&posts).unwrap();
    assert!(
        post.contains("\n[post.published.facebook]\nat = 2027-03-10T12:34:00\n"),
        "{post}"
    );
    let check = edcal_in(dir.path(), &["check", "--severity", "error"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// A posts file that does not parse hides its posts: the results rows about
/// them are not each reported as naming a post the calendar lacks, the
/// syntax error is the one finding about it.
#[test]
fn a_broken_posts_file_makes_one_finding_not_one_per_results_row() {
    let dir = temp_copy("calendar");
    let october = dir.path().join("posts/2026-10.toml");
    let mut text = fs::read_to_string(&october).unwrap();
    text.push_str("id = \"broken\n");
    fs::write(&october, text).unwrap();
    let out = edcal_in(
        dir.path(),
        &[
            "check",
            "--code",
            "toml-syntax",
            "--code",
            "results-unknown",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with("edcal: 1 error (21 other findings not shown)\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("results-unknown"), "{stderr}");
}
