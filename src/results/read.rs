//! Reading one analytics export into rows of figures.
//!
//! An export comes from elsewhere and is read as hostile: its size is
//! checked before it is read (at most [`MAX_BYTES`]), its rows and columns
//! are counted as they are read ([`MAX_ROWS`], [`MAX_COLUMNS`]), and the
//! reader is the `csv` crate (RFC 4180: quoted fields may hold commas and
//! line breaks; a caption is never split on its lines). What the vendors'
//! files are known to carry is handled here: a UTF-8 byte-order mark, a
//! note row above the header (LinkedIn), a row of descriptions under it
//! (Facebook's older export), a `Total` row (YouTube), numbers written as
//! `29.0`, `1,234` or `44 531`, `-` or `NA` for "no figure", ids that a
//! spreadsheet turned into `1.22158E+17`, and `;` as the separator of a file
//! saved again by a French spreadsheet. ZIP archives and spreadsheets are
//! opened by [`super::sheet`] into the same rows. A file that cannot be read as a
//! whole is refused with the reason; a row that cannot be read is reported
//! with its line and left out, and the others are kept.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::format::{Column, Dates, Format, Zone};
use super::{Metric, Metrics};
use social_text::network::Network;

/// Largest export read (64 MiB): a year of daily posts on every network is
/// a few megabytes.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Most data rows read from one export.
pub const MAX_ROWS: usize = 200_000;
/// Most columns a row may have.
pub const MAX_COLUMNS: usize = 512;
/// Rows above the header a file may hold (LinkedIn writes a note there).
const MAX_NOTE_ROWS: usize = 3;

/// What reading a file needs to know.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The layout, when `--from` names it; else it is detected.
    pub format: Option<&'static Format>,
    /// The zone of the file's times, when `--zone` names it.
    pub zone: Option<Tz>,
    /// The calendar's zone, for layouts whose zone is not documented.
    pub calendar_tz: Tz,
    /// The day the figures were collected: a date without its year is the
    /// last such date on or before it.
    pub collected: NaiveDate,
}

/// When a row says its post went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<Utc>),
    /// A day only, in the file's zone.
    Day(NaiveDate),
    Unknown,
}

/// One data row of an export.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line the row starts on (1-based).
    pub line: u64,
    pub id: Option<String>,
    /// The id was turned into a number in scientific notation by a
    /// spreadsheet (`1.22158E+17`) and is not used.
    pub id_mangled: bool,
    pub url: Option<String>,
    pub text: Option<String>,
    pub when: When,
    pub network: Option<Network>,
    pub channel: Option<String>,
    pub post: Option<String>,
    pub metrics: Metrics,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub message: String,
}

/// An export, read.
#[derive(Debug)]
pub struct Export {
    pub format: &'static Format,
    /// The zone its times were read in.
    pub zone: Tz,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    /// Rows skipped as the layout's own: descriptions, totals, blank rows.
    pub skipped: usize,
}

/// Reads the export at `path` (its size checked first).
pub fn read_file(path: &Path, options: &Options) -> Result<Export> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).with_context(|| format!("failed to read {shown}"))?;
    if !metadata.is_file() {
        bail!("{shown} is not a file");
    }
    if metadata.len() > MAX_BYTES {
        bail!(
            "{shown} is {} MiB; exports over {} MiB are not read (export a shorter period)",
            metadata.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("failed to read {shown}"))?;
    parse(&bytes, options).with_context(|| format!("{shown} not imported"))
}

