//! The command line, as clap reads it. Doc comments here are `--help`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod export;

pub mod approve;
pub mod freeze;
pub mod schedule;

pub use crate::cmd::results::{ReportArgs, ResultsCommand};

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
    /// Export to schedulers (CSV) and to team calendars (iCalendar)
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Place unplaced posts in free slots; `--write` writes them into the files
    Schedule(schedule::ScheduleArgs),
    /// Plans: what each channel publishes
    #[command(subcommand)]
    Plan(PlanCommand),
    /// The morning triage: ideas, drafts and posts in review awaiting a
    /// decision, oldest first, and the editorial-line balance of the coming
    /// four weeks
    Backlog(BacklogArgs),
    /// A campaign's dates, channels, planned vs target posts, milestones
    Campaign(CampaignArgs),
    /// Approve a post as a lead: seal what each channel publishes into its
    /// `approval` (status becomes `approved`)
    Approve(approve::SignArgs),
    /// Review a post as a physician: seal what each channel publishes into
    /// its `medical_review`
    Review(approve::SignArgs),
    /// Add a crisis-freeze window to edcal.toml: nothing goes out but the
    /// allowed themes
    Freeze(freeze::FreezeArgs),
    /// Show what changed in the plan since a git revision
    Diff(DiffArgs),
    /// Rewrite the files in one canonical layout, comments kept
    Fmt(FmtArgs),
    /// Append a new skeleton to the calendar
    #[command(subcommand)]
    New(NewCommand),
    /// Create a new, valid calendar to start from
    Init(InitArgs),
    /// Write the JSON Schemas of every file kind, for editors
    Schema(SchemaArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// Figures of published posts: import the networks' analytics exports
    #[command(subcommand)]
    Results(ResultsCommand),
    /// KPIs: planned vs published pairs, impressions, reach, engagement,
    /// top and bottom posts
    Report(ReportArgs),
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
pub struct BacklogArgs {
    /// Only posts on this channel (repeatable); the balance then counts
    /// only what these channels publish
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
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

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// A git revision: a commit, a tag, a branch, `HEAD~3`, `main@{1.week.ago}`…
    pub rev: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing: list the files that are not canonical, exit 1 if any
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Append a post skeleton (`status = "idea"`) to its month's file and
    /// print its id
    Post(NewPostArgs),
}

#[derive(Debug, Args)]
pub struct NewPostArgs {
    /// The post's title; its id is derived from it
    #[arg(long)]
    pub title: String,

    /// A channel id (repeatable)
    #[arg(long, value_name = "ID", required = true)]
    pub channel: Vec<String>,

    /// A campaign id
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,

    /// The day it goes out, YYYY-MM-DD (written as `on`); also picks the
    /// month's file [default: no day, in this month's file]
    #[arg(long, value_name = "DATE")]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist or be empty)
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write the `*.schema.json` files (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
