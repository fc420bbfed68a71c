//! `edcal export csv|ics`: check the calendar, refuse to export one with
//! errors, build the files (`export`), write them without ever leaving a
//! partial file, and say on stderr what was left out and how to import.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::{NaiveDate, TimeZone as _, Utc};
use clap::{Args, Subcommand, ValueEnum};

use crate::Context;
use crate::check::Checked;
use crate::diagnostic::{self, Severity};
use crate::export::{self, CsvOptions, DateOrder, Listed};
use crate::model::ExportFormat;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Scheduler CSV files: one per channel, split at the format's row cap
    ///
    /// Only pairs that are approved (or later), with every review they need,
    /// not frozen and with a time are exported; the others are listed on
    /// stderr with the reason. Rows a format refuses are listed too (exit 1).
    /// Without --for, each channel uses its `export` in channels.toml
    /// (channels without one are left out).
    Csv(CsvArgs),
    /// The plan as iCalendar (RFC 5545) for a team calendar
    Ics(IcsArgs),
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
    let checked = ctx.check()?;
    if checked.errors() > 0 {
        for d in checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            writeln!(
                ctx.stderr,
                "{}\n",
                diagnostic::render_human(d, &checked.sources, ctx.color)
            )?;
        }
        let n = checked.errors();
        writeln!(
            ctx.stderr,
            "edcal: {n} error{}; nothing exported (fix them, `edcal check` lists them)",
            if n == 1 { "" } else { "s" }
        )?;
        return Ok(1);
    }
    match command {
        ExportCommand::Csv(args) => csv(args, &checked, ctx),
        ExportCommand::Ics(args) => ics(args, &checked, ctx),
    }
}

fn csv(args: &CsvArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let calendar = &checked.calendar;
    let tz = calendar.settings.tz;
    // With a fixed `--today`, "now" is the start of that day, so that the
    // lead-time limits give the same file on every run.
    let now = if ctx.cli.today.is_some() {
        tz.from_local_datetime(&checked.today.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map_or(ctx.env.now, |t| t.with_timezone(&Utc))
    } else {
        ctx.env.now
    };
    let options = CsvOptions {
        format: args.format.map(Into::into),
        channels: args.channel.clone(),
        from: args.from.unwrap_or(checked.today),
        to: args.to,
        date_order: match args.date_order {
            Some(DateOrderArg::Dmy) => DateOrder::Dmy,
            Some(DateOrderArg::Mdy) => DateOrder::Mdy,
            None => DateOrder::default_for(calendar.settings.language),
        },
        tz: args.tz.unwrap_or(tz),
        now,
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

    for l in &out.skipped {
        writeln!(ctx.stderr, "{}", line("skipped", l))?;
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
        writeln!(ctx.stderr, "note: {note}")?;
    }
    for hint in &out.hints {
        writeln!(ctx.stderr, "{hint}")?;
    }
    let rows: usize = out.files.iter().map(|f| f.rows).sum();
    let written = match (&args.out_dir, &args.output) {
        (Some(dir), _) if !out.files.is_empty() => format!(" in {}", dir.display()),
        (None, Some(path)) if !out.files.is_empty() => format!(" to {}", path.display()),
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

fn line(what: &str, l: &Listed) -> String {
    let at = l.at.map_or_else(
        || "(no time)".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    );
    format!("{what} {:<10} {at:<16} {}: {}", l.channel, l.id, l.reason)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn ics(args: &IcsArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let text = export::ics::ics(&checked.calendar, args.reviews);
    let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();
    match &args.output {
        Some(path) => export::write_atomic(&ctx.env.cwd.join(path), text.as_bytes())?,
        None => ctx.stdout.write_all(text.as_bytes())?,
    }
    writeln!(
        ctx.stderr,
        "edcal: {}{}",
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
