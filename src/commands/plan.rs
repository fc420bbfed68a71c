//! `edcal plan week`: the week's plan in the format asked for.
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
}

#[derive(Debug, Args)]
pub struct PlanWeekArgs {
    /// An ISO week (`2026-W41`), a date in it (`2026-10-07`), `this`, `next`
    /// or `last`
    #[arg(default_value = "this", value_parser = crate::plan::WeekArg::parse)]
    pub week: crate::plan::WeekArg,

    /// Only this channel (repeatable)
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
}

/// The formats of `plan week` and `backlog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

pub fn run(command: &PlanCommand, ctx: &mut Context<'_>) -> Result<u8> {
    match command {
        PlanCommand::Week(args) => week(args, ctx),
    }
}

fn week(args: &PlanWeekArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    known_channels(&args.channel, calendar)?;
    let query = plan::Query {
        week: args.week.resolve(checked.today),
        today: checked.today,
        channels: &args.channel,
        measure: &measure,
    };
    let plan = plan::week(calendar, &query);
    match args.format {
        PlanFormat::Table => render::write_table(&plan, ctx.stdout)?,
        PlanFormat::Markdown => render::write_markdown(&plan, ctx.stdout)?,
        PlanFormat::Json => render::write_json(&plan, ctx.stdout)?,
        PlanFormat::Csv => render::write_csv(&plan, ctx.stdout)?,
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
