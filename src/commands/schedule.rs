//! `edcal schedule`: print the placements (table or JSON), explain one
//! post's, and with `--write` write them into the files through
//! [`crate::edit`].
//!
//! Errors block only what they concern (see [`crate::blocked`]): the pairs
//! they block are neither placed nor written, the others are, and stderr
//! says what was left out; errors in the settings block everything. Exit 1
//! when the calendar has errors, or when a pair could not be placed (after
//! writing the others).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::Context;
use crate::check::Checked;
use crate::edit::{self, Edit};
use crate::model::Status;
use crate::schedule::prefer::Preference;
use crate::schedule::{self, Options, Schedule};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Place nothing before this day
    #[arg(long, value_name = "DATE", value_parser = crate::cli::date)]
    pub from: Option<NaiveDate>,

    /// Place nothing after this day; also the end of the window of posts
    /// that have none [default: today + 8 weeks for those]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::date)]
    pub to: Option<NaiveDate>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ScheduleFormat::Table)]
    pub format: ScheduleFormat,

    /// For each pair of this post, list the slots considered and why each was
    /// taken or refused
    #[arg(long, value_name = "POST")]
    pub explain: Option<String>,

    /// Write each placement as `at` in the post's variant table (posts and
    /// channels with errors are left out)
    #[arg(long)]
    pub write: bool,

    /// Prefer the slots where past posts did best (`results`: the median
    /// engagement rate of each channel's weekday and hour in `results/`,
    /// from 5 posts a slot) over the earliest; as many pairs are placed
    #[arg(long, value_enum, value_name = "WHAT")]
    pub prefer: Option<Prefer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Prefer {
    Results,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormat {
    Table,
    Json,
}

pub fn run(args: &ScheduleArgs, ctx: &mut Context<'_>) -> Result<u8> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && to < from
    {
        bail!("--to {to} is before --from {from}");
    }
    let checked = ctx.check()?;
    let summary = super::check::summary(&checked);
    let blocked = &checked.blocked;
    if blocked.all() {
        if let Some(summary) = summary {
            writeln!(ctx.stderr, "{summary}")?;
        }
        for line in blocked.lines() {
            writeln!(ctx.stderr, "{line}")?;
        }
        writeln!(
            ctx.stderr,
            "edcal: nothing {}",
            if args.write { "written" } else { "placed" }
        )?;
        return Ok(1);
    }
    let options = Options {
        today: checked.today,
        from: args.from,
        to: args.to,
    };
    let sources = &checked.sources;
    let preference = match args.prefer {
        None => None,
        Some(Prefer::Results) => {
            let rows = crate::results::store::read_all(&checked.root)?;
            Some(Preference::from_results(&checked.calendar, &rows))
        }
    };
    let plan = schedule::schedule_preferring(
        &checked.calendar,
        &options,
        &|post, channel| !blocked.pair(post, channel, sources),
        preference.as_ref(),
    );
    if let Some(id) = &args.explain {
        explain(ctx, &checked, &plan, id)?;
    } else {
        match args.format {
            ScheduleFormat::Table => table(ctx, &plan)?,
            ScheduleFormat::Json => json(ctx, &plan)?,
        }
    }
    if args.write && !plan.placed.is_empty() {
        write(ctx, &checked, &plan)?;
    }
    if let Some(summary) = summary {
        writeln!(ctx.stderr, "{summary}")?;
    }
    for line in blocked.lines() {
        writeln!(ctx.stderr, "{line}")?;
    }
    if !plan.unplaced.is_empty() {
        let n = plan.unplaced.len();
        writeln!(
            ctx.stderr,
            "edcal: {n} pair{} could not be placed",
            if n == 1 { "" } else { "s" }
        )?;
    }
    if !plan.proven {
        writeln!(
            ctx.stderr,
            "edcal: the search for the best placement was cut short; this one is valid but may not be the best"
        )?;
    }
    Ok(u8::from(checked.errors() > 0 || !plan.unplaced.is_empty()))
}

fn when(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d %a %H:%M").to_string().to_lowercase()
}

fn table(ctx: &mut Context<'_>, plan: &Schedule<'_>) -> Result<()> {
    if plan.placed.is_empty() && plan.unplaced.is_empty() {
        writeln!(ctx.stdout, "nothing to place")?;
        return Ok(());
    }
    let width =
        |items: &mut dyn Iterator<Item = usize>, min: usize| items.max().unwrap_or(0).max(min);
    if !plan.placed.is_empty() {
        let ch = width(&mut plan.placed.iter().map(|p| p.channel.len()), 7);
        writeln!(ctx.stdout, "{:<20}  {:<ch$}  POST", "AT", "CHANNEL")?;
        for p in &plan.placed {
            writeln!(
                ctx.stdout,
                "{:<20}  {:<ch$}  {}",
                when(p.at.local),
                p.channel,
                p.post.id.value
            )?;
        }
    }
    if !plan.unplaced.is_empty() {
        if !plan.placed.is_empty() {
            writeln!(ctx.stdout)?;
        }
        let post = width(&mut plan.unplaced.iter().map(|u| u.post.id.value.len()), 8);
        let ch = width(&mut plan.unplaced.iter().map(|u| u.channel.len()), 7);
        writeln!(
            ctx.stdout,
            "{:<post$}  {:<ch$}  REASON",
            "UNPLACED", "CHANNEL"
        )?;
        for u in &plan.unplaced {
            writeln!(
                ctx.stdout,
                "{:<post$}  {:<ch$}  {}",
                u.post.id.value, u.channel, u.reason
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Json<'a> {
    placed: Vec<JsonPlaced<'a>>,
    unplaced: Vec<JsonUnplaced<'a>>,
}

#[derive(Serialize)]
struct JsonPlaced<'a> {
    post: &'a str,
    channel: &'a str,
    at: String,
}

#[derive(Serialize)]
struct JsonUnplaced<'a> {
    post: &'a str,
    channel: &'a str,
    reason: &'a str,
}

fn json(ctx: &mut Context<'_>, plan: &Schedule<'_>) -> Result<()> {
    let out = Json {
        placed: plan
            .placed
            .iter()
            .map(|p| JsonPlaced {
                post: &p.post.id.value,
                channel: p.channel,
                at: p.at.instant.to_rfc3339(),
            })
            .collect(),
        unplaced: plan
            .unplaced
            .iter()
            .map(|u| JsonUnplaced {
                post: &u.post.id.value,
                channel: u.channel,
                reason: &u.reason,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *ctx.stdout, &out)?;
    writeln!(ctx.stdout)?;
    Ok(())
}

fn explain(ctx: &mut Context<'_>, checked: &Checked, plan: &Schedule<'_>, id: &str) -> Result<()> {
    let calendar = &checked.calendar;
    let Some(post) = calendar.posts.iter().find(|p| p.id.value == id) else {
        let hint = crate::raw::closest(id, calendar.posts.iter().map(|p| p.id.value.as_str()))
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        bail!("unknown post `{id}`{hint}");
    };
    if let Some(why) = checked.blocked.why(post, &checked.sources) {
        writeln!(ctx.stdout, "`{id}`: not placed: {why} (run `edcal check`)")?;
        return Ok(());
    }
    let explanations = plan.explain(post);
    if explanations.is_empty() {
        let why = match post.status.value {
            Status::Idea | Status::Cancelled => format!(
                "it is `{}`; `schedule` places posts from `draft` on",
                post.status.value.name()
            ),
            _ => "every channel of it already has a time".to_owned(),
        };
        writeln!(ctx.stdout, "`{id}`: nothing to place: {why}")?;
        return Ok(());
    }
    let mut text = String::new();
    for (n, e) in explanations.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        let (lo, hi) = e.window;
        let outcome = match (&e.placed, &e.reason) {
            (Some(at), _) => format!("placed {}", when(at.local)),
            (None, Some(reason)) => format!("not placed: {reason}"),
            (None, None) => "not placed".to_owned(),
        };
        writeln!(
            text,
            "`{}` on `{}` (window {lo} to {hi}): {outcome}",
            e.post, e.channel
        )?;
        for (at, verdict) in &e.slots {
            writeln!(text, "  {}  {verdict}", when(*at))?;
        }
    }
    ctx.stdout.write_all(text.as_bytes())?;
    Ok(())
}

/// Writes every placement, file by file, each through one [`Edit`].
fn write(ctx: &mut Context<'_>, checked: &Checked, plan: &Schedule<'_>) -> Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&schedule::Placed<'_>>> = BTreeMap::new();
    for p in &plan.placed {
        by_file
            .entry(checked.sources.get(p.post.span.source).path.as_str())
            .or_default()
            .push(p);
    }
    let mut written = 0;
    for (path, placed) in &by_file {
        let mut file = Edit::open(&checked.root, path)?;
        if file.original() != checked.sources.get(placed[0].post.span.source).text {
            bail!("{path} changed on disk since it was read; nothing written to it");
        }
        for p in placed {
            edit::set_variant_at(file.doc_mut(), &p.post.id.value, 0, p.channel, p.at.local)?;
        }
        file.commit()?;
        written += placed.len();
    }
    // The files by name, relative to the calendar folder, as diagnostics
    // name them.
    let files: Vec<&str> = by_file.keys().copied().collect();
    writeln!(
        ctx.stderr,
        "edcal: wrote {written} placement{} to {}",
        if written == 1 { "" } else { "s" },
        files.join(", ")
    )?;
    Ok(())
}