/// Reads an export from its bytes.
pub fn parse(bytes: &[u8], options: &Options) -> Result<Export> {
    if bytes.len() as u64 > MAX_BYTES {
        bail!("over {} MiB", MAX_BYTES / (1024 * 1024));
    }
    let records = if bytes.starts_with(b"PK\x03\x04") {
        super::sheet::zip(bytes, options.format)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        super::sheet::workbook(bytes, options.format)?
    } else {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            bail!(
                "the file is UTF-16 (an account-level summary, or a spreadsheet's \"Unicode text\"); \
                 export the per-post content as CSV, or save it as \"CSV UTF-8\""
            );
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let line = String::from_utf8_lossy(&bytes[..e.valid_up_to()])
                    .split('\n')
                    .count();
                bail!("line {line} is not UTF-8; save the file as \"CSV UTF-8\"");
            }
        };
        records(text.strip_prefix('\u{feff}').unwrap_or(text))?
    };
    let (header_at, format) = header(&records, options.format)?;
    let headers: Vec<String> = records[header_at].1.clone();
    let located = format.locate(&headers);
    let zone = options.zone.unwrap_or(match format.zone {
        Zone::Fixed(tz) => tz,
        Zone::Calendar => options.calendar_tz,
    });
    let mut export = Export {
        format,
        zone,
        rows: Vec::new(),
        problems: Vec::new(),
        skipped: 0,
    };
    let reader = RowReader {
        format,
        located: &located,
        zone,
        collected: options.collected,
    };
    for (k, (line, cells)) in records[header_at + 1..].iter().enumerate() {
        match reader.row(*line, cells, k == 0) {
            Read::Row(row) => export.rows.push(*row),
            Read::Skip => export.skipped += 1,
            Read::Problem(message) => export.problems.push(Problem {
                line: *line,
                message,
            }),
        }
    }
    Ok(export)
}

/// Rows of cells, each with the line (or sheet row) it starts on.
pub type Records = Vec<(u64, Vec<String>)>;

/// Every record with the line it starts on, capped.
pub(super) fn records(text: &str) -> Result<Records> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                bail!("line {line} is not valid CSV: {e}");
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() > MAX_COLUMNS {
            bail!(
                "line {line} has {} columns; exports with more than {MAX_COLUMNS} are not read",
                record.len()
            );
        }
        if out.len() > MAX_ROWS {
            bail!("more than {MAX_ROWS} rows; export a shorter period");
        }
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

/// `;` or a tab when the first line has more of them than commas, outside
/// quotes (a file saved again by a French spreadsheet uses `;`).
fn delimiter(text: &str) -> u8 {
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[1] > counts[0] && counts[1] >= counts[2] {
        b';'
    } else if counts[2] > counts[0] {
        b'\t'
    } else {
        b','
    }
}

