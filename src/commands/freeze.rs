//! `edcal freeze --from … --to … --why … [--allow-theme ID]…`: add a crisis
//! freeze window (`[[rules.freeze]]`) to edcal.toml, through the one write
//! path ([`crate::edit`]), so that stopping everything is one command, one
//! file changed, one commit.
//!
//! It is not blocked by the calendar's errors: in a crisis, stopping must
//! always be possible. It refuses (exit 2, nothing written) a window that
//! ends before it starts, an empty `--why`, and an unknown theme (with the
//! closest id). Then it lists the fixed pairs the window holds, as the
//! `frozen` rule will, and says how to commit.

use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use clap::Args;
use toml_edit::{Array, ArrayOfTables, Item, Table, Value};

use crate::Context;
use crate::edit::{self, Edit};
use crate::model::Freeze;
use crate::raw::{DayOrTime, closest};

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
fn parse_when(s: &str) -> Result<DayOrTime, String> {
    let s = s.trim();
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(DayOrTime::Day(day));
    }
    if let Ok(t) = super::published::parse_datetime(s) {
        return Ok(DayOrTime::Time(t));
    }
    if let Some(iso) = crate::raw::iso_date(s) {
        return Err(format!("write dates as {iso} (year-month-day)"));
    }
    Err(format!(
        "`{s}` is neither a day (2026-11-26) nor a local date-time (2026-11-26T08:00)"
    ))
}

pub fn run(args: &FreezeArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let why = super::act::text_arg(
        &args.why,
        "--why",
        "say why everything stops (it shows in plans and exports)",
    )?;
    for theme in &args.allow_theme {
        if !calendar.themes.contains_key(theme) {
            let hint = closest(theme, calendar.themes.keys().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            bail!("unknown theme `{theme}`{hint} (themes are `[themes.<id>]` in edcal.toml)");
        }
    }
    // The same reading as `resolve`: a day as `from` starts at its midnight,
    // a day as `to` includes that whole day.
    let start = match args.from {
        DayOrTime::Day(d) => d.and_time(NaiveTime::MIN),
        DayOrTime::Time(t) => t,
    };
    let end = match args.to {
        DayOrTime::Day(d) => d.succ_opt().unwrap_or(d).and_time(NaiveTime::MIN),
        DayOrTime::Time(t) => t,
    };
    if end <= start {
        bail!(
            "the window ends ({}) before it starts ({}); nothing written",
            end.format("%Y-%m-%d %H:%M"),
            start.format("%Y-%m-%d %H:%M")
        );
    }

    let mut file = Edit::open(&checked.root, "edcal.toml")?;
    let mut table = Table::new();
    table.insert("from", Item::Value(when_value(args.from)));
    table.insert("to", Item::Value(when_value(args.to)));
    table.insert("why", Item::Value(Value::from(why)));
    if !args.allow_theme.is_empty() {
        let themes: Array = args.allow_theme.iter().map(String::as_str).collect();
        table.insert("allow_themes", Item::Value(Value::Array(themes)));
    }
    add_freeze(file.doc_mut(), table)?;
    file.commit()?;

    // Which fixed pairs the window holds, by the same definition as the
    // `frozen` rule (the span is never shown).
    let mut held: Vec<_> = match calendar.posts.first() {
        None => Vec::new(),
        Some(first) => {
            let freeze = Freeze {
                from: start,
                to: end,
                why: why.to_owned(),
                allow_themes: args.allow_theme.clone(),
                span: first.span,
            };
            calendar
                .fixed()
                .into_iter()
                .filter(|f| crate::closed::holds(&freeze, f.post, f.time.local))
                .collect()
        }
    };
    held.sort_by(|a, b| {
        (a.time.instant, a.channel, a.id()).cmp(&(b.time.instant, b.channel, b.id()))
    });
    let allowed = if args.allow_theme.is_empty() {
        "no theme allowed".to_owned()
    } else {
        format!("allowed themes: {}", args.allow_theme.join(", "))
    };
    writeln!(
        ctx.stdout,
        "frozen from {} to {}: {why} ({allowed})",
        fmt(start),
        fmt(end)
    )?;
    writeln!(ctx.stdout, "added to edcal.toml as [[rules.freeze]]")?;
    if held.is_empty() {
        writeln!(ctx.stdout, "no planned post falls in the window")?;
    } else {
        writeln!(ctx.stdout, "held ({}):", held.len())?;
        for f in &held {
            writeln!(
                ctx.stdout,
                "  {}  {:<12} {}",
                f.time.local.format("%Y-%m-%d %H:%M"),
                f.channel,
                f.id()
            )?;
        }
    }
    writeln!(
        ctx.stdout,
        "commit it to stop everything: git commit -m \"freeze: {}\" edcal.toml",
        why.replace('"', "'")
    )?;
    writeln!(
        ctx.stdout,
        "then export again: held posts are left out of the files (and remove them from the schedulers' queues)"
    )?;
    Ok(0)
}

fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// A TOML date or local date-time, as the user gave it.
fn when_value(when: DayOrTime) -> Value {
    match when {
        DayOrTime::Time(t) => edit::local_datetime(t),
        DayOrTime::Day(d) => {
            let date: toml_edit::Datetime = d
                .format("%Y-%m-%d")
                .to_string()
                .parse()
                .expect("a formatted date parses");
            Value::from(date)
        }
    }
}

/// Appends `table` to `[[rules.freeze]]`, creating `[rules]` (implicitly)
/// and the array when missing. New tables go at the end of the file, after
/// everything else, so the file only gains lines.
fn add_freeze(doc: &mut toml_edit::DocumentMut, table: Table) -> Result<()> {
    let root = doc.as_table_mut();
    let rules = root.entry("rules").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    let Item::Table(rules) = rules else {
        bail!("`rules` in edcal.toml is not a table; nothing written");
    };
    let freezes = rules
        .entry("freeze")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    match freezes {
        Item::ArrayOfTables(a) => {
            a.push(table);
            Ok(())
        }
        _ => bail!("`rules.freeze` in edcal.toml is not an array of tables; nothing written"),
    }
}
