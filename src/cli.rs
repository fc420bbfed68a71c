//! The command line, as clap reads it. Doc comments here are `--help`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod schedule;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the calendar has errors, or the command could not do its job because of
     the calendar (pairs it could not place, rows an export refused)
  2  usage, I/O or discovery errors";

/// An editorial calendar for health-care communication teams, kept as TOML
/// files in git: check it, plan the week, export it to schedulers.
#[derive(Debug, Parser)]
#[command(name = "edcal", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// The calendar folder [default: the nearest folder upwards holding
    /// edcal.toml, else ./calendar]
    #[arg(long, global = true, env = "EDCAL_CALENDAR", value_name = "DIR")]
    pub calendar: Option<PathBuf>,

    /// The date to take as today, YYYY-MM-DD [default: today in the
    /// calendar's time zone]
    #[arg(long, global = true, env = "EDCAL_TODAY", value_name = "DATE")]
    pub today: Option<NaiveDate>,

    /// When to color the output (`NO_COLOR` is honoured)
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the calendar and print every error and warning
    Check(CheckArgs),
    /// Explain what a rule checks, why, and how to fix it
    Explain(ExplainArgs),
    /// Place unplaced posts in free slots; `--write` writes them into the files
    Schedule(schedule::ScheduleArgs),
    /// Plans: what each channel publishes
    #[command(subcommand)]
    Plan(PlanCommand),
    /// A campaign's dates, channels, planned vs target posts, milestones
    Campaign(CampaignArgs),
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// A campaign id; without one, every campaign in one table
    pub id: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CampaignFormat::Table)]
    pub format: CampaignFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CampaignFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code such as `missing-consent`; without one, list every rule
    pub code: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