/// The header row and the layout: the first of the top rows in which the
/// layout (given, or detected) finds its required columns and a metric.
pub(super) fn header(
    records: &[(u64, Vec<String>)],
    given: Option<&'static Format>,
) -> Result<(usize, &'static Format)> {
    let Some((_, first)) = records.first() else {
        bail!("the file is empty");
    };
    for (i, (_, cells)) in records.iter().enumerate().take(MAX_NOTE_ROWS + 1) {
        let format = match given {
            Some(f) => f,
            None => match Format::detect(cells) {
                Some(f) => f,
                None => continue,
            },
        };
        if complete(format, cells) {
            return Ok((i, format));
        }
    }
    // Name what was found against what was expected.
    let found = |cells: &[String]| {
        cells
            .iter()
            .map(|c| format!("`{}`", c.trim_start_matches('\u{feff}').trim()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let shown = records
        .iter()
        .take(MAX_NOTE_ROWS + 1)
        .find(|(_, cells)| given.map_or_else(|| Format::detect(cells).is_some(), |_| true))
        .map_or(first.as_slice(), |(_, c)| c.as_slice());
    match given.or_else(|| Format::detect(shown)) {
        Some(format) => {
            let located = format.locate(shown);
            let missing: Vec<String> = format
                .required
                .iter()
                .filter(|c| !located.iter().any(|(l, _)| l == *c))
                .map(|c| first_name(format, *c))
                .collect();
            let missing = if missing.is_empty() {
                "any figure".to_owned()
            } else {
                missing.join(", ")
            };
            bail!(
                "not a `{}` export: it lacks {missing}\n  columns found: {}\n  columns expected: {}",
                format.name,
                found(shown),
                format
                    .expected()
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        None => bail!(
            "not an export edcal knows: no header names its layout\n  columns found: {}\n  \
             hint: name the layout with --from ({})",
            found(first),
            super::format::names().collect::<Vec<_>>().join(", ")
        ),
    }
}

fn first_name(format: &Format, column: Column) -> String {
    format
        .columns
        .iter()
        .find(|(c, _)| *c == column)
        .map_or_else(|| column.name().to_owned(), |(_, n)| format!("`{}`", n[0]))
}

/// Whether `cells` hold the layout's required columns and one figure.
fn complete(format: &Format, cells: &[String]) -> bool {
    let located = format.locate(cells);
    format
        .required
        .iter()
        .all(|c| located.iter().any(|(l, _)| l == c))
        && located.iter().any(|(c, _)| matches!(c, Column::Metric(_)))
}

enum Read {
    Row(Box<Row>),
    Skip,
    Problem(String),
}

struct RowReader<'a> {
    format: &'static Format,
    located: &'a [(Column, usize)],
    zone: Tz,
    collected: NaiveDate,
}

impl RowReader<'_> {
    /// The first cell of `column` that is not empty, in the order of its
    /// names.
    fn cell<'c>(&self, cells: &'c [String], column: Column) -> Option<&'c str> {
        self.located
            .iter()
            .filter(|(c, _)| *c == column)
            .filter_map(|(_, i)| cells.get(*i))
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
    }

    fn row(&self, line: u64, cells: &[String], first: bool) -> Read {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Read::Skip;
        }
        // YouTube's `Total` row; some exports write it in the first column.
        let lead = self
            .cell(cells, Column::Id)
            .or_else(|| cells.first().map(|c| c.trim()));
        if lead.is_some_and(|l| matches!(l.to_lowercase().as_str(), "total" | "totaux" | "totals"))
        {
            return Read::Skip;
        }
        let mut metrics = Metrics::default();
        let mut bad = Vec::new();
        let mut texts = 0;
        let mut seen = Vec::new();
        for (column, _) in self.located {
            let Column::Metric(metric) = column else {
                continue;
            };
            if seen.contains(metric) {
                continue;
            }
            seen.push(*metric);
            let Some(raw) = self.cell(cells, *column) else {
                continue;
            };
            match count(raw) {
                Ok(n) => metrics.set(*metric, n),
                Err(why) => {
                    texts += usize::from(why == NOT_A_NUMBER);
                    bad.push(format!(
                        "`{}` is `{}`: {why}",
                        header_name(self, *column),
                        raw
                    ));
                }
            }
        }
        // Facebook's older export: a row of descriptions under the header.
        if first && metrics.is_empty() && texts > 0 && texts == bad.len() {
            return Read::Skip;
        }
        if !bad.is_empty() {
            return Read::Problem(bad.join("; "));
        }
        if self.format.views_are_impressions && metrics.get(Metric::Impressions).is_none() {
            metrics.set(Metric::Impressions, metrics.get(Metric::VideoViews));
        }
        let (id, id_mangled) = match self.cell(cells, Column::Id) {
            Some(id) if is_mangled(id) => (None, true),
            Some(id) => (Some(id.to_owned()), false),
            None => (None, false),
        };
        let mut url = self.cell(cells, Column::Url).map(str::to_owned);
        if url.is_none()
            && let (Some(prefix), Some(id)) = (self.format.url_of_id, &id)
        {
            url = Some(format!("{prefix}{id}"));
        }
        let network = match self.cell(cells, Column::Network) {
            None => self.format.network,
            Some(name) => match network(name) {
                Some(n) => Some(n),
                None => return Read::Problem(format!("unknown network `{name}`")),
            },
        };
        let when = match self.snowflake(id.as_deref(), url.as_deref()) {
            Some(at) => When::At(at),
            None => match self.cell(cells, Column::Published) {
                None => When::Unknown,
                Some(raw) => match self.when(raw) {
                    Some(when) => when,
                    None => {
                        return Read::Problem(format!(
                            "`{}` is `{raw}`: not a date this layout writes",
                            header_name(self, Column::Published)
                        ));
                    }
                },
            },
        };
        Read::Row(Box::new(Row {
            line,
            id,
            id_mangled,
            url,
            text: self.cell(cells, Column::Text).map(str::to_owned),
            when,
            network,
            channel: self.cell(cells, Column::Channel).map(str::to_owned),
            post: self.cell(cells, Column::Post).map(str::to_owned),
            metrics,
        }))
    }

    /// The exact time a snowflake id gives (from the id, else from the
    /// digits ending the link).
    fn snowflake(&self, id: Option<&str>, url: Option<&str>) -> Option<DateTime<Utc>> {
        let flake = self.format.snowflake?;
        let digits = id
            .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_owned)
            .or_else(|| url.and_then(trailing_id))?;
        let n: u64 = digits.parse().ok()?;
        let shifted = n >> flake.shift;
        let ms = if flake.unit_ms {
            shifted.checked_add(flake.epoch_ms)?
        } else {
            shifted.checked_mul(1000)?.checked_add(flake.epoch_ms)?
        };
        DateTime::from_timestamp_millis(i64::try_from(ms).ok()?)
    }

    fn when(&self, raw: &str) -> Option<When> {
        let local = |t: NaiveDateTime| self.zone.from_local_datetime(&t).earliest();
        let by_layout = match self.format.dates {
            Dates::UsDateTime => [
                "%m/%d/%Y %H:%M",
                "%m/%d/%Y %H:%M:%S",
                "%m/%d/%Y %I:%M %p",
                "%m/%d/%Y %I:%M:%S %p",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
            .and_then(local)
            .map(|t| When::At(t.with_timezone(&Utc))),
            Dates::IsoWithOffset => DateTime::parse_from_str(raw, "%Y-%m-%d %H:%M %z")
                .ok()
                .map(|t| When::At(t.with_timezone(&Utc))),
            Dates::UsDay => NaiveDate::parse_from_str(raw, "%m/%d/%Y")
                .ok()
                .map(When::Day),
            Dates::WeekdayDay | Dates::MonthDayYear | Dates::DayMonth => {
                words_date(raw, self.collected).map(When::Day)
            }
            Dates::Iso => None,
        };
        by_layout.or_else(|| iso(raw, self.zone))
    }
}

