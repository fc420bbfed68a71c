//! `edcal backlog`: the morning triage in the format asked for.
//!
//! Like `plan week`, it is printed even when the calendar has errors, then
//! stderr says how many and the exit code is 1.

use anyhow::Result;
use clap::Args;

use super::plan::PlanFormat;
use crate::Context;
use crate::plan::backlog::{self, render};

#[derive(Debug, Args)]
pub struct BacklogArgs {
    /// Only posts on this channel (repeatable); the balance then counts
    /// only what these channels publish
    #[arg(long, value_name = "ID")]
    pub channel: Vec<String>,

    /// Output format
    #[arg(long, default_value = "table", value_parser = formats())]
    pub format: PlanFormat,
}

/// The formats of `plan` but `html`: a backlog has no page.
fn formats() -> impl clap::builder::TypedValueParser<Value = PlanFormat> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["table", "markdown", "json", "csv"])
        .map(|s| <PlanFormat as clap::ValueEnum>::from_str(&s, false).unwrap_or(PlanFormat::Table))
}

pub fn run(args: &BacklogArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    super::plan::known_channels(&args.channel, &checked.calendar)?;
    let query = backlog::Query {
        today: checked.today,
        channels: &args.channel,
    };
    let backlog = backlog::backlog(&checked, &query);
    match args.format {
        PlanFormat::Table => render::write_table(&backlog, ctx.stdout)?,
        PlanFormat::Markdown => render::write_markdown(&backlog, ctx.stdout)?,
        PlanFormat::Json => render::write_json(&backlog, ctx.stdout)?,
        PlanFormat::Csv => render::write_csv(&backlog, ctx.stdout)?,
        // Refused by the argument's parser: a backlog has no page.
        PlanFormat::Html => anyhow::bail!("`backlog` has no html format"),
    }
    super::plan::errors_note(&checked, ctx)
}
