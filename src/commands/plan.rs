//! `edcal plan week`, `plan month`, `plan range`: the plan of a week, a
//! month or any range of dates, in the format asked for. The three build the
//! same plan value over different days (see `plan::Period`).
//!
//! The plan is printed even when the calendar has errors (what was understood
//! is still worth reading on a Monday morning), but the errors are not
//! hidden: stderr says how many there are and the exit code is 1, so a
//! script or CI job does not take a broken calendar's plan for a good one.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use crate::Context;
use crate::plan::{self, html, render};

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Per-network plan of one week: campaigns, holidays, closed and
    /// awareness days, milestones, then each channel's posts day by day
    Week(PlanWeekArgs),
    /// Per-network plan of one month, week by week: its campaigns and
    /// totals, then each ISO week it covers as `plan week` shows it
    Month(PlanMonthArgs),
    /// Per-network plan of the days FROM to TO (both included, at most 366),
    /// week by week, e.g. a campaign's whole span with its lead-in
    Range(PlanRangeArgs),
}

#[derive(Debug, Args)]
pub struct PlanWeekArgs {
    /// An ISO week (`2026-W41`), a date in it (`2026-10-07`), `this`, `next`
    /// or `last`
    #[arg(default_value = "this", value_parser = crate::plan::WeekArg::parse)]
    pub week: crate::plan::WeekArg,

    #[command(flatten)]
    pub view: PlanView,
}

#[derive(Debug, Args)]
pub struct PlanMonthArgs {
    /// A month (`2027-03`), `this`, `next` or `last`
    #[arg(default_value = "this", value_parser = crate::plan::MonthArg::parse)]
    pub month: crate::plan::MonthArg,

    #[command(flatten)]
    pub view: PlanView,
}

#[derive(Debug, Args)]
pub struct PlanRangeArgs {
    /// The first day (`2027-02-20`)
    #[arg(value_parser = crate::plan::period::parse_date)]
    pub from: chrono::NaiveDate,

    /// The last day, included (`2027-03-20`)
    #[arg(value_parser = crate::plan::period::parse_date)]
    pub to: chrono::NaiveDate,

    #[command(flatten)]
    pub view: PlanView,
}

/// What every plan command shows, and how.
#[derive(Debug, Args)]
pub struct PlanView {
    /// Only this channel (repeatable)
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// Output format (JSON always carries each post's text)
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,

    /// Show each post's text, as published, under its title (table,
    /// Markdown); `text` and `link` columns in CSV
    #[arg(long)]
    pub text: bool,

    /// Write to FILE instead of stdout (replaced whole, never half-written)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With `--format html`: put the images inside the page (`data:` URIs)
    /// instead of linking them by a path relative to the page
    #[arg(long)]
    pub embed_media: bool,
}

/// The formats of the plans (`plan week`, `month`, `range`) and `backlog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Markdown,
    Json,
    Csv,
    /// One self-contained page (`plan` only), each post previewed as its
    /// network shows it
    Html,
}

pub fn run(command: &PlanCommand, ctx: &mut Context<'_>) -> Result<u8> {
    match command {
        PlanCommand::Week(args) => {
            let week = args.week;
            show(&args.view, ctx, |today| {
                plan::Period::week(week.resolve(today))
            })
        }
        PlanCommand::Month(args) => {
            let month = args.month;
            show(&args.view, ctx, |today| month.resolve(today))
        }
        PlanCommand::Range(args) => {
            // Refused before the calendar is read: a usage error (exit 2).
            let period = plan::Period::range(args.from, args.to).map_err(anyhow::Error::msg)?;
            show(&args.view, ctx, |_| period)
        }
    }
}

/// Plans the period (known once today is) and prints it.
fn show(
    view: &PlanView,
    ctx: &mut Context<'_>,
    period: impl FnOnce(chrono::NaiveDate) -> plan::Period,
) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    known_channels(&view.channel, calendar)?;
    let query = plan::Query {
        period: period(checked.today),
        today: checked.today,
        channels: &view.channel,
        measure: &measure,
    };
    let plan = plan::build(calendar, &query);
    let mut buffer = Vec::new();
    let out: &mut dyn Write = if view.output.is_some() {
        &mut buffer
    } else {
        &mut *ctx.stdout
    };
    match view.format {
        PlanFormat::Table => render::write_table(&plan, view.text, out)?,
        PlanFormat::Markdown => render::write_markdown(&plan, view.text, out)?,
        PlanFormat::Json => render::write_json(&plan, out)?,
        PlanFormat::Csv => render::write_csv(&plan, view.text, out)?,
        PlanFormat::Html => {
            let media_src = media_src(
                &checked.root,
                &ctx.env.cwd,
                view.output.as_deref(),
                view.embed_media,
            )?;
            let findings = html::findings(&checked.diagnostics);
            let page = html::Page {
                calendar,
                media_src: &media_src,
                findings: &findings,
            };
            html::write_html(&plan, &page, out)?;
        }
    }
    if let Some(path) = &view.output {
        crate::export::write_atomic(&ctx.env.cwd.join(path), &buffer)?;
    }
    errors_note(&checked, ctx)
}