fn header_name(reader: &RowReader<'_>, column: Column) -> String {
    // The name as the layout writes it first; the file's own may differ in case.
    first_name(reader.format, column)
        .trim_matches('`')
        .to_owned()
}

const NOT_A_NUMBER: &str = "not a number";

/// A count as exports write it: `1234`, `29.0`, `1,234`, `44 531` (spaces,
/// no-break spaces), `12,0`; `-`, `NA`, `N/A`, `undefined` or nothing for
/// "no figure". Negative counts, fractions and percentages are refused.
pub fn count(raw: &str) -> Result<Option<u64>, &'static str> {
    let s = raw.trim();
    if s.is_empty()
        || matches!(
            s.to_lowercase().as_str(),
            "-" | "--" | "na" | "n/a" | "undefined"
        )
    {
        return Ok(None);
    }
    if s.ends_with('%') {
        return Err("a percentage, not a count");
    }
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if s.starts_with('-') {
        return Err("negative");
    }
    // `1,234,567` groups thousands; `12,5` is a decimal comma.
    let grouped = {
        let parts: Vec<&str> = s.split(',').collect();
        parts.len() > 1
            && (1..=3).contains(&parts[0].len())
            && parts[1..].iter().all(|p| p.len() == 3)
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let s = if grouped {
        s.replace(',', "")
    } else {
        s.replace(',', ".")
    };
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') || s.bytes().all(|b| b == b'.') {
        return Err(NOT_A_NUMBER);
    }
    if let Ok(n) = s.parse::<u64>() {
        return Ok(Some(n));
    }
    match s.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f < 1e18 => Ok(Some(f as u64)),
        Ok(_) => Err("not a whole number"),
        Err(_) => Err(NOT_A_NUMBER),
    }
}

