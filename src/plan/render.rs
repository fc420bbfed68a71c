//! `plan week` in each format: a terminal table, Markdown to paste into a
//! document, JSON in the documented shape, CSV with one row per post.
//!
//! Human formats (table, Markdown) follow `calendar.language`; JSON and CSV
//! keep stable English identifiers. Tables use a fixed preset and a fixed
//! width of 100 columns, never the terminal's, so the same plan always gives
//! the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{NaiveDate, Offset};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use super::labels::{Labels, Word};
use super::{ChannelPlan, Event, EventKind, WeekPlan};

/// Width of terminal tables, whatever the terminal.
pub const TABLE_WIDTH: u16 = 100;

/// A fresh table in the house style.
pub fn table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH)
        .set_header(header);
    table
}

pub fn write_table(plan: &WeekPlan, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    writeln!(out, "{}", title(plan, l))?;
    writeln!(out, "{}", zone_line(plan, l))?;
    for (label, value) in header(plan, l) {
        writeln!(out, "{label}{} {value}", l.colon())?;
    }
    let clock = clock_change(plan).is_some();
    for channel in &plan.channels {
        writeln!(out)?;
        writeln!(out, "{}", channel_heading(channel, l))?;
        if channel.posts.is_empty() {
            continue;
        }
        let mut t = table(post_header(l, true));
        for (column, width) in t.column_iter_mut().zip(COMPACT_WIDTHS) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
        }
        for row in post_rows(channel, l, clock, true) {
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    if !plan.unplaced.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} ({})", l.word(Word::Unplaced), plan.unplaced.len())?;
        let mut t = table(unplaced_header(l));
        for row in unplaced_rows(plan, l) {
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}

pub fn write_markdown(plan: &WeekPlan, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    writeln!(out, "## {}", title(plan, l))?;
    writeln!(out)?;
    writeln!(out, "{}", zone_line(plan, l))?;
    let header = header(plan, l);
    if !header.is_empty() {
        writeln!(out)?;
        for (label, value) in header {
            writeln!(out, "- **{label}**{} {}", l.colon(), md(&value))?;
        }
    }
    let clock = clock_change(plan).is_some();
    for channel in &plan.channels {
        writeln!(out)?;
        writeln!(out, "### {}", md(&channel_heading(channel, l)))?;
        if channel.posts.is_empty() {
            continue;
        }
        writeln!(out)?;
        md_table(
            out,
            &post_header(l, false),
            &post_rows(channel, l, clock, false),
        )?;
    }
    if !plan.unplaced.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "### {} ({})",
            l.word(Word::Unplaced),
            plan.unplaced.len()
        )?;
        writeln!(out)?;
        md_table(out, &unplaced_header(l), &unplaced_rows(plan, l))?;
    }
    Ok(())
}

pub fn write_json(plan: &WeekPlan, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Json<'a> {
        week: String,
        #[serde(serialize_with = "super::ymd")]
        from: NaiveDate,
        #[serde(serialize_with = "super::ymd")]
        to: NaiveDate,
        channels: Vec<JsonChannel<'a>>,
        unplaced: Vec<JsonUnplaced<'a>>,
        events: &'a [Event],
        campaigns: &'a [super::RunningCampaign],
    }
    #[derive(Serialize)]
    struct JsonChannel<'a> {
        id: &'a str,
        network: &'static str,
        posts: Vec<JsonPost<'a>>,
        count: usize,
        min: Option<u32>,
        max: Option<u32>,
    }
    #[derive(Serialize)]
    struct JsonPost<'a> {
        post: &'a str,
        title: &'a str,
        at: String,
        status: &'static str,
        campaign: Option<&'a str>,
        length: Option<usize>,
        limit: Option<usize>,
        flags: Vec<&'static str>,
    }
    #[derive(Serialize)]
    struct JsonUnplaced<'a> {
        post: &'a str,
        channel: &'a str,
    }
    let json = Json {
        week: plan.week.to_string(),
        from: plan.week.monday(),
        to: plan.week.sunday(),
        channels: plan
            .channels
            .iter()
            .map(|c| JsonChannel {
                id: &c.id,
                network: c.network.name(),
                posts: c
                    .posts
                    .iter()
                    .map(|p| JsonPost {
                        post: &p.post,
                        title: &p.title,
                        at: p.at.to_rfc3339(),
                        status: p.status.name(),
                        campaign: p.campaign.as_deref(),
                        length: p.length.map(|l| l.length),
                        limit: p.length.map(|l| l.limit),
                        flags: p.flags.iter().map(|f| f.code()).collect(),
                    })
                    .collect(),
                count: c.count(),
                min: c.min,
                max: c.max,
            })
            .collect(),
        unplaced: plan
            .unplaced
            .iter()
            .map(|u| JsonUnplaced {
                post: &u.post,
                channel: &u.channel,
            })
            .collect(),
        events: &plan.events,
        campaigns: &plan.campaigns,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// One row per post, placed posts only (unplaced pairs have no date to put
/// in a row). A title starting with `=`, `+`, `-`, `@`, a tab or a CR gets a
/// `'` in front, so a spreadsheet does not run it as a formula.
pub fn write_csv(plan: &WeekPlan, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "week", "channel", "network", "date", "time", "at", "post", "title", "campaign", "status",
        "length", "limit", "flags",
    ])?;
    let week = plan.week.to_string();
    for channel in &plan.channels {
        for p in &channel.posts {
            let flags: Vec<&str> = p.flags.iter().map(|f| f.code()).collect();
            w.write_record([
                week.as_str(),
                &channel.id,
                channel.network.name(),
                &p.day().to_string(),
                &p.at.format("%H:%M").to_string(),
                &p.at.to_rfc3339(),
                &p.post,
                &defuse(&p.title),
                p.campaign.as_deref().unwrap_or(""),
                p.status.name(),
                &p.length.map(|l| l.length.to_string()).unwrap_or_default(),
                &p.length.map(|l| l.limit.to_string()).unwrap_or_default(),
                &flags.join(" "),
            ])?;
        }
    }
    w.flush()
}

