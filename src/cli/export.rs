//! The arguments of `edcal export csv` and `edcal export ics`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use crate::model::ExportFormat;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Scheduler CSV files: one per channel, split at the format's row cap
    ///
    /// Only pairs that are approved (or later), with every review they need,
    /// not frozen and with a time are exported; the others are listed on
    /// stderr with the reason. Rows a format refuses are listed too (exit 1).
    /// Without --for, each channel uses its `export` in channels.toml
    /// (channels without one are left out).
    Csv(CsvArgs),
    /// The plan as iCalendar (RFC 5545) for a team calendar
    Ics(IcsArgs),
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The scheduler's format, for every channel [default: each channel's `export`]
    #[arg(long = "for", value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Only this channel (repeatable)
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// First day exported, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Last day exported, included, YYYY-MM-DD [default: no end]
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// Write the one file of the selection here [default: stdout]
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,

    /// Write every file here as `<channel>.csv`, `<channel>-2.csv`… (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Day and month order of Hootsuite and Sprout dates [default: dmy for a
    /// French calendar, else mdy]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,

    /// Write times in this IANA zone [default: the calendar's]
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub tz: Option<chrono_tz::Tz>,
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    /// Write the file here [default: stdout]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write instead "review by" events for the posts awaiting approval or a
    /// physician's review
    #[arg(long)]
    pub reviews: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Hootsuite,
    Buffer,
    Publer,
    Sprout,
    Generic,
}

impl From<FormatArg> for ExportFormat {
    fn from(arg: FormatArg) -> ExportFormat {
        match arg {
            FormatArg::Hootsuite => ExportFormat::Hootsuite,
            FormatArg::Buffer => ExportFormat::Buffer,
            FormatArg::Publer => ExportFormat::Publer,
            FormatArg::Sprout => ExportFormat::Sprout,
            FormatArg::Generic => ExportFormat::Generic,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    Dmy,
    Mdy,
}

fn parse_zone(s: &str) -> Result<chrono_tz::Tz, String> {
    s.parse()
        .map_err(|_| format!("unknown time zone `{s}`; use an IANA name such as `Europe/Paris`"))
}
