//! `edcal freeze`'s arguments.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Args;

use crate::raw::DayOrTime;

#[derive(Debug, Args)]
pub struct FreezeArgs {
    /// Start: a day (`2026-11-26`, from its midnight) or a local date-time
    /// (`2026-11-26T08:00`, also `2026-11-26 08:00`)
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub from: DayOrTime,

    /// End, excluded: a day (that whole day included) or a local date-time
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub to: DayOrTime,

    /// Why: shown in plans, in `frozen` findings and in export refusals
    #[arg(long)]
    pub why: String,

    /// A theme that may still go out (repeatable): a post goes out only when
    /// all its themes are allowed
    #[arg(long = "allow-theme", value_name = "ID")]
    pub allow_theme: Vec<String>,
}

/// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` or `YYYY-MM-DD HH:MM[:SS]`.
pub fn parse_when(s: &str) -> Result<DayOrTime, String> {
    let s = s.trim();
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(DayOrTime::Day(day));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Ok(DayOrTime::Time(t));
        }
    }
    Err(format!(
        "`{s}` is neither a day (2026-11-26) nor a local date-time (2026-11-26T08:00)"
    ))
}
