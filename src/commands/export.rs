//! `edcal export csv|ics`: check the calendar, leave out what its errors
//! block (see [`crate::blocked`]), build the files (`export`) from the
//! rest, write them without ever leaving a partial file, and say on stderr
//! what was left out and how to import. Exit 1 when anything was blocked.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use crate::check::Checked;
use crate::diagnostic::{self, Severity};
use crate::export::{self, CsvOptions, DateOrder, Listed};
use crate::model::ExportFormat;
use crate::{Context, Now};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Scheduler CSV files: one per channel, split at the format's row cap
    ///
    /// Only pairs that are approved (or later), with every review they need,
    /// not frozen and with a time are exported; the others are listed on
    /// stderr with the reason. Rows a format refuses are listed too (exit 1).
    /// Posts and channels with errors are left out and named (exit 1).
    /// Without --for, each channel uses its `export` in channels.toml
    /// (channels without one are left out).
    Csv(CsvArgs),
    /// The plan as iCalendar (RFC 5545) for a team calendar
    ///
    /// Posts and channels with errors are left out and named (exit 1).
    Ics(IcsArgs),
    /// The exported rows as a typed spreadsheet (.xlsx): a sheet per channel
    /// and a summary, texts as text cells (never formulas), real date cells
    Xlsx(XlsxArgs),
}

#[derive(Debug, Args)]
pub struct XlsxArgs {
    /// Write the file here [default: stdout]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only this channel (repeatable)
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// First day exported, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Last day exported, included, YYYY-MM-DD [default: no end]
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// The moment of the export, written as the file's creation date
    /// (`2026-12-01T08:25`, or with `Z` or an offset) [default: the clock]
    #[arg(long, value_name = "DATETIME", value_parser = Now::parse)]
    pub now: Option<Now>,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The scheduler's format, for every channel [default: each channel's `export`]
    #[arg(long = "for", value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Only this channel (repeatable)
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// First day exported, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::date)]
    pub from: Option<NaiveDate>,

    /// Last day exported, included, YYYY-MM-DD [default: no end]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::date)]
    pub to: Option<NaiveDate>,

    /// Write the one file of the selection here [default: stdout]
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,

    /// Write every file here as `<channel>.csv`, `<channel>-2.csv`… (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Day and month order of Hootsuite and Sprout dates [default: dmy for a
    /// French calendar, else mdy]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,

    /// Write times in this IANA zone [default: the calendar's]
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub tz: Option<chrono_tz::Tz>,

    /// List every skipped pair, not only those the lead must act on
    #[arg(short, long)]
    pub verbose: bool,
    /// The moment of the upload, for the formats' lead times:
    /// `2026-12-01T08:25` in the calendar's zone, or with `Z` or an offset;
    /// also today, unless --today says otherwise [default: the clock]
    #[arg(long, value_name = "DATETIME", value_parser = Now::parse)]
    pub now: Option<Now>,

    /// At most N rows per file, below the format's own cap (Buffer 100,
    /// Hootsuite and Sprout 350): `<channel>-2.csv`… take the rest
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_rows: Option<u32>,
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    /// Write the file here [default: stdout]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write instead "review by" events for the posts awaiting approval or a
    /// physician's review
    #[arg(long)]
    pub reviews: bool,

    /// Read no history: DTSTAMP from the data, SEQUENCE 0, no
    /// LAST-MODIFIED (the same files then give the same bytes whatever
    /// their history) [default: from git, else the files' times]
    #[arg(long)]
    pub no_history: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Hootsuite,
    Buffer,
    Publer,
    Sprout,
    Generic,
}

