//! `results/<channel>.csv`: the figures kept in the calendar, one row per
//! post, channel and day they were collected on.
//!
//! The files are written by `edcal results import` only, always in one
//! layout ([`HEADER`], rows sorted by publication time, post and collection
//! day, `\n` line ends), so that importing the same export twice leaves the
//! same bytes, and a diff shows only new figures. Writes go to a temporary
//! file beside the target, then a rename, and are refused if the file
//! changed on disk since it was read. `edcal check` reads the files too
//! ([`check`]): a header edcal did not write, a figure that is not a count,
//! a row whose post or channel the calendar does not have are findings
//! pointing at the cell.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::NaiveDate;

use super::{Metric, Metrics};
use crate::diagnostic::Diagnostic;
use crate::model::Calendar;
use crate::rules::Code;
use crate::source::{SourceId, Span};

/// The folder of the results files, in the calendar folder.
pub const FOLDER: &str = "results";

/// The columns of a results file, in order.
pub const HEADER: [&str; 15] = [
    "post",
    "channel",
    "published_at",
    "url",
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "engagements",
    "collected_on",
    "source",
];

/// Largest results file read (64 MiB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One row of a results file: a snapshot of one pair's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub post: String,
    pub channel: String,
    pub published_at: String,
    pub url: String,
    pub metrics: Metrics,
    pub collected_on: NaiveDate,
    /// The layout the figures came from (`meta-instagram`…), or
    /// `fictional` for made-up figures.
    pub source: String,
}

impl Snapshot {
    fn sort_key(&self) -> (&str, &str, NaiveDate) {
        (&self.published_at, &self.post, self.collected_on)
    }
}

/// `results/<channel>.csv`.
pub fn rel_path(channel: &str) -> String {
    format!("{FOLDER}/{channel}.csv")
}

/// What reading a results file found.
#[derive(Debug, Default)]
pub struct Parsed {
    pub rows: Vec<Snapshot>,
    pub findings: Vec<Finding>,
}

/// A problem in a results file, at a byte range of its text.
#[derive(Debug, Clone)]
pub struct Finding {
    pub range: Range<usize>,
    pub code: Code,
    pub message: String,
    pub post: Option<String>,
}

/// Reads the text of `results/<channel>.csv`. Rows with a problem are
/// left out of [`Parsed::rows`].
pub fn parse(text: &str, channel: &str) -> Parsed {
    parse_with(text, channel, |_, _| {})
}

/// [`parse`], calling `each` with the post cell and the first byte of every
/// data row (those with a problem too) once the header is edcal's.
///
/// The byte ranges of a row's cells are found only for a row with a
/// problem: scanning every row for them cost as much as the CSV reading
/// itself, for findings most files never have.
fn parse_with(text: &str, channel: &str, mut each: impl FnMut(&str, usize)) -> Parsed {
    let mut parsed = Parsed::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(start, |p| p.byte() as usize);
                parsed
                    .findings
                    .push(format_finding(at..at, format!("not valid CSV: {e}")));
                break;
            }
        }
        let start = record.position().map_or(start, |p| p.byte() as usize);
        let mut ranges: Option<Vec<Range<usize>>> = None;
        let mut cell = |i: usize| {
            ranges
                .get_or_insert_with(|| field_ranges(text, start))
                .get(i)
                .cloned()
                .unwrap_or(start..start)
        };
        if first {
            first = false;
            if record.iter().ne(HEADER.iter().copied()) {
                let end = field_ranges(text, start).last().map_or(start, |r| r.end);
                parsed.findings.push(format_finding(
                    start..end,
                    format!("the header is not edcal's: expected `{}`", HEADER.join(",")),
                ));
                return parsed;
            }
            continue;
        }
        each(record.get(0).unwrap_or(""), start);
        if record.len() != HEADER.len() {
            parsed.findings.push(format_finding(
                cell(0),
                format!(
                    "{} columns where the header has {}",
                    record.len(),
                    HEADER.len()
                ),
            ));
            continue;
        }
        let mut ok = true;
        let mut metrics = Metrics::default();
        for (k, metric) in Metric::ALL.iter().enumerate() {
            let raw = &record[4 + k];
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<u64>() {
                Ok(n) => metrics.set(*metric, Some(n)),
                Err(_) => {
                    ok = false;
                    parsed.findings.push(format_finding(
                        cell(4 + k),
                        format!("`{metric}` is `{raw}`: not a count (digits only, or empty for no figure)"),
                    ));
                }
            }
        }
        let collected_on = match iso_date(&record[13]) {
            Some(d) => Some(d),
            None => {
                ok = false;
                parsed.findings.push(format_finding(
                    cell(13),
                    format!("`collected_on` is `{}`: not a date YYYY-MM-DD", &record[13]),
                ));
                None
            }
        };
        if &record[1] != channel {
            ok = false;
            parsed.findings.push(format_finding(
                cell(1),
                format!(
                    "channel `{}` in the file of channel `{channel}`",
                    &record[1]
                ),
            ));
        }
        if record[0].is_empty() {
            ok = false;
            parsed
                .findings
                .push(format_finding(cell(0), "a row without its post".into()));
        }
        if let (true, Some(collected_on)) = (ok, collected_on) {
            parsed.rows.push(Snapshot {
                post: record[0].to_owned(),
                channel: record[1].to_owned(),
                published_at: record[2].to_owned(),
                url: record[3].to_owned(),
                metrics,
                collected_on,
                source: record[14].to_owned(),
            });
        }
    }
    parsed
}