/// The `src` of a local media file of a page, see [`media_src`].
pub type MediaSrc = Box<dyn Fn(&str) -> Option<String>>;

/// Where a page finds the calendar's local media: by a path relative to
/// the page's folder (the folder of `output`, else the current folder), or
/// inside the page (`embed`). Videos and unreadable files are not shown
/// (the page names them); with `embed`, neither are images over
/// [`EMBED_MAX_BYTES`].
pub fn media_src(root: &Path, cwd: &Path, output: Option<&Path>, embed: bool) -> Result<MediaSrc> {
    use base64::Engine as _;
    let root = root.to_path_buf();
    if embed {
        return Ok(Box::new(move |file: &str| {
            let mime = image_mime(file)?;
            let meta = std::fs::metadata(root.join(file)).ok()?;
            if !meta.is_file() || meta.len() > EMBED_MAX_BYTES {
                return None;
            }
            let bytes = std::fs::read(root.join(file)).ok()?;
            Some(format!(
                "data:{mime};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ))
        }));
    }
    let page_dir = match output.map(|o| cwd.join(o)) {
        Some(file) => file
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf),
        None => cwd.to_path_buf(),
    };
    let page_dir = std::fs::canonicalize(&page_dir)
        .with_context(|| format!("the folder `{}` does not exist", page_dir.display()))?;
    let root_abs = std::fs::canonicalize(&root)
        .with_context(|| format!("failed to read {}", root.display()))?;
    let prefix = relative(&page_dir, &root_abs);
    Ok(Box::new(move |file: &str| {
        image_mime(file)?;
        root.join(file)
            .is_file()
            .then(|| url_path(&format!("{prefix}{file}")))
    }))
}

/// An image embedded in a page is at most this big (10 MiB): a page is
/// meant to be opened and mailed, not to carry a video.
pub const EMBED_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// The MIME type of the images a browser shows in `<img>`; `None` for
/// anything else (videos, documents).
fn image_mime(file: &str) -> Option<&'static str> {
    let ext = file.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        _ => return None,
    })
}

/// The path from folder `from` to folder `to`, both absolute, ending with
/// `/` unless empty: `../calendar/`.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = String::new();
    for _ in common..from.len() {
        out.push_str("../");
    }
    for c in &to[common..] {
        out.push_str(&c.as_os_str().to_string_lossy());
        out.push('/');
    }
    out
}

/// A relative path as a URL path: every byte but unreserved ones and `/`
/// percent-encoded, so that a space or `#` in a file name stays a name.
fn url_path(path: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `--channel` ids must name channels of the calendar (a usage error, exit 2).
pub fn known_channels(ids: &[String], calendar: &crate::model::Calendar) -> Result<()> {
    for id in ids {
        if !calendar.channels.contains_key(id) {
            let hint = crate::raw::closest(id, calendar.channels.keys().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            let known: Vec<&str> = calendar.channels.keys().map(String::as_str).collect();
            bail!(
                "unknown channel `{id}`{hint}\nhint: the channels are {}",
                if known.is_empty() {
                    "none (channels.toml defines none)".to_owned()
                } else {
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
        }
    }
    Ok(())
}

/// Composed length and limit: not measured yet (see `publish`).
fn measure(
    calendar: &crate::model::Calendar,
    post: &crate::model::Post,
    channel: &str,
    occurrence: Option<chrono::NaiveDate>,
) -> Option<plan::Length> {
    crate::publish::measure_on(calendar, post, channel, occurrence).map(|m| plan::Length {
        length: m.length,
        limit: m.limit,
    })
}

/// After a report: exit 1 with a word on stderr when the calendar has errors.
pub fn errors_note(checked: &crate::check::Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let errors = checked.errors();
    if errors == 0 {
        return Ok(0);
    }
    ctx.stdout.flush()?;
    for line in checked.blocked.unread_lines() {
        writeln!(ctx.stderr, "{line}")?;
    }
    writeln!(
        ctx.stderr,
        "edcal: the calendar has {errors} error{}; run `edcal check`",
        if errors == 1 { "" } else { "s" }
    )?;
    Ok(1)
}
