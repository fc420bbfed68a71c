//! `edcal diff REV`: what changed in the plan since a git revision.
//!
//! The current calendar is the one on disk (uncommitted edits included); the
//! old one is read from git ([`crate::git`]) and checked the same way, then
//! [`crate::diff`] compares the two. Findings in either version are not
//! printed (that is `check`), but a version with errors is mentioned on
//! stderr, since a post with errors may be left out of it and show as added
//! or removed. Exit 0 whatever changed; 2 when git fails.

use std::path::Path;

use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use clap::{Args, ValueEnum};

use crate::Context;
use crate::check::{self, Checked};
use crate::diff::{self, Diff};
use crate::{git, load};

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

pub fn run(args: &DiffArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let now = ctx.check()?;
    let snapshot = git::calendar_at(&now.root, &args.rev)?;
    let loaded = load::load_from(Path::new(&args.rev), &snapshot.files)?;
    // Media files are not compared: take them as present.
    let old = check::check(loaded, |_| now.today, &|_| true);
    for (checked, what) in [(&old, format!("at {}", args.rev)), (&now, "now".to_owned())] {
        if checked.errors() > 0 {
            writeln!(
                ctx.stderr,
                "note: the calendar {what} has {} error(s); posts with errors may be missing from the comparison",
                checked.errors()
            )?;
            for file in &checked.blocked.unread {
                writeln!(
                    ctx.stderr,
                    "note: {file} {what} could not be read; its posts are missing from the comparison"
                )?;
            }
        }
    }
    let diff = diff::diff(&old.calendar, &now.calendar);
    match args.format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *ctx.stdout, &diff)?;
            writeln!(ctx.stdout)?;
        }
        DiffFormat::Table => table(&diff, &old, &now, &args.rev, &snapshot.commit, ctx)?,
    }
    Ok(0)
}

fn table(
    diff: &Diff,
    old: &Checked,
    now: &Checked,
    rev: &str,
    commit: &str,
    ctx: &mut Context<'_>,
) -> Result<()> {
    let short = &commit[..commit.len().min(10)];
    if diff.is_empty() {
        writeln!(ctx.stdout, "no change in the plan since {rev} ({short})")?;
        return Ok(());
    }
    writeln!(ctx.stdout, "changes in the plan since {rev} ({short}):")?;
    let title = |checked: &Checked, id: &str| {
        checked
            .calendar
            .posts
            .iter()
            .find(|p| p.id.value == id)
            .map_or_else(String::new, |p| p.title.clone())
    };
    let width = diff
        .added
        .iter()
        .chain(&diff.removed)
        .chain(diff.moved.iter().map(|m| &m.post))
        .chain(diff.changed.iter().map(|c| &c.post))
        .map(|id| id.chars().count())
        .max()
        .unwrap_or(0);
    if !diff.added.is_empty() {
        writeln!(ctx.stdout, "\nadded ({})", diff.added.len())?;
        for id in &diff.added {
            writeln!(ctx.stdout, "  {id:<width$}  {}", title(now, id))?;
        }
    }
    if !diff.removed.is_empty() {
        writeln!(ctx.stdout, "\nremoved ({})", diff.removed.len())?;
        for id in &diff.removed {
            writeln!(ctx.stdout, "  {id:<width$}  {}", title(old, id))?;
        }
    }
    if !diff.moved.is_empty() {
        writeln!(ctx.stdout, "\nmoved ({})", diff.moved.len())?;
        let channels = diff
            .moved
            .iter()
            .map(|m| m.channel.len())
            .max()
            .unwrap_or(0);
        for m in &diff.moved {
            writeln!(
                ctx.stdout,
                "  {:<width$}  {:<channels$}  {} → {}",
                m.post,
                m.channel,
                when(m.from),
                when(m.to)
            )?;
        }
    }
    if !diff.changed.is_empty() {
        writeln!(ctx.stdout, "\nchanged ({})", diff.changed.len())?;
        for c in &diff.changed {
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|f| match (f.as_str(), c.status) {
                    ("status", Some((from, to))) => {
                        format!("status ({} → {})", from.name(), to.name())
                    }
                    _ => f.clone(),
                })
                .collect();
            writeln!(ctx.stdout, "  {:<width$}  {}", c.post, fields.join(", "))?;
        }
    }
    Ok(())
}

/// `2026-11-02 12:30` in the calendar's zone, or `unplaced`.
fn when(time: Option<DateTime<FixedOffset>>) -> String {
    time.map_or_else(
        || "unplaced".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}