/// An id a spreadsheet rewrote in scientific notation: its digits are lost.
fn is_mangled(id: &str) -> bool {
    let upper = id.to_ascii_uppercase();
    upper.contains("E+")
        && upper
            .bytes()
            .all(|b| b.is_ascii_digit() || b"E+.,".contains(&b))
}

/// The digits ending a link's path: `…/status/<id>`, `…/video/<id>`.
fn trailing_id(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?.trim_end_matches('/');
    let last = path.rsplit('/').next()?;
    (!last.is_empty() && last.len() <= 20 && last.bytes().all(|b| b.is_ascii_digit()))
        .then(|| last.to_owned())
}

/// A scheduler's name for a network: `Twitter`, `X`, `LinkedIn Company
/// Page`, `Instagram Business`… (the first word decides).
fn network(name: &str) -> Option<Network> {
    let lower = name.trim().to_lowercase();
    let first = lower.split([' ', '(', '-']).next().unwrap_or("");
    match first {
        "twitter" | "x" => Some(Network::X),
        "facebook" => Some(Network::Facebook),
        "instagram" => Some(Network::Instagram),
        "linkedin" => Some(Network::Linkedin),
        "tiktok" => Some(Network::Tiktok),
        "youtube" => Some(Network::Youtube),
        "threads" => Some(Network::Threads),
        "bluesky" => Some(Network::Bluesky),
        "mastodon" => Some(Network::Mastodon),
        _ => None,
    }
}

/// ISO 8601 dates and times: with an offset, local (in `zone`), or a day.
fn iso(raw: &str, zone: Tz) -> Option<When> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(When::At(t.with_timezone(&Utc)));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(raw, f) {
            return zone
                .from_local_datetime(&t)
                .earliest()
                .map(|t| When::At(t.with_timezone(&Utc)));
        }
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .map(When::Day)
}

/// Month names and abbreviations, English and French.
const MONTHS: [&[&str]; 12] = [
    &["jan", "january", "janv", "janvier"],
    &["feb", "february", "févr", "fevr", "février", "fevrier"],
    &["mar", "march", "mars"],
    &["apr", "april", "avr", "avril"],
    &["may", "mai"],
    &["jun", "june", "juin"],
    &["jul", "july", "juil", "juillet"],
    &["aug", "august", "août", "aout"],
    &["sep", "sept", "september", "septembre"],
    &["oct", "october", "octobre"],
    &["nov", "november", "novembre"],
    &["dec", "december", "déc", "dec", "décembre", "decembre"],
];

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|i| i as u32 + 1)
}

/// A date written in words, English or French: `Apr 29, 2020`,
/// `Tue, Jul 14, 2026`, `28 sept. 2026`, `11 septembre`. Without a year,
/// the last such day on or before `collected`.
fn words_date(raw: &str, collected: NaiveDate) -> Option<NaiveDate> {
    let (mut day, mut month_n, mut year) = (None, None, None);
    for word in raw.split(|c: char| c.is_whitespace() || c == ',') {
        if word.is_empty() {
            continue;
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            match word.len() {
                1 | 2 if day.is_none() => day = word.parse::<u32>().ok(),
                4 if year.is_none() => year = word.parse::<i32>().ok(),
                _ => return None,
            }
        } else if let Some(m) = month(word)
            && month_n.replace(m).is_some()
        {
            return None;
        }
        // Any other word is a weekday (`Tue`, `mar.`): ignored.
    }
    let (day, month_n) = (day?, month_n?);
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month_n, day),
        None => [collected.year(), collected.year() - 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month_n, day))
            .find(|d| *d <= collected),
    }
}