pub(crate) fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// `Semaine 2026-W41 — du lundi 5 octobre au dimanche 11 octobre 2026`.
pub(super) fn title(plan: &WeekPlan, l: Labels) -> String {
    let (from, to) = (plan.week.monday(), plan.week.sunday());
    let from_label = if chrono::Datelike::year(&from) == chrono::Datelike::year(&to) {
        l.day(from)
    } else {
        format!("{} {}", l.day(from), chrono::Datelike::year(&from))
    };
    format!(
        "{} {} — {} {from_label} {} {} {}",
        l.word(Word::Week),
        plan.week,
        l.word(Word::From),
        l.word(Word::To),
        l.day(to),
        chrono::Datelike::year(&to),
    )
}

/// `Fuseau : Europe/Paris (UTC+02:00)`, with the clock change when the week
/// has one.
pub(super) fn zone_line(plan: &WeekPlan, l: Labels) -> String {
    let mut label = l.word(Word::Zone).to_owned();
    if let Some(first) = label.get(..1) {
        label = first.to_uppercase() + &label[1..];
    }
    let offset = |d: NaiveDate| {
        use chrono::TimeZone;
        let noon = d.and_hms_opt(12, 0, 0).unwrap_or_default();
        plan.tz
            .offset_from_local_datetime(&noon)
            .earliest()
            .map(|o| utc(o.fix().local_minus_utc()))
            .unwrap_or_default()
    };
    let colon = l.colon();
    match clock_change(plan) {
        None => format!(
            "{label}{} {} ({})",
            l.colon(),
            plan.tz,
            offset(plan.week.monday())
        ),
        Some(day) => format!(
            "{label}{colon} {} ({}{} {} {}{colon} {} → {})",
            plan.tz,
            offset(plan.week.monday()),
            l.pick(" ;", ";"),
            l.word(Word::ClockChange),
            l.day(day),
            offset(day.pred_opt().unwrap_or(day)),
            offset(day),
        ),
    }
}

/// The day of the week whose noon has another UTC offset than the day
/// before's, if any. Clock changes happen at night, so noon is on the right
/// side of them.
pub(super) fn clock_change(plan: &WeekPlan) -> Option<NaiveDate> {
    use chrono::TimeZone;
    let offset = |d: NaiveDate| {
        plan.tz
            .offset_from_local_datetime(&d.and_hms_opt(12, 0, 0)?)
            .earliest()
            .map(|o| o.fix())
    };
    plan.week
        .days()
        .find(|d| d.pred_opt().is_some_and(|p| offset(p) != offset(*d)))
}

pub(super) fn utc(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, s % 3600 / 60)
}

