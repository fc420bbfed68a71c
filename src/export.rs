//! Exports: what leaves edcal for the tools that publish (scheduler CSV
//! files) and for the team's calendar (iCalendar).
//!
//! This module owns what every CSV format shares: which (post, channel) pairs
//! are selected, the gates a pair must pass to be exported at all, the limits
//! a row must respect in its format, and the split into one file per channel
//! and per row cap. Each format's own layout is in `export/<format>.rs`; the
//! iCalendar export is in [`ics`]. Everything here is pure: the clock comes in
//! as `now`, and files are returned as bytes; `commands::export` writes them
//! with [`write_atomic`].

mod buffer;
mod generic;
mod hootsuite;
pub mod ics;
mod publer;
mod sprout;
pub mod xlsx;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::model::{Calendar, Channel, ExportFormat, Language, Post, Role, Status};
use crate::publish::{self, Link, Published};

/// The day and month order of formats that let the import dialog choose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
}

impl DateOrder {
    /// `dmy` for a French calendar, else `mdy`.
    pub fn default_for(language: Language) -> DateOrder {
        match language {
            Language::Fr => DateOrder::Dmy,
            Language::En => DateOrder::Mdy,
        }
    }
}

/// What `edcal export csv` was asked for, defaults applied.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// `--for`; `None`: each channel's own `export`.
    pub format: Option<ExportFormat>,
    /// `--channel`; empty: every channel.
    pub channels: Vec<String>,
    /// First local day exported (default: today).
    pub from: NaiveDate,
    /// Last local day exported, included.
    pub to: Option<NaiveDate>,
    pub date_order: DateOrder,
    /// The zone the times are written in (default: the calendar's).
    pub tz: Tz,
    /// The moment the file is made, for the formats' lead times.
    pub now: DateTime<Utc>,
    /// `--max-rows`: rows per file, below the format's own cap.
    pub max_rows: Option<usize>,
}

/// One (post, channel) pair, or one occurrence of a repeating post on a
/// channel, that is not exported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub channel: String,
    /// The post id, or `<post>@<date>` for an occurrence.
    pub id: String,
    /// Local time in the export zone; `None` for an unplaced pair.
    pub at: Option<NaiveDateTime>,
    pub reason: String,
    /// The gate that held a skipped pair back; `None` for a row its format
    /// refused.
    pub refusal: Option<Refusal>,
}

/// Why a pair does not pass the gates of every export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not `approved`, `scheduled` or `published`.
    NotApproved(Status),
    /// Approved status without a lead's approval.
    NoApproval,
    /// A theme needs a physician's review and there is none by a physician.
    NoMedicalReview(String),
    /// The content changed since it was approved (sealed approvals).
    Stale,
    /// `[rules] sealed_approvals = true` and the approval (or the review the
    /// post needs) carries no digest; names which.
    Unsealed(&'static str),
    /// Inside a freeze window and not on an allowed theme.
    Frozen(String),
    /// No time on this channel yet.
    Unplaced,
}

impl Refusal {
    /// Whether the lead must act for the pair to go out as planned: it
    /// looks approved, but an approval, a review or a seal is missing or
    /// no longer matches. The other reasons (not approved yet, no time,
    /// a freeze) are where the pair stands in the workflow.
    pub fn needs_action(&self) -> bool {
        matches!(
            self,
            Refusal::NoApproval
                | Refusal::NoMedicalReview(_)
                | Refusal::Stale
                | Refusal::Unsealed(_)
        )
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotApproved(status) => write!(f, "status `{}`, not approved", status.name()),
            Refusal::NoApproval => f.write_str("no approval by a lead"),
            Refusal::NoMedicalReview(theme) => {
                write!(
                    f,
                    "theme `{theme}` needs a physician's review, and there is none"
                )
            }
            Refusal::Stale => f.write_str("the content changed since it was approved"),
            Refusal::Unsealed(what) => write!(
                f,
                "the {what} is not sealed (`sealed_approvals = true`: approve or review it with edcal)"
            ),
            Refusal::Frozen(why) => write!(f, "frozen ({why}) and not on an allowed theme"),
            Refusal::Unplaced => f.write_str("no time yet (`edcal schedule` places it)"),
        }
    }
}