/// `YYYY-MM-DD`, as `NaiveDate::parse_from_str(s, "%Y-%m-%d")` reads it,
/// with its common form (ten bytes, two dashes) read without the format
/// machinery.
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let digits = |r: Range<usize>| {
            b[r].iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            #[allow(clippy::cast_possible_wrap)]
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn format_finding(range: Range<usize>, message: String) -> Finding {
    Finding {
        range,
        code: Code::ResultsFormat,
        message,
        post: None,
    }
}

/// The byte ranges of the fields of the record starting at `start`
/// (quotes included), up to its end of line outside quotes.
fn field_ranges(text: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let (mut field_start, mut quoted, mut i) = (start, false, start);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                ranges.push(field_start..i);
                field_start = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    ranges.push(field_start..i);
    ranges
}

/// The text of a results file holding `rows`, in the one layout.
pub fn render(rows: &[Snapshot]) -> String {
    let mut rows: Vec<&Snapshot> = rows.iter().collect();
    rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(HEADER);
    for row in rows {
        let mut record: Vec<String> = vec![
            row.post.clone(),
            row.channel.clone(),
            row.published_at.clone(),
            row.url.clone(),
        ];
        record.extend(Metric::ALL.iter().map(|m| {
            row.metrics
                .get(*m)
                .map(|n| n.to_string())
                .unwrap_or_default()
        }));
        record.push(row.collected_on.to_string());
        record.push(row.source.clone());
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `new` over `old`: a new snapshot replaces the one of the same post,
/// channel and collection day; every other row stays.
pub fn merge(old: Vec<Snapshot>, new: Vec<Snapshot>) -> Vec<Snapshot> {
    let mut by_key: BTreeMap<(String, String, NaiveDate), Snapshot> = BTreeMap::new();
    for row in old.into_iter().chain(new) {
        by_key.insert(
            (row.post.clone(), row.channel.clone(), row.collected_on),
            row,
        );
    }
    by_key.into_values().collect()
}

/// A results file as read for an import: its rows and its bytes, to
/// refuse the write if it changed in between.
#[derive(Debug)]
pub struct OnDisk {
    pub path: PathBuf,
    pub rel: String,
    pub original: Option<Vec<u8>>,
    pub rows: Vec<Snapshot>,
}

/// Reads `results/<channel>.csv` for an import; a file with problems is
/// refused (fix it, `edcal check` shows where).
pub fn read(root: &Path, channel: &str) -> Result<OnDisk> {
    let rel = rel_path(channel);
    let path = root.join(&rel);
    let original = match fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("failed to read {rel}")),
        Ok(m) if m.len() > MAX_BYTES => bail!("{rel} is over {} MiB", MAX_BYTES >> 20),
        Ok(_) => Some(fs::read(&path).with_context(|| format!("failed to read {rel}"))?),
    };
    let rows = match &original {
        None => Vec::new(),
        Some(bytes) => {
            let text = std::str::from_utf8(bytes).map_err(|_| anyhow!("{rel} is not UTF-8"))?;
            let parsed = parse(text, channel);
            if let Some(f) = parsed.findings.first() {
                bail!(
                    "{rel} has problems ({}); fix them first, `edcal check` shows where; nothing imported",
                    f.message
                );
            }
            parsed.rows
        }
    };
    Ok(OnDisk {
        path,
        rel,
        original,
        rows,
    })
}

impl OnDisk {
    /// Writes `text` in place of the file; `false` when it is already
    /// that (nothing is written then).
    pub fn write(&self, text: &str) -> Result<bool> {
        if self.original.as_deref() == Some(text.as_bytes()) {
            return Ok(false);
        }
        let rel = &self.rel;
        let dir = self
            .path
            .parent()
            .ok_or_else(|| anyhow!("{rel} has no folder"))?;
        fs::create_dir_all(dir).with_context(|| format!("failed to create {FOLDER}/"))?;
        crate::edit::replace_file(
            &self.path,
            &self.rel,
            self.original.as_deref(),
            text.as_bytes(),
            |_| Ok(()),
        )?;
        Ok(true)
    }
}

/// Every snapshot of every file in `results/` (the folder may be
/// missing), rows with a problem left out: `edcal check` reports them.
pub fn read_all(root: &Path) -> Result<Vec<Snapshot>> {
    let mut rows = Vec::new();
    for rel in list(root)? {
        let path = root.join(&rel);
        let size = fs::metadata(&path)
            .with_context(|| format!("failed to read {rel}"))?
            .len();
        if size > MAX_BYTES {
            bail!("{rel} is over {} MiB", MAX_BYTES >> 20);
        }
        let bytes = fs::read(&path).with_context(|| format!("failed to read {rel}"))?;
        let text = String::from_utf8_lossy(&bytes);
        let channel = channel_of(&rel);
        rows.extend(parse(&text, channel).rows);
    }
    Ok(rows)
}

/// The `results/*.csv` files of the calendar in `root`, sorted, hidden
/// files left out; none when the folder is missing.
pub fn list(root: &Path) -> Result<Vec<String>> {
    let dir = root.join(FOLDER);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("failed to list {FOLDER}/")),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to list {FOLDER}/"))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        #[allow(clippy::case_sensitive_file_extension_comparisons)]
        if name.starts_with('.') || !name.ends_with(".csv") || !entry.path().is_file() {
            continue;
        }
        out.push(format!("{FOLDER}/{name}"));
    }
    out.sort();
    Ok(out)
}