/// The header lines: campaigns, then one line per kind of event with each
/// name once and the days it covers.
pub(super) fn header(plan: &WeekPlan, l: Labels) -> Vec<(String, String)> {
    let year = chrono::Datelike::year(&plan.week.sunday());
    let mut lines = Vec::new();
    if !plan.campaigns.is_empty() {
        let names: Vec<String> = plan
            .campaigns
            .iter()
            .map(|c| format!("{} ({})", c.name, l.days(c.start, c.end, year)))
            .collect();
        lines.push((l.word(Word::Campaigns).to_owned(), names.join(" ; ")));
    }
    for kind in [
        EventKind::Holiday,
        EventKind::Blackout,
        EventKind::Freeze,
        EventKind::Awareness,
        EventKind::Milestone,
    ] {
        let mut groups: Vec<(&str, Option<&str>, Vec<NaiveDate>)> = Vec::new();
        for e in plan.events.iter().filter(|e| e.kind == kind) {
            // A freeze's detail is its hours on each day, shown as one span.
            let detail = if kind == EventKind::Freeze {
                None
            } else {
                e.detail.as_deref()
            };
            match groups
                .iter_mut()
                .find(|(n, d, _)| *n == e.name && *d == detail)
            {
                Some(g) => g.2.push(e.date),
                None => groups.push((&e.name, detail, vec![e.date])),
            }
        }
        if groups.is_empty() {
            continue;
        }
        let items: Vec<String> = groups
            .iter()
            .map(|(name, detail, dates)| {
                let when = if kind == EventKind::Freeze {
                    freeze_label(plan, l, name)
                } else {
                    days_label(plan, l, dates)
                };
                match detail {
                    Some(d) => format!("{name} ({when} ; {d})"),
                    None => format!("{name} ({when})"),
                }
            })
            .collect();
        lines.push((l.event_kind(kind).to_owned(), items.join(" ; ")));
    }
    lines
}

/// A freeze in the week, from its first hour to its last:
/// `mercredi 21 octobre 08:00 – jeudi 22 octobre 20:00`.
fn freeze_label(plan: &WeekPlan, l: Labels, name: &str) -> String {
    let days: Vec<&Event> = plan
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Freeze && e.name == name)
        .collect();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return String::new();
    };
    let hours = |e: &Event| {
        let detail = e.detail.as_deref().unwrap_or("–");
        let (from, to) = detail.split_once('–').unwrap_or((detail, ""));
        (from.to_owned(), to.to_owned())
    };
    let at = |d: NaiveDate, hour: &str| {
        if hour.is_empty() {
            l.day(d)
        } else {
            format!("{} {hour}", l.day(d))
        }
    };
    let (start, _) = hours(first);
    let (_, end) = hours(last);
    if first.date == last.date {
        match (start.is_empty(), end.is_empty()) {
            (true, true) => l.day(first.date),
            _ => format!("{} {}–{}", l.day(first.date), start, end),
        }
    } else {
        format!("{} – {}", at(first.date, &start), at(last.date, &end))
    }
}