/// The gates every export applies to a pair, in this order: approved,
/// reviewed, not stale (see `seal`), sealed when `[rules] sealed_approvals`
/// asks, with a time, not frozen. `at` is the pair's local
/// time in the calendar's zone. The first gate that fails is the reason.
pub fn gate(calendar: &Calendar, post: &Post, at: Option<NaiveDateTime>) -> Result<(), Refusal> {
    let status = post.status.value;
    if !status.is_approved() {
        return Err(Refusal::NotApproved(status));
    }
    let by_role = |approval: Option<&crate::model::Approval>, role: Role| {
        approval.is_some_and(|a| calendar.team.get(&a.by).is_some_and(|m| m.role == role))
    };
    if !by_role(post.approval.as_ref(), Role::Lead) {
        return Err(Refusal::NoApproval);
    }
    if let Some(theme) = post
        .themes
        .iter()
        .find(|t| calendar.themes.get(*t).is_some_and(|t| t.medical_review))
        && !by_role(post.medical_review.as_ref(), Role::Physician)
    {
        return Err(Refusal::NoMedicalReview(theme.clone()));
    }
    if crate::seal::is_stale(calendar, post) {
        return Err(Refusal::Stale);
    }
    if let Some(what) = crate::seal::unsealed(calendar, post) {
        return Err(Refusal::Unsealed(what));
    }
    let Some(at) = at else {
        return Err(Refusal::Unplaced);
    };
    if let Some(freeze) = crate::closed::freeze_at(calendar, post, at) {
        return Err(Refusal::Frozen(freeze.why.clone()));
    }
    Ok(())
}

/// One row about to be written, in the export zone.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub id: String,
    pub post: &'a Post,
    pub channel: &'a Channel,
    /// Wall-clock time in the export zone.
    pub local: NaiveDateTime,
    pub instant: DateTime<Utc>,
    /// Composed as the format places the link.
    pub published: Published<'a>,
    /// The URL of each of `published.media`, same order; `None` for a local
    /// file without `media_base_url` (see [`crate::upload`]).
    pub urls: Vec<Option<String>>,
    /// The export zone, for formats that write offsets.
    pub tz: Tz,
}

/// How a format lays out and limits its rows. One value per format, in
/// `export/<format>.rs`.
pub(crate) struct Format {
    pub id: ExportFormat,
    /// The product's name, for messages.
    pub product: &'static str,
    pub header: Option<&'static [&'static str]>,
    /// Rows per file; more go to `<channel>-2.csv`, …
    pub cap: Option<usize>,
    /// Where the link goes for this post on this channel.
    pub link: fn(&Post, &str) -> Link,
    /// How far after `now` a row must be; `None`: past rows are fine.
    pub lead_minutes: Option<i64>,
    /// Minutes a row must keep from every other row of its channel
    /// (`Some(1)`: not in the same minute).
    pub spacing_minutes: Option<i64>,
    /// A scheduler's import (not a spreadsheet): the hints say how to
    /// import, and the lead times and spacing apply.
    pub scheduler: bool,
    /// The format's own limits on one row.
    pub check: fn(&Row<'_>) -> Result<(), String>,
    /// The cells of one row.
    pub record: fn(&Row<'_>, DateOrder) -> Vec<String>,
    /// Media the format does not carry, to attach in the scheduler by hand.
    pub by_hand: fn(&Row<'_>) -> Vec<String>,
    /// How to import: the zone to set (given) and the date format to pick.
    pub import: fn(&str, DateOrder) -> String,
}

/// The layout of `format`.
pub(crate) fn layout(format: ExportFormat) -> &'static Format {
    match format {
        ExportFormat::Hootsuite => &hootsuite::FORMAT,
        ExportFormat::Buffer => &buffer::FORMAT,
        ExportFormat::Publer => &publer::FORMAT,
        ExportFormat::Sprout => &sprout::FORMAT,
        ExportFormat::Generic => &generic::FORMAT,
    }
}

/// The name of a format as `--for` and channels.toml write it.
pub fn format_name(format: ExportFormat) -> &'static str {
    ExportFormat::ALL
        .iter()
        .find(|(_, f)| *f == format)
        .map_or("generic", |(n, _)| n)
}

