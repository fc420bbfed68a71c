//! The command line, as clap reads it: the global options and the list of
//! commands. Each command's own arguments sit beside its code, in
//! `commands/<name>.rs`. Doc comments here are `--help`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands::{
    approve, backlog, campaign, cancel, check, completions, diff, explain, export, fmt, freeze,
    init, milestone, new, note, plan, published, reject, review_sheet, schedule, schema, submit,
};

pub use crate::commands::results::{ReportArgs, ResultsCommand};

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
    #[arg(long, global = true, env = "EDCAL_TODAY", value_name = "DATE", value_parser = date)]
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
    Check(check::CheckArgs),
    /// Explain what a rule checks, why, and how to fix it
    Explain(explain::ExplainArgs),
    /// Export to schedulers (CSV) and to team calendars (iCalendar)
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Place unplaced posts in free slots; `--write` writes them into the files
    Schedule(schedule::ScheduleArgs),
    /// Plans: what each channel publishes
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// The morning triage: ideas, drafts and posts in review awaiting a
    /// decision, oldest first, and the editorial-line balance of the coming
    /// four weeks
    Backlog(backlog::BacklogArgs),
    /// A campaign's dates, channels, planned vs target posts, milestones
    Campaign(campaign::CampaignArgs),
    /// Approve posts as a lead: seal what each channel publishes into their
    /// `approval` (status becomes `approved`)
    Approve(approve::ApproveArgs),
    /// Review posts as a physician: seal what each channel publishes into
    /// their `medical_review`
    Review(approve::ReviewArgs),
    /// Add a crisis-freeze window to edcal.toml: nothing goes out but the
    /// allowed themes
    Freeze(freeze::FreezeArgs),
    /// Show what changed in the plan since a git revision
    Diff(diff::DiffArgs),
    /// Rewrite the files in one canonical layout, comments kept
    Fmt(fmt::FmtArgs),
    /// Add a post to the calendar
    #[command(subcommand)]
    New(new::NewCommand),
    /// Create a new, valid calendar to start from
    Init(init::InitArgs),
    /// Write the JSON Schemas of every file kind, for editors
    Schema(schema::SchemaArgs),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// A printable page of the medical posts a physician must review: exact
    /// texts, media, dates, the digest `review` will seal, room to sign
    ReviewSheet(review_sheet::ReviewSheetArgs),
    /// Submit ideas and drafts for review (status becomes `review`)
    Submit(submit::SubmitArgs),
    /// Send a post in review back to `draft`, with why as a note
    Reject(reject::RejectArgs),
    /// Add a dated note to a post's thread
    Note(note::NoteArgs),
    /// Record where and when a channel published a post (status becomes
    /// `published` once every channel is)
    Published(published::PublishedArgs),
    /// Cancel a post, with why as a note
    Cancel(cancel::CancelArgs),
    /// Mark a campaign's milestone done
    Milestone(milestone::MilestoneArgs),
    /// Figures of published posts: import the networks' analytics exports
    #[command(subcommand)]
    Results(ResultsCommand),
    /// KPIs: planned vs published pairs, impressions, reach, engagement,
    /// top and bottom posts
    Report(ReportArgs),
}

/// A date on the command line, `YYYY-MM-DD`; a date written another way
/// (`12/03/2027`, day first as in France) is refused with its ISO form.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    if let Ok(date) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        return Ok(date);
    }
    Err(match crate::raw::iso_date(s) {
        Some(iso) => format!("write dates as {iso} (year-month-day)"),
        None => "expected a date as YYYY-MM-DD, e.g. 2027-03-12".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn dates_on_the_command_line_are_iso_and_others_get_their_iso_form() {
        assert_eq!(super::date("2027-03-12").unwrap().to_string(), "2027-03-12");
        assert_eq!(
            super::date("12/03/2027").unwrap_err(),
            "write dates as 2027-03-12 (year-month-day)"
        );
        assert_eq!(
            super::date("2027-13-01").unwrap_err(),
            "expected a date as YYYY-MM-DD, e.g. 2027-03-12"
        );
    }

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
