//! `edcal plan week`, `plan month`, `plan range`: the plan of a week, a
//! month or any range of dates, in the format asked for. The three build the
//! same plan value over different days (see `plan::Period`).
//!
//! The plan is printed even when the calendar has errors (what was understood
//! is still worth reading on a Monday morning), but the errors are not
//! hidden: stderr says how many there are and the exit code is 1, so a
//! script or CI job does not take a broken calendar's plan for a good one.

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use crate::Context;
use crate::plan::{self, render};

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
}

/// The formats of the plans (`plan week`, `month`, `range`) and `backlog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Markdown,
    Json,
    Csv,
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
    match view.format {
        PlanFormat::Table => render::write_table(&plan, view.text, ctx.stdout)?,
        PlanFormat::Markdown => render::write_markdown(&plan, view.text, ctx.stdout)?,
        PlanFormat::Json => render::write_json(&plan, ctx.stdout)?,
        PlanFormat::Csv => render::write_csv(&plan, view.text, ctx.stdout)?,
    }
    errors_note(&checked, ctx)
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
) -> Option<plan::Length> {
    crate::publish::measure(calendar, post, channel).map(|m| plan::Length {
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
    writeln!(
        ctx.stderr,
        "edcal: the calendar has {errors} error{}; run `edcal check`",
        if errors == 1 { "" } else { "s" }
    )?;
    Ok(1)
}
