//! `edcal schedule`'s arguments.

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Place nothing before this day
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Place nothing after this day; also the end of the window of posts
    /// that have none [default: today + 8 weeks for those]
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ScheduleFormat::Table)]
    pub format: ScheduleFormat,

    /// For each pair of this post, list the slots considered and why each was
    /// taken or refused
    #[arg(long, value_name = "POST")]
    pub explain: Option<String>,

    /// Write each placement as `at` in the post's variant table (refused on a
    /// calendar with errors)
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormat {
    Table,
    Json,
}