/// One CSV file of an export.
#[derive(Debug, Clone)]
pub struct CsvFile {
    /// `<channel>.csv`, `<channel>-2.csv`, …
    pub name: String,
    pub format: ExportFormat,
    pub rows: usize,
    pub bytes: Vec<u8>,
}

/// Everything `edcal export csv` has to say.
#[derive(Debug, Default)]
pub struct CsvExport {
    pub files: Vec<CsvFile>,
    /// Pairs that did not pass the gates, by channel, time, id.
    pub skipped: Vec<Listed>,
    /// Rows that broke a limit of their format, same order.
    pub refused: Vec<Listed>,
    /// Channels left out because they have no `export` format.
    pub no_format: Vec<String>,
    /// Things to know before importing: formula cells, media to attach.
    pub notes: Vec<FileNote>,
    /// Per format used, what to set in the scheduler.
    pub hints: Vec<FormatHint>,
}

/// Something to know about one file before importing it. The file is named
/// by its index in [`CsvExport::files`]: only the command knows where it was
/// written (`-o`, `--out-dir`, stdout), and a message names that path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNote {
    pub file: usize,
    pub text: String,
}

/// What to set in a scheduler to import the files of one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatHint {
    pub format: ExportFormat,
    /// Indexes in [`CsvExport::files`].
    pub files: Vec<usize>,
    pub text: String,
}