/// The date a vendor writes in an export's file name: the end of the period
/// (`Oct-01-2026_Oct-31-2026_…`, `…_20170401_20170408_en`,
/// `account_analytics_content_2026-10-01_2026-10-31`) or the export's
/// Unix-milliseconds stamp (`…_content_1771194457360`).
pub fn file_date(name: &str) -> Option<NaiveDate> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.split(['_', ' '])
        .filter_map(|part| {
            let part = part.trim_matches(|c: char| c == '(' || c == ')');
            NaiveDate::parse_from_str(part, "%b-%d-%Y")
                .or_else(|_| NaiveDate::parse_from_str(part, "%Y-%m-%d"))
                .ok()
                .or_else(|| {
                    (part.len() == 8 && part.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| NaiveDate::parse_from_str(part, "%Y%m%d").ok())
                        .flatten()
                })
                .or_else(|| {
                    (part.len() == 13 && part.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| part.parse::<i64>().ok())
                        .flatten()
                        .and_then(DateTime::from_timestamp_millis)
                        .map(|t| t.date_naive())
                })
        })
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_exports_write_them() {
        assert_eq!(count("29.0"), Ok(Some(29)));
        assert_eq!(count("1,234"), Ok(Some(1234)));
        assert_eq!(count("44\u{202f}531"), Ok(Some(44531)));
        assert_eq!(count("12,0"), Ok(Some(12)));
        assert_eq!(count("-"), Ok(None));
        assert_eq!(count("NA"), Ok(None));
        assert_eq!(count(""), Ok(None));
        assert!(count("-14").is_err());
        assert!(count("6.31%").is_err());
        assert!(count("0.46").is_err());
        assert!(count("Lifetime: The total number").is_err());
    }

    #[test]
    fn dates_in_words() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(words_date("Apr 29, 2020", today), d(2020, 4, 29));
        assert_eq!(words_date("Tue, Jul 14, 2026", today), d(2026, 7, 14));
        assert_eq!(words_date("28 sept. 2026", today), d(2026, 9, 28));
        assert_eq!(words_date("11 septembre", today), d(2026, 9, 11));
        assert_eq!(words_date("30 décembre", today), d(2025, 12, 30));
        assert_eq!(words_date("30 Μαΐου", today), None);
    }

    #[test]
    fn snowflakes_give_the_time() {
        // A real row of a public X export: id 849049020249120769 is
        // `2017-04-04 00:00 +0000` in its `time` column.
        let reader = RowReader {
            format: super::super::format::by_name("x-classic").unwrap(),
            located: &[],
            zone: chrono_tz::UTC,
            collected: NaiveDate::from_ymd_opt(2017, 4, 8).unwrap(),
        };
        let at = reader.snowflake(Some("849049020249120769"), None).unwrap();
        assert_eq!(at.format("%Y-%m-%d %H:%M").to_string(), "2017-04-04 00:00");
    }

    #[test]
    fn file_names_give_the_date() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            file_date("Jan-27-2025_Feb-23-2025_541651602373282 (1).csv"),
            d(2025, 2, 23)
        );
        assert_eq!(
            file_date("tweet_activity_metrics_TCORSStgOrg_20170401_20170408_en.csv"),
            d(2017, 4, 8)
        );
        assert_eq!(
            file_date("account_analytics_content_2026-10-01_2026-10-31.csv"),
            d(2026, 10, 31)
        );
        assert_eq!(file_date("Table data.csv"), None);
    }

    #[test]
    fn mangled_ids() {
        assert!(is_mangled("1.22158E+17"));
        assert!(!is_mangled("122158000000000000"));
        assert!(!is_mangled("pfbid02E+x"));
    }
}
