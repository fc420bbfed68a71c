//! `edcal results import` and `edcal report`: the command lines and the
//! glue to `results`, where the work is done.

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand, ValueEnum};

use crate::Context;
use crate::results::report::{self, By, Scope};
use crate::results::{format, import, store};

#[derive(Debug, Subcommand)]
pub enum ResultsCommand {
    /// Read per-post analytics exports into results/<channel>.csv:
    /// each row is matched to a published post of the calendar, or listed
    /// with the reason it was not
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The exports, as the networks give them: CSV, a ZIP archive of CSV
    /// files, or a spreadsheet (.xls, .xlsx)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Their layout [default: recognised from the header]
    #[arg(long, value_name = "FORMAT", value_parser = PossibleValuesParser::new(format::names()))]
    pub from: Option<String>,

    /// The channel the figures are about, when the calendar has several on
    /// the export's network [default: every channel on that network]
    #[arg(long, value_name = "ID")]
    pub channel: Option<String>,

    /// The day the figures were collected, YYYY-MM-DD [default: the date
    /// in the file's name, else today]
    #[arg(long, value_name = "DATE")]
    pub collected: Option<NaiveDate>,

    /// The time zone of the file's times, e.g. `Europe/Paris` [default:
    /// the layout's, see the manual]
    #[arg(long, value_name = "TZ", value_parser = parse_zone)]
    pub zone: Option<chrono_tz::Tz>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this campaign's posts
    #[arg(long, value_name = "ID", conflicts_with_all = ["from", "to", "month"])]
    pub campaign: Option<String>,

    /// Only pairs from this day on, YYYY-MM-DD
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<NaiveDate>,

    /// Only pairs up to this day, YYYY-MM-DD
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Only pairs of this month, YYYY-MM
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, conflicts_with_all = ["from", "to"])]
    pub month: Option<NaiveDate>,

    /// Group the figures by (repeatable, in that order) [default: channel]
    #[arg(long, value_enum, value_name = "BY")]
    pub by: Vec<ByArg>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Write to FILE instead of stdout (replaced whole, never half-written)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Channel,
    Theme,
    Audience,
    Campaign,
    Post,
    Slot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
    /// One self-contained page with charts, printable on A4
    Html,
}

fn parse_zone(s: &str) -> Result<chrono_tz::Tz, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not an IANA time zone (e.g. `Europe/Paris`, `UTC`)"))
}

fn parse_month(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a month YYYY-MM"))
}

pub fn run(command: &ResultsCommand, ctx: &mut Context<'_>) -> Result<u8> {
    let ResultsCommand::Import(args) = command;
    // The model is enough to match rows: the rules are not run (an import
    // into a calendar with errors is allowed; `check` reports them).
    let root = crate::discover::calendar_dir(ctx.cli.calendar.as_deref(), &ctx.env.cwd)?;
    let calendar = crate::load::load(&root)?.calendar;
    let tz = calendar.settings.tz;
    let today = ctx
        .cli
        .today
        .unwrap_or_else(|| ctx.env.now.with_timezone(&tz).date_naive());
    let request = import::Request {
        files: &args.files,
        format: args.from.as_deref().and_then(format::by_name),
        channel: args.channel.as_deref(),
        collected: args.collected,
        zone: args.zone,
        today,
    };
    let summary = import::import(&calendar, &root, &request, ctx.stdout)?;
    Ok(u8::from(summary.failed > 0))
}

pub fn report(args: &ReportArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let scope = match (&args.campaign, args.from, args.to, args.month) {
        (Some(id), ..) => {
            if !calendar.campaigns.contains_key(id) {
                let hint = crate::raw::closest(id, calendar.campaigns.keys().map(String::as_str))
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                bail!("unknown campaign `{id}`{hint}");
            }
            Scope::Campaign(id.clone())
        }
        (None, Some(from), Some(to), _) => {
            if to < from {
                bail!("--to {to} is before --from {from}");
            }
            Scope::Days(from, to)
        }
        (None, _, _, Some(first)) => {
            let next = first
                .with_day(28)
                .and_then(|d| d.checked_add_days(chrono::Days::new(4)))
                .and_then(|d| d.with_day(1))
                .unwrap_or(first);
            Scope::Days(first, next.pred_opt().unwrap_or(first))
        }
        _ => Scope::All,
    };
    let by: Vec<By> = if args.by.is_empty() {
        vec![By::Channel]
    } else {
        args.by
            .iter()
            .map(|b| match b {
                ByArg::Channel => By::Channel,
                ByArg::Theme => By::Theme,
                ByArg::Audience => By::Audience,
                ByArg::Campaign => By::Campaign,
                ByArg::Post => By::Post,
                ByArg::Slot => By::Slot,
            })
            .collect()
    };
    let rows = store::read_all(&checked.root)?;
    let built = report::build(calendar, &rows, &scope, &by, checked.today);
    let mut buffer = Vec::new();
    let out: &mut dyn std::io::Write = if args.output.is_some() {
        &mut buffer
    } else {
        &mut *ctx.stdout
    };
    match args.format {
        ReportFormat::Table => report::write_table(&built, out)?,
        ReportFormat::Markdown => report::write_markdown(&built, out)?,
        ReportFormat::Json => report::write_json(&built, out)?,
        ReportFormat::Csv => report::write_csv(&built, out)?,
        ReportFormat::Html => crate::results::html::write_html(&built, calendar, out)?,
    }
    if let Some(path) = &args.output {
        crate::export::write_atomic(&ctx.env.cwd.join(path), &buffer)?;
    }
    super::plan::errors_note(&checked, ctx)
}