/// The days of an event in the week, as runs: `toute la semaine`,
/// `lundi 5 octobre`, `lundi 5 octobre – mercredi 7 octobre`.
fn days_label(plan: &WeekPlan, l: Labels, dates: &[NaiveDate]) -> String {
    if dates.len() == 7 {
        return match l.language {
            crate::model::Language::Fr => "toute la semaine".to_owned(),
            crate::model::Language::En => "all week".to_owned(),
        };
    }
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &d in dates {
        match runs.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(d) => *last = d,
            _ => runs.push((d, d)),
        }
    }
    let year = chrono::Datelike::year(&plan.week.sunday());
    runs.iter()
        .map(|&(from, to)| {
            let one = |d: NaiveDate| {
                if plan.week.contains(d) {
                    l.day(d)
                } else if chrono::Datelike::year(&d) == year {
                    l.date_short(d)
                } else {
                    l.date_long(d)
                }
            };
            if from == to {
                one(from)
            } else {
                format!("{} – {}", one(from), one(to))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `facebook (facebook) — 3 publications, min 3, max 5`, and what is off.
pub(super) fn channel_heading(channel: &ChannelPlan, l: Labels) -> String {
    let network = if channel.id == channel.network.name() {
        String::new()
    } else {
        format!(" ({})", channel.network)
    };
    let mut s = format!(
        "{}{network} — {}",
        channel.id,
        if channel.posts.is_empty() {
            l.word(Word::NoPost).to_owned()
        } else {
            l.posts(channel.count())
        }
    );
    match (channel.min, channel.max) {
        (Some(min), Some(max)) => {
            let _ = write!(s, ", {min}–{max} {}", l.word(Word::PerWeek));
        }
        (Some(min), None) => {
            let _ = write!(s, ", min {min} {}", l.word(Word::PerWeek));
        }
        (None, Some(max)) => {
            let _ = write!(s, ", max {max} {}", l.word(Word::PerWeek));
        }
        (None, None) => {}
    }
    match channel.cadence() {
        std::cmp::Ordering::Less => {
            let _ = write!(s, " ⚠ {}", l.word(Word::BelowMin));
        }
        std::cmp::Ordering::Greater => {
            let _ = write!(s, " ⚠ {}", l.word(Word::AboveMax));
        }
        std::cmp::Ordering::Equal => {}
    }
    s
}

fn post_header(l: Labels, compact: bool) -> Vec<String> {
    let words: &[Word] = if compact {
        &[
            Word::Day,
            Word::Time,
            Word::Post,
            Word::Status,
            Word::Length,
            Word::Flags,
        ]
    } else {
        &[
            Word::Day,
            Word::Time,
            Word::Post,
            Word::Campaign,
            Word::Status,
            Word::Length,
            Word::Flags,
        ]
    };
    words.iter().map(|w| l.word(*w).to_owned()).collect()
}

/// Widths of the compact (terminal) columns, padding included, so that every
/// channel's table has its columns at the same places; the post column takes
/// the rest of the 100 columns (7 go to the borders).
const COMPACT_WIDTHS: [u16; 6] = [14, 8, 100 - 7 - (14 + 8 + 11 + 11 + 17), 11, 11, 17];

/// One row per post; the day is written on its first post only.
///
/// `compact` (the terminal table) stacks what Markdown spreads over columns:
/// the weekday above the date, the campaign under the title, one flag per
/// line. With `offsets` (a week with a clock change) times carry their UTC
/// offset.
fn post_rows(channel: &ChannelPlan, l: Labels, offsets: bool, compact: bool) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut last_day = None;
    let sep = if compact { "\n" } else { " " };
    for p in &channel.posts {
        let day = p.day();
        let day_cell = if last_day == Some(day) {
            String::new()
        } else {
            format!(
                "{}{sep}{}",
                l.weekday(chrono::Datelike::weekday(&day)),
                l.date_short(day)
            )
        };
        last_day = Some(day);
        let time = if offsets {
            format!("{}{sep}{}", p.at.format("%H:%M"), p.at.format("%:z"))
        } else {
            p.at.format("%H:%M").to_string()
        };
        let mut post = format!("{}\n{}", p.post, p.title);
        if compact && let Some(c) = &p.campaign {
            let _ = write!(
                post,
                "\n{}{} {c}",
                l.word(Word::Campaign).to_lowercase(),
                l.colon()
            );
        }
        let mut row = vec![day_cell, time, post];
        if !compact {
            row.push(p.campaign.clone().unwrap_or_default());
        }
        row.push(l.status(p.status).to_owned());
        row.push(p.length.map_or_else(
            || "–".to_owned(),
            |len| format!("{}/{}", len.length, len.limit),
        ));
        row.push(
            p.flags
                .iter()
                .map(|f| l.flag(*f))
                .collect::<Vec<_>>()
                .join(if compact { "\n" } else { ", " }),
        );
        rows.push(row);
    }
    rows
}

fn unplaced_header(l: Labels) -> Vec<String> {
    [Word::Post, Word::Channel, Word::Status, Word::Window]
        .iter()
        .map(|w| l.word(*w).to_owned())
        .collect()
}

fn unplaced_rows(plan: &WeekPlan, l: Labels) -> Vec<Vec<String>> {
    let year = chrono::Datelike::year(&plan.week.sunday());
    plan.unplaced
        .iter()
        .map(|u| {
            let window = match u.to {
                Some(to) => l.days(u.from, to, year),
                None => format!("{} {}", l.word(Word::FromToday), l.date_short(u.from)),
            };
            vec![
                format!("{}\n{}", u.post, u.title),
                u.channel.clone(),
                l.status(u.status).to_owned(),
                window,
            ]
        })
        .collect()
}

/// A GitHub-flavoured Markdown table; line breaks in cells become ` — `
/// (after the id) or `<br>`.
pub(crate) fn md_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
) -> io::Result<()> {
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(
        out,
        "|{}|",
        header.iter().map(|_| " --- ").collect::<Vec<_>>().join("|")
    )?;
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let mut lines = cell.lines();
                let first = lines.next().unwrap_or_default();
                let rest: Vec<&str> = lines.collect();
                if rest.is_empty() {
                    md(first)
                } else {
                    format!("`{first}` {}", md(&rest.join(" ")))
                }
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Escapes what Markdown would read as table syntax or emphasis.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