/// The rows of the selection, by channel, with each channel's format;
/// the pairs that do not pass the gates go to `out.skipped`, the channels
/// without a format to `out.no_format`.
#[allow(clippy::type_complexity)]
fn selected<'a>(
    calendar: &'a Calendar,
    options: &CsvOptions,
    out: &mut CsvExport,
) -> Result<BTreeMap<&'a str, (ExportFormat, Vec<Row<'a>>)>> {
    for id in &options.channels {
        if !calendar.channels.contains_key(id) {
            let hint = crate::raw::closest(id, calendar.channels.keys().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            bail!("unknown channel `{id}`{hint}");
        }
    }
    let mut formats: BTreeMap<&str, ExportFormat> = BTreeMap::new();
    for (id, channel) in &calendar.channels {
        if !options.channels.is_empty() && !options.channels.contains(id) {
            continue;
        }
        match options.format.or(channel.export) {
            Some(format) => {
                formats.insert(id, format);
            }
            None if options.channels.is_empty() => out.no_format.push(id.clone()),
            None => {
                bail!("channel `{id}` has no `export` format in channels.toml; pass `--for FORMAT`")
            }
        }
    }

    // Select the pairs: placed ones in the date range, unplaced ones whose
    // window meets it. Cancelled posts are not part of the plan.
    let in_range = |day: NaiveDate| day >= options.from && options.to.is_none_or(|to| day <= to);
    let mut rows: BTreeMap<&str, (ExportFormat, Vec<Row<'_>>)> = BTreeMap::new();
    for fixed in calendar.fixed() {
        let Some(&format) = formats.get(fixed.channel) else {
            continue;
        };
        if !in_range(fixed.time.local.date()) {
            continue;
        }
        let id = fixed.id();
        let instant = fixed.time.instant.with_timezone(&Utc);
        let local = instant.with_timezone(&options.tz).naive_local();
        if let Err(refusal) = gate(calendar, fixed.post, Some(fixed.time.local)) {
            out.skipped
                .push(skipped(fixed.channel, id, Some(local), refusal));
            continue;
        }
        let channel = &calendar.channels[fixed.channel];
        let published = publish::compose_tagged_on(
            calendar,
            fixed.post,
            fixed.channel,
            fixed.occurrence,
            (layout(format).link)(fixed.post, fixed.channel),
        );
        let base = crate::upload::base_url(calendar, channel);
        let urls = published
            .media
            .iter()
            .map(|m| crate::upload::url(m, base))
            .collect();
        rows.entry(fixed.channel)
            .or_insert_with(|| (format, Vec::new()))
            .1
            .push(Row {
                id,
                post: fixed.post,
                channel,
                local,
                instant,
                published,
                urls,
                tz: options.tz,
            });
    }
    for post in calendar
        .posts
        .iter()
        .filter(|p| p.status.value != Status::Cancelled)
    {
        for channel in post.channel_ids() {
            if !formats.contains_key(channel) || post.at(channel).is_some() {
                continue;
            }
            let (start, end) = post.window(channel, calendar, options.from);
            let meets = end.is_none_or(|end| end >= options.from)
                && options.to.is_none_or(|to| start <= to);
            if !meets {
                continue;
            }
            let refusal = gate(calendar, post, None).expect_err("an unplaced pair never passes");
            out.skipped
                .push(skipped(channel, post.id.value.clone(), None, refusal));
        }
    }
    Ok(rows)
}

/// Builds every CSV file of the selection.
pub fn csv(calendar: &Calendar, options: &CsvOptions) -> Result<CsvExport> {
    let mut out = CsvExport::default();
    let rows = selected(calendar, options, &mut out)?;
    for (channel, (format, mut channel_rows)) in rows {
        let format = layout(format);
        channel_rows.sort_by(|a, b| (a.instant, &a.id).cmp(&(b.instant, &b.id)));
        let kept = limit(format, channel_rows, options, &mut out.refused);
        write_files(format, channel, &kept, options, &mut out)?;
    }

    let order = |l: &Listed| (l.channel.clone(), l.at.is_none(), l.at, l.id.clone());
    out.skipped.sort_by_key(order);
    out.refused.sort_by_key(order);
    let mut used: BTreeMap<ExportFormat, Vec<usize>> = BTreeMap::new();
    for (i, file) in out.files.iter().enumerate() {
        used.entry(file.format).or_default().push(i);
    }
    for (format, files) in used {
        let layout = layout(format);
        let text = if layout.scheduler {
            format!(
                "wall-clock times in {}: {}",
                options.tz.name(),
                (layout.import)(options.tz.name(), options.date_order),
            )
        } else {
            format!("times in RFC 3339, in UTC and in {}", options.tz.name())
        };
        out.hints.push(FormatHint {
            format,
            files,
            text,
        });
    }
    Ok(out)
}

fn listed(channel: &str, id: String, at: Option<NaiveDateTime>, reason: String) -> Listed {
    Listed {
        channel: channel.to_owned(),
        id,
        at,
        reason,
        refusal: None,
    }
}

fn skipped(channel: &str, id: String, at: Option<NaiveDateTime>, refusal: Refusal) -> Listed {
    Listed {
        reason: refusal.to_string(),
        refusal: Some(refusal),
        ..listed(channel, id, at, String::new())
    }
}

/// Applies the limits shared by every format (lead time, spacing, minutes,
/// a time the scheduler reads once) and the format's own; returns the rows
/// kept, in order.
fn limit<'a>(
    format: &Format,
    rows: Vec<Row<'a>>,
    options: &CsvOptions,
    refused: &mut Vec<Listed>,
) -> Vec<Row<'a>> {
    let mut kept: Vec<Row<'a>> = Vec::with_capacity(rows.len());
    for row in rows {
        let verdict = clean_cells(format, &row, options.date_order)
            .and_then(|()| uploadable(format, &row))
            .and_then(|()| shared_limits(format, &row, &kept, options))
            .and_then(|()| (format.check)(&row));
        match verdict {
            Ok(()) => kept.push(row),
            Err(reason) => refused.push(listed(
                &row.channel.id,
                row.id.clone(),
                Some(row.local),
                format!("{}: {reason}", format.product),
            )),
        }
    }
    kept
}

/// No cell of any format carries a control character (`check` reports
/// them as `control-character`; this holds even where the rule is
/// allowed), nor text a spreadsheet would run as a formula: the schedulers
/// publish a cell as it is, so a protective `'` would be published too, and
/// the only safe file is one without such a cell.
fn clean_cells(format: &Format, row: &Row<'_>, order: DateOrder) -> Result<(), String> {
    for cell in (format.record)(row, order) {
        if let Some(&(_, c)) = crate::rules::find_controls(&cell).first() {
            return Err(format!(
                "the text holds the control character {} (`edcal check` points at it)",
                crate::rules::describe_control(c)
            ));
        }
        if formula_like(&cell) {
            return Err(format!(
                "\"{}\" would run as a formula in a spreadsheet that opens the file; \
                 rewrite the start of the text",
                shorten(&cell, 40)
            ));
        }
    }
    Ok(())
}