/// The channel a results file is about: its name without `.csv`.
pub fn channel_of(rel: &str) -> &str {
    rel.strip_prefix(FOLDER)
        .and_then(|r| r.strip_prefix('/'))
        .and_then(|r| r.strip_suffix(".csv"))
        .unwrap_or(rel)
}

/// A row's post id without its occurrence date (`post@YYYY-MM-DD`).
fn base(post: &str) -> &str {
    post.split_once('@').map_or(post, |(p, _)| p)
}

/// The findings of `edcal check` about one results file: its own
/// problems, then rows naming a post or a channel the calendar lacks. When
/// not `every_post_known` (a posts file does not parse: its syntax error is
/// the finding), rows naming posts the calendar lacks are not reported: they
/// may be that file's, and one broken file made dozens of findings.
pub fn check(
    calendar: &Calendar,
    every_post_known: bool,
    rel: &str,
    text: &str,
    source: SourceId,
    out: &mut Vec<Diagnostic>,
) {
    let channel = channel_of(rel);
    if !calendar.channels.contains_key(channel) {
        out.push(
            Diagnostic::new(
                Code::ResultsUnknown,
                Span::new(source, 0..0),
                format!("results of channel `{channel}`, which channels.toml does not have"),
            )
            .help("rename the file after a channel, or delete it"),
        );
        return;
    }
    // Each row's post and first byte, read with the figures in one pass.
    let mut rows: Vec<(String, usize)> = Vec::new();
    let parsed = parse_with(text, channel, |post, start| {
        if !post.is_empty() {
            rows.push((post.to_owned(), start));
        }
    });
    let header_ok = text
        .lines()
        .next()
        .is_some_and(|h| h.trim_end_matches('\r') == HEADER.join(","));
    for f in parsed.findings {
        out.push(Diagnostic::new(f.code, Span::new(source, f.range), f.message).channel(channel));
    }
    // Columns not known: the posts are not where they should be; a posts
    // file unread: they may be there.
    if !header_ok || !every_post_known {
        return;
    }
    // The posts the rows name, less those of the calendar: one look-up per
    // post of the calendar, not a set of them all built for each file.
    let mut unknown: HashSet<&str> = rows.iter().map(|(post, _)| base(post)).collect();
    for id in calendar
        .posts
        .iter()
        .map(|p| p.id.value.as_str())
        .chain(calendar.left_out.iter().map(String::as_str))
    {
        if unknown.is_empty() {
            return;
        }
        unknown.remove(id);
    }
    if unknown.is_empty() {
        return;
    }
    let posts: BTreeSet<&str> = calendar
        .posts
        .iter()
        .map(|p| p.id.value.as_str())
        .chain(calendar.left_out.iter().map(String::as_str))
        .collect();
    for (post, start) in &rows {
        let base = base(post);
        if !unknown.contains(base) {
            continue;
        }
        let range = field_ranges(text, *start)[0].clone();
        let mut d = Diagnostic::new(
            Code::ResultsUnknown,
            Span::new(source, range),
            format!("results of post `{post}`, which the calendar does not have"),
        )
        .channel(channel);
        if let Some(close) = crate::raw::closest(base, posts.iter().copied()) {
            d = d.label(format!("did you mean `{close}`?"));
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(post: &str, day: u32, likes: u64) -> Snapshot {
        let mut metrics = Metrics::default();
        metrics.set(Metric::Likes, Some(likes));
        Snapshot {
            post: post.into(),
            channel: "x".into(),
            published_at: "2026-10-01T08:30:00+02:00".into(),
            url: "https://x.com/a/status/1".into(),
            metrics,
            collected_on: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
            source: "x".into(),
        }
    }

    #[test]
    fn render_then_parse_is_the_same_rows() {
        let rows = vec![
            snapshot("b", 9, 3),
            snapshot("a", 9, 1),
            snapshot("a", 2, 0),
        ];
        let text = render(&rows);
        let parsed = parse(&text, "x");
        assert!(parsed.findings.is_empty(), "{:?}", parsed.findings);
        assert_eq!(parsed.rows.len(), 3);
        assert_eq!(render(&parsed.rows), text);
        assert_eq!(parsed.rows[0].collected_on.to_string(), "2026-10-02");
    }

    #[test]
    fn a_later_snapshot_adds_a_row_and_the_same_one_replaces() {
        let merged = merge(
            vec![snapshot("a", 2, 1)],
            vec![snapshot("a", 2, 5), snapshot("a", 9, 7)],
        );
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].metrics.get(Metric::Likes), Some(5));
    }

    #[test]
    fn the_quick_date_reading_agrees_with_chrono() {
        for s in [
            "2026-10-02",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "0000-01-01",
            "2026-1-2",
            "2026-10-2x",
            "2026/10/02",
            "２026-10-02",
            "",
            " 2026-10-02",
        ] {
            assert_eq!(
                iso_date(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn a_bad_count_points_at_its_cell() {
        let text = format!("{}\na,x,,,12x,,,,,,,,,2026-10-02,x\n", HEADER.join(","));
        let parsed = parse(&text, "x");
        assert_eq!(parsed.findings.len(), 1);
        assert_eq!(&text[parsed.findings[0].range.clone()], "12x");
    }
}
