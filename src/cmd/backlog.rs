//! `edcal backlog`: the morning triage in the format asked for.
//!
//! Like `plan week`, it is printed even when the calendar has errors, then
//! stderr says how many and the exit code is 1.

use anyhow::Result;

use crate::Context;
use crate::cli::{BacklogArgs, PlanFormat};
use crate::plan::backlog::{self, render};

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
    }
    super::plan::errors_note(&checked, ctx)
}