/// A network that publishes no text alone gets no row without media the
/// scheduler can fetch, in every format (see [`crate::upload::refusal`]).
fn uploadable(format: &Format, row: &Row<'_>) -> Result<(), String> {
    match crate::upload::refusal(
        row.channel,
        row.published.media,
        &row.urls,
        format.id,
        format.product,
    ) {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

fn shorten(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or_default();
    if first.chars().count() <= max && first.len() == text.len() {
        return first.to_owned();
    }
    let cut: String = first.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

fn shared_limits(
    format: &Format,
    row: &Row<'_>,
    kept: &[Row<'_>],
    options: &CsvOptions,
) -> Result<(), String> {
    if !format.scheduler {
        return Ok(());
    }
    if row.local.second() != 0 {
        return Err("times are written to the minute; this one has seconds".to_owned());
    }
    if let LocalResult::Ambiguous(..) = options.tz.from_local_datetime(&row.local) {
        return Err(format!(
            "{} happens twice in {} (clocks go back): the scheduler cannot tell which",
            row.local.format("%Y-%m-%d %H:%M"),
            options.tz.name()
        ));
    }
    if let Some(lead) = format.lead_minutes {
        let earliest = options.now + Duration::minutes(lead);
        if row.instant < earliest {
            let now = options
                .now
                .with_timezone(&options.tz)
                .format("%Y-%m-%d %H:%M");
            let ahead = (row.instant - options.now).num_minutes();
            return Err(if row.instant <= options.now {
                format!("in the past (now is {now})")
            } else {
                format!(
                    "{} after now ({now}); a post must be at least {lead} minutes after the upload",
                    if ahead == 0 {
                        "less than a minute".to_owned()
                    } else if ahead == 1 {
                        "1 minute".to_owned()
                    } else {
                        format!("{ahead} minutes")
                    }
                )
            });
        }
    }
    if let Some(gap) = format.spacing_minutes
        && let Some(other) = kept
            .iter()
            .rev()
            .find(|k| (row.instant - k.instant).num_minutes().abs() < gap)
    {
        return Err(if gap == 1 {
            format!(
                "`{}` is in the same minute; one post per time slot",
                other.id
            )
        } else {
            format!(
                "`{}` is at {}: rows must be at least {gap} minutes apart",
                other.id,
                other.local.format("%H:%M")
            )
        });
    }
    Ok(())
}

/// Splits a channel's rows at the format's cap and serialises each file.
fn write_files(
    format: &Format,
    channel: &str,
    rows: &[Row<'_>],
    options: &CsvOptions,
    out: &mut CsvExport,
) -> Result<()> {
    let date_order = options.date_order;
    let chunk = format
        .cap
        .unwrap_or(usize::MAX)
        .min(options.max_rows.unwrap_or(usize::MAX))
        .max(1);
    for (n, part) in rows.chunks(chunk).enumerate() {
        let name = if n == 0 {
            format!("{channel}.csv")
        } else {
            format!("{channel}-{}.csv", n + 1)
        };
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        if let Some(header) = format.header {
            writer.write_record(header)?;
        }
        for row in part {
            let cells = (format.record)(row, date_order);
            if let Some(c) = formula_start(&row.published.text) {
                let advice = if format.scheduler {
                    "import it as is and do not open the file in a spreadsheet"
                } else {
                    "in a spreadsheet, import the `text` column as text"
                };
                out.notes.push(FileNote {
                    file: out.files.len(),
                    text: format!(
                        "the text of `{}` starts with {}: the file carries it as approved, so {advice}",
                        row.id,
                        describe(c)
                    ),
                });
            }
            for media in (format.by_hand)(row) {
                let why = if crate::model::is_url(&media) {
                    "the format has no column for it"
                } else {
                    "a local file without `media_base_url` is not a URL the scheduler can fetch"
                };
                out.notes.push(FileNote {
                    file: out.files.len(),
                    text: format!(
                        "attach `{media}` to `{}` ({}) by hand in {} ({why})",
                        row.id,
                        row.local.format("%Y-%m-%d %H:%M"),
                        format.product
                    ),
                });
            }
            writer.write_record(&cells)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write {name}: {e}"))?;
        out.files.push(CsvFile {
            name,
            format: format.id,
            rows: part.len(),
            bytes,
        });
    }
    Ok(())
}

/// The characters a spreadsheet takes as the start of a formula (OWASP's
/// list for CSV injection, https://owasp.org/www-community/attacks/CSV_Injection).
const FORMULA_STARTS: [char; 5] = ['=', '+', '-', '@', '\t'];

/// The formula character a cell starts with, if any.
pub fn formula_start(cell: &str) -> Option<char> {
    cell.chars().next().filter(|c| FORMULA_STARTS.contains(c))
}

/// A cell a spreadsheet would run: one starting with `=`, or with `+`, `-`
/// or `@` and a function call (`+HYPERLINK(`) or a pipe (`-2+cmd|`, the
/// DDE form) in its first word. A phone number (`+33 5 61…`), a list
/// (`- un`) or a mention (`@CliniquePJ`) is not: such texts are common in
/// posts and stay as approved, with a note.
pub fn formula_like(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else {
        return false;
    };
    match first {
        '=' => true,
        '+' | '-' | '@' => {
            let head = cell[1..].trim_start();
            let word = head.split(char::is_whitespace).next().unwrap_or_default();
            let name_len = word
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(word.len());
            let call = name_len > 0
                && word.as_bytes()[0].is_ascii_alphabetic()
                && word[name_len..].starts_with('(');
            call || word.contains('|')
        }
        _ => false,
    }
}

fn describe(c: char) -> String {
    match c {
        '\t' => "a tab".to_owned(),
        c => format!("`{c}`"),
    }
}

/// Media of a row that a scheduler can fetch, with their URLs.
fn media_urls<'a>(row: &'a Row<'_>) -> impl Iterator<Item = (&'a crate::model::Media, &'a str)> {
    row.published
        .media
        .iter()
        .zip(&row.urls)
        .filter_map(|(m, url)| url.as_deref().map(|url| (m, url)))
}

/// Local media files of a row without a URL: a scheduler cannot fetch them.
fn local_media(row: &Row<'_>) -> Vec<String> {
    row.published
        .media
        .iter()
        .zip(&row.urls)
        .filter(|(_, url)| url.is_none())
        .map(|(m, _)| m.file.value.clone())
        .collect()
}

/// Every media of a row, as its URL where it has one, for formats with no
/// media column.
fn all_media(row: &Row<'_>) -> Vec<String> {
    row.published
        .media
        .iter()
        .zip(&row.urls)
        .map(|(m, url)| url.clone().unwrap_or_else(|| m.file.value.clone()))
        .collect()
}

/// Writes `bytes` to `path` without ever leaving a partial file: a temporary
/// file in the same folder, flushed to disk, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("`{}` is not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.edcal-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("failed to write {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_found() {
        for (cell, start, live) in [
            ("=SUM(A1)", Some('='), true),
            ("=HYPERLINK(\"https://x.example\";\"ici\")", Some('='), true),
            ("= Nouveaux horaires =", Some('='), true),
            ("+HYPERLINK(\"https://x.example\")", Some('+'), true),
            ("@SUM(A1:A3) et plus", Some('@'), true),
            ("-2+3+cmd|' /C calc'!A0", Some('-'), true),
            ("+33 5 61 00 00 00", Some('+'), false),
            ("+33(0)5 61 00 00 00", Some('+'), false),
            ("- liste", Some('-'), false),
            ("@CliniquePJ (Toulouse) vous répond", Some('@'), false),
            ("\tx", Some('\t'), false),
            ("Bonjour =SUM(A1)", None, false),
            ("", None, false),
        ] {
            assert_eq!(formula_start(cell), start, "{cell:?}");
            assert_eq!(formula_like(cell), live, "{cell:?}");
        }
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(write_atomic(&dir.path().join("missing/x.csv"), b"x").is_err());
    }
}