impl From<FormatArg> for ExportFormat {
    fn from(arg: FormatArg) -> ExportFormat {
        match arg {
            FormatArg::Hootsuite => ExportFormat::Hootsuite,
            FormatArg::Buffer => ExportFormat::Buffer,
            FormatArg::Publer => ExportFormat::Publer,
            FormatArg::Sprout => ExportFormat::Sprout,
            FormatArg::Generic => ExportFormat::Generic,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    Dmy,
    Mdy,
}

fn parse_zone(s: &str) -> Result<chrono_tz::Tz, String> {
    s.parse()
        .map_err(|_| format!("unknown time zone `{s}`; use an IANA name such as `Europe/Paris`"))
}

pub fn run(command: &ExportCommand, ctx: &mut Context<'_>) -> Result<u8> {
    let mut checked = match command {
        ExportCommand::Csv(args) => ctx.check_at(args.now)?,
        ExportCommand::Ics(_) => ctx.check()?,
        ExportCommand::Xlsx(args) => ctx.check_at(args.now)?,
    };
    let blocked = checked.blocked.clone();
    if blocked.all() {
        for d in checked.diagnostics.iter().filter(|d| {
            d.severity == Severity::Error
                && blocked
                    .everything
                    .contains(&checked.sources.get(d.span.source).path)
        }) {
            writeln!(
                ctx.stderr,
                "{}\n",
                diagnostic::render_human(d, &checked.sources, ctx.color)
            )?;
        }
        for line in blocked.lines() {
            writeln!(ctx.stderr, "{line}")?;
        }
        writeln!(ctx.stderr, "edcal: nothing exported")?;
        return Ok(1);
    }
    // Every error blocks something, if only the post it is about.
    let errors = checked.errors();
    leave_out(&mut checked);
    let code = match command {
        ExportCommand::Csv(args) => csv(args, &checked, ctx),
        ExportCommand::Ics(args) => ics(args, &checked, ctx),
        ExportCommand::Xlsx(args) => xlsx(args, &checked, ctx),
    }?;
    for line in blocked.lines() {
        writeln!(ctx.stderr, "{line}")?;
    }
    Ok(code.max(u8::from(errors > 0)))
}

/// The moment of the upload, for the schedulers' lead times, which count
/// from the upload: `--now`, else the clock. A `--today` other than the
/// clock's day pretends another day, whose time of upload the clock cannot
/// tell: its midnight is taken, so the same command gives the same file
/// (give `--now` for a time of day).
fn upload_time(
    now: Option<Now>,
    tz: chrono_tz::Tz,
    ctx: &Context<'_>,
) -> chrono::DateTime<chrono::Utc> {
    if let Some(now) = now {
        return now.instant(tz);
    }
    let clock = ctx.env.now;
    match ctx.cli.today {
        Some(day) if day != clock.with_timezone(&tz).date_naive() => {
            Now::Local(day.and_time(chrono::NaiveTime::MIN)).instant(tz)
        }
        _ => clock,
    }
}

/// Takes what the errors block out of the calendar to export: the blocked
/// posts, and the blocked channels (their pairs then have nowhere to go).
/// What stays is exported exactly as if nothing were wrong elsewhere.
fn leave_out(checked: &mut Checked) {
    let checked = &mut *checked;
    let (blocked, sources) = (&checked.blocked, &checked.sources);
    checked
        .calendar
        .posts
        .retain(|post| !blocked.post(post, sources));
    checked
        .calendar
        .channels
        .retain(|id, _| !blocked.channels.contains(id));
}

fn csv(args: &CsvArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let calendar = &checked.calendar;
    let tz = calendar.settings.tz;
    let now = upload_time(args.now, tz, ctx);
    // A channel asked for but blocked is left out like the others (the
    // lines on what was blocked say why).
    let channels: Vec<String> = args
        .channel
        .iter()
        .filter(|c| !checked.blocked.channels.contains(*c))
        .cloned()
        .collect();
    if channels.is_empty() && !args.channel.is_empty() {
        writeln!(ctx.stderr, "edcal: nothing exported")?;
        return Ok(1);
    }
    let options = CsvOptions {
        format: args.format.map(Into::into),
        channels,
        from: args.from.unwrap_or(checked.today),
        to: args.to,
        date_order: match args.date_order {
            Some(DateOrderArg::Dmy) => DateOrder::Dmy,
            Some(DateOrderArg::Mdy) => DateOrder::Mdy,
            None => DateOrder::default_for(calendar.settings.language),
        },
        tz: args.tz.unwrap_or(tz),
        now,
        max_rows: args.max_rows.map(|n| n as usize),
    };
    let out = export::csv(calendar, &options)?;

    if let Some(dir) = &args.out_dir {
        let full = ctx.env.cwd.join(dir);
        std::fs::create_dir_all(&full)
            .with_context(|| format!("failed to create {}", dir.display()))?;
        for file in &out.files {
            export::write_atomic(&full.join(&file.name), &file.bytes)?;
        }
    } else if out.files.len() > 1 {
        let names: Vec<&str> = out.files.iter().map(|f| f.name.as_str()).collect();
        bail!(
            "the selection makes {} files ({}); write them with `--out-dir DIR`, or pick one channel with `--channel ID`",
            names.len(),
            names.join(", ")
        );
    } else if let Some(file) = out.files.first() {
        match &args.output {
            Some(path) => export::write_atomic(&ctx.env.cwd.join(path), &file.bytes)?,
            None => ctx.stdout.write_all(&file.bytes)?,
        }
    }

    // Where each file went, as the messages name it.
    let shown: Vec<String> = out
        .files
        .iter()
        .map(|file| match (&args.out_dir, &args.output) {
            (Some(dir), _) => slashed(&dir.join(&file.name)),
            (None, Some(path)) => slashed(path),
            (None, None) => "stdout".to_owned(),
        })
        .collect();
    let (listed, summed): (Vec<&Listed>, Vec<&Listed>) = out.skipped.iter().partition(|l| {
        args.verbose || l.refusal.as_ref().is_none_or(export::Refusal::needs_action)
    });
    for l in listed {
        writeln!(ctx.stderr, "{}", line("skipped", l))?;
    }
    for (reason, n) in by_reason(&summed) {
        writeln!(ctx.stderr, "skipped {}: {reason}", plural(n, "pair"))?;
    }
    if !summed.is_empty() {
        writeln!(
            ctx.stderr,
            "(`--verbose` lists the skipped pairs one by one)"
        )?;
    }
    for l in &out.refused {
        writeln!(ctx.stderr, "{}", line("refused", l))?;
    }
    if !out.no_format.is_empty() {
        writeln!(
            ctx.stderr,
            "left out: {} (no `export` format in channels.toml; pass `--for FORMAT` to include)",
            out.no_format.join(", ")
        )?;
    }
    for note in &out.notes {
        writeln!(ctx.stderr, "note: {}: {}", shown[note.file], note.text)?;
    }
    for hint in &out.hints {
        let files: Vec<&str> = hint.files.iter().map(|&i| shown[i].as_str()).collect();
        writeln!(
            ctx.stderr,
            "{}: {} — {}",
            export::format_name(hint.format),
            files.join(", "),
            hint.text
        )?;
    }
    let rows: usize = out.files.iter().map(|f| f.rows).sum();
    let written = match (&args.out_dir, &args.output) {
        (Some(dir), _) if !out.files.is_empty() => format!(" in {}", slashed(dir)),
        (None, Some(path)) if !out.files.is_empty() => format!(" to {}", slashed(path)),
        _ => String::new(),
    };
    writeln!(
        ctx.stderr,
        "edcal: {} exported in {}{written}; {} skipped, {} refused",
        plural(rows, "row"),
        plural(out.files.len(), "file"),
        out.skipped.len(),
        out.refused.len()
    )?;
    Ok(u8::from(!out.refused.is_empty()))
}

/// When each calendar file last changed and how often, for the iCalendar
/// events' DTSTAMP, LAST-MODIFIED and SEQUENCE: from git (the last commit
/// that changed the file, and how many did; a file with changes not yet
/// committed counts one more, at its modification time), else from the
/// file's modification time alone. A file whose time cannot be read gets
/// no stamp (the data's dates are used).
fn stamps(checked: &Checked) -> export::ics::Stamps {
    let history = crate::git::history(&checked.root);
    let mtime = |path: &str| -> Option<chrono::DateTime<chrono::Utc>> {
        let modified = std::fs::metadata(checked.root.join(path))
            .and_then(|m| m.modified())
            .ok()?;
        let t = chrono::DateTime::<chrono::Utc>::from(modified);
        // Whole seconds, as iCalendar writes them.
        chrono::DateTime::from_timestamp(t.timestamp(), 0)
    };
    let mut stamps = export::ics::Stamps::new();
    for (id, source) in checked.sources.iter() {
        let path = source.path.as_str();
        let committed = history.as_ref().and_then(|h| h.files.get(path).copied());
        let changed = history.as_ref().is_none_or(|h| h.changed.contains(path));
        let stamp = match (committed, changed) {
            (Some((time, count)), false) => {
                chrono::DateTime::from_timestamp(time, 0).map(|modified| export::ics::FileStamp {
                    modified,
                    sequence: count,
                })
            }
            (committed, _) => mtime(path).map(|modified| export::ics::FileStamp {
                modified,
                sequence: match (&history, committed) {
                    (None, _) => 0,
                    (Some(_), Some((_, count))) => count + 1,
                    (Some(_), None) => 1,
                },
            }),
        };
        if let Some(stamp) = stamp {
            stamps.insert(id, stamp);
        }
    }
    stamps
}

fn xlsx(args: &XlsxArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let calendar = &checked.calendar;
    let tz = calendar.settings.tz;
    let options = CsvOptions {
        format: Some(ExportFormat::Generic),
        channels: args.channel.clone(),
        from: args.from.unwrap_or(checked.today),
        to: args.to,
        date_order: DateOrder::default_for(calendar.settings.language),
        tz,
        now: upload_time(args.now, tz, ctx),
        max_rows: None,
    };
    let out = export::xlsx::xlsx(calendar, &options)?;
    match &args.output {
        Some(path) => export::write_atomic(&ctx.env.cwd.join(path), &out.bytes)?,
        None => ctx.stdout.write_all(&out.bytes)?,
    }
    for l in &out.skipped {
        writeln!(ctx.stderr, "{}", line("skipped", l))?;
    }
    for l in &out.refused {
        writeln!(ctx.stderr, "{}", line("refused", l))?;
    }
    let rows: usize = out.rows.values().sum();
    writeln!(
        ctx.stderr,
        "edcal: {} exported in {} (and a summary){}; {} skipped, {} refused",
        plural(rows, "row"),
        plural(out.rows.len(), "sheet"),
        args.output
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default(),
        out.skipped.len(),
        out.refused.len()
    )?;
    Ok(u8::from(!out.refused.is_empty()))
}

fn line(what: &str, l: &Listed) -> String {
    let at = l.at.map_or_else(
        || "(no time)".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    );
    format!("{what} {:<10} {at:<16} {}: {}", l.channel, l.id, l.reason)
}

/// The skipped pairs not listed one by one, counted by reason: most
/// frequent first, then by reason.
fn by_reason<'a>(skipped: &[&'a Listed]) -> Vec<(&'a str, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for l in skipped {
        *counts.entry(l.reason.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
}

/// A path as the user wrote it, with `/` on every system.
fn slashed(path: &std::path::Path) -> String {
    path.display().to_string().replace('\\', "/")
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn ics(args: &IcsArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let stamps = if args.no_history {
        export::ics::Stamps::new()
    } else {
        stamps(checked)
    };
    let text = export::ics::ics(&checked.calendar, args.reviews, &stamps);
    let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();
    match &args.output {
        Some(path) => export::write_atomic(&ctx.env.cwd.join(path), text.as_bytes())?,
        None => ctx.stdout.write_all(text.as_bytes())?,
    }
    let written = args
        .output
        .as_ref()
        .map_or_else(String::new, |path| format!(" written to {}", slashed(path)));
    writeln!(
        ctx.stderr,
        "edcal: {}{written}{}",
        plural(
            events,
            if args.reviews {
                "review event"
            } else {
                "event"
            }
        ),
        if args.reviews {
            ""
        } else {
            " (times in UTC: each calendar shows them in its own zone)"
        }
    )?;
    Ok(0)
}
