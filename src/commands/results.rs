//! `edcal results import` and `edcal report`: the command lines and the
//! glue to `results`, where the work is done.

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand, ValueEnum};

use toml_edit::Value;

use super::act::{self, Change};
use super::published;
use crate::Context;
use crate::edit;
use crate::model::Status;
use crate::results::report::{self, By, Scope};
use crate::results::{format, import, store};

#[derive(Debug, Subcommand)]
pub enum ResultsCommand {
    /// Read per-post analytics exports into results/<channel>.csv:
    /// each row is matched to a published post of the calendar, or listed
    /// with the reason it was not
    #[command(after_help = MARK_HELP)]
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

    /// Also match approved posts not yet recorded as published, and record
    /// each pair a row matches as `edcal published` does (the row's link and
    /// time)
    #[arg(long)]
    pub mark_published: bool,

    /// With --mark-published: the lead or editor who records the
    /// publications [default: `$EDCAL_AS`, else the member whose `email` is
    /// `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

const MARK_HELP: &str = "\
With --mark-published, a row proves its pair went out: an approved or
scheduled post's channel with a time, not yet recorded, is recorded as
`[post.published.<channel>]` with the row's URL (when it has one) and time,
and the post becomes `published` once all its channels are. A row that
matches a post in idea, draft or review, or a cancelled one, is listed as
not imported, with the post's status. Pairs already recorded are left as
they are: importing the same files again changes nothing.";

impl ImportArgs {
    /// What the command line asks of the import, on `today`.
    fn request(&self, today: NaiveDate, mark: bool) -> import::Request<'_> {
        import::Request {
            files: &self.files,
            format: self.from.as_deref().and_then(format::by_name),
            channel: self.channel.as_deref(),
            collected: self.collected,
            zone: self.zone,
            today,
            mark,
        }
    }
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
    if args.mark_published {
        return import_and_mark(args, ctx);
    }
    // The model is enough to match rows: the rules are not run (an import
    // into a calendar with errors is allowed; `check` reports them).
    let root = crate::discover::calendar_dir(ctx.cli.calendar.as_deref(), &ctx.env.cwd)?;
    let calendar = crate::load::load(&root)?.calendar;
    let tz = calendar.settings.tz;
    let today = ctx
        .cli
        .today
        .unwrap_or_else(|| ctx.env.now.with_timezone(&tz).date_naive());
    let imported = import::import(&calendar, &root, &args.request(today, false), ctx.stdout)?;
    imported.write(ctx.stdout)?;
    Ok(u8::from(imported.failed > 0))
}

/// `results import --mark-published`: the calendar is checked (the edit is
/// `edcal published`'s, refused when it would bring a new error), the rows
/// are matched against the approved pairs too, each pair matched and not yet
/// recorded is recorded, and then the results files are written. A refusal
/// writes nothing, results included.
fn import_and_mark(args: &ImportArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let member = act::actor(&checked, args.by.as_deref())?;
    if let Some(why) = act::wrong_role(calendar, member, &published::ROLES, "records a publication")
    {
        return act::refuse(ctx, &why);
    }
    let request = args.request(checked.today, true);
    let imported = import::import(calendar, &checked.root, &request, ctx.stdout)?;
    let mut change = Change::new(&checked);
    let mut said: Vec<String> = Vec::new();
    let mut marks = imported.marks.iter().peekable();
    while let Some(first) = marks.next() {
        let mut of_post = vec![first];
        while let Some(next) = marks.next_if(|m| m.post == first.post) {
            of_post.push(next);
        }
        let post = act::find_post(&checked, &first.post)?;
        let id = &post.id.value;
        let (path, _) = act::locate(&checked, post);
        let (doc, nth) = change.post(post)?;
        for mark in &of_post {
            let mut fields = Vec::new();
            if let Some(url) = &mark.url {
                fields.push(("url", Value::from(url.as_str())));
            }
            if let Some(at) = mark.at {
                fields.push(("at", edit::local_datetime(at)));
            }
            edit::set_post_subtable(doc, id, nth, "published", &mark.channel, fields)?;
            let at = mark
                .at
                .map(|at| format!(" at {}", at.format("%Y-%m-%d %H:%M")))
                .unwrap_or_default();
            let url = mark.url.as_deref().map_or_else(
                || " (no link in the export)".to_owned(),
                |u| format!(": {u}"),
            );
            said.push(format!(
                "published `{id}` on `{}`{at} ({path}){url}",
                mark.channel
            ));
        }
        let remaining: Vec<String> = post
            .channel_ids()
            .filter(|c| {
                !post.published.contains_key(*c) && !of_post.iter().any(|m| m.channel == *c)
            })
            .map(|c| format!("`{c}`"))
            .collect();
        let status = post.status.value;
        if remaining.is_empty() && status != Status::Published {
            edit::set_post_value(doc, id, nth, "status", Value::from("published"))?;
            said.push(format!("  status: `{}` -> `published`", status.name()));
        } else if !remaining.is_empty() {
            said.push(format!("  still to record: {}", remaining.join(", ")));
        }
    }
    // Nothing to record (a second import of the same files): no second
    // check of the calendar as the edit would leave it.
    if !imported.marks.is_empty()
        && let Some(code) = change.commit(ctx)?
    {
        return Ok(code);
    }
    imported.write(ctx.stdout)?;
    for line in &said {
        writeln!(ctx.stdout, "{line}")?;
    }
    let n = imported.marks.len();
    writeln!(
        ctx.stdout,
        "marked published: {n} pair{}",
        if n == 1 { "" } else { "s" }
    )?;
    Ok(u8::from(imported.failed > 0))
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
