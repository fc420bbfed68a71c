//! `plan week`, `plan month` and `plan range` in each format: a terminal
//! table, Markdown to paste into a document, JSON in the documented shape,
//! CSV with one row per post. Every format reads the one [`Plan`] value.
//!
//! A week prints as one block. A month or a range prints its title,
//! campaigns and totals, then one section per ISO week it covers (clipped to
//! its days), each read exactly as a week's plan, then the pairs without a
//! time: a Monday meeting goes through the weeks one by one, and each
//! channel's count is then comparable with its `posts_per_week`.
//!
//! Human formats (table, Markdown) follow `calendar.language`; JSON and CSV
//! keep stable English identifiers. Tables use a fixed preset and a fixed
//! width of 100 columns, never the terminal's, so the same plan always gives
//! the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{NaiveDate, Offset};
use serde::Serialize;

use super::labels::{Labels, Word};
use super::table::TextTable;
use super::{ChannelPlan, Event, EventKind, Plan, Week};
use crate::model::Language;

pub use super::table::TABLE_WIDTH;

/// A fresh table in the house style (see [`TextTable`]).
pub fn table(header: Vec<String>) -> TextTable {
    TextTable::new(header)
}

/// The terminal table; with `text`, each post's text under its title.
pub fn write_table(plan: &Plan, text: bool, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    if plan.period.week.is_some() {
        writeln!(out, "{}", title(plan, l))?;
        writeln!(out, "{}", zone_line(plan, l))?;
        for (label, value) in header(plan, l, true) {
            writeln!(out, "{label}{} {value}", l.colon())?;
        }
        write_table_channels(plan, text, out)?;
    } else {
        writeln!(out, "{}", period_title(plan, l))?;
        writeln!(out, "{}", zone_line(plan, l))?;
        for (label, value) in period_header(plan, l) {
            writeln!(out, "{label}{} {value}", l.colon())?;
        }
        for section in sections(plan) {
            let title = title(&section, l);
            writeln!(out)?;
            writeln!(out, "{title}")?;
            writeln!(out, "{}", "─".repeat(title.chars().count()))?;
            for (label, value) in header(&section, l, false) {
                writeln!(out, "{label}{} {value}", l.colon())?;
            }
            write_table_channels(&section, text, out)?;
        }
    }
    if !plan.unplaced.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} ({})", l.word(Word::Unplaced), plan.unplaced.len())?;
        let mut t = table(unplaced_header(l));
        t.whole(&[1, 2, 3]);
        for row in unplaced_rows(plan, l) {
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    if plan.ideas > 0 {
        writeln!(out)?;
        writeln!(out, "{}", ideas_line(plan, l))?;
    }
    Ok(())
}

/// `Idées : 3 en attente dans le backlog (`edcal backlog`)`.
pub(super) fn ideas_line(plan: &Plan, l: Labels) -> String {
    let n = plan.ideas;
    format!(
        "{}{} {n} {}",
        l.word(Word::Ideas),
        l.colon(),
        match (l.language, n) {
            (Language::Fr, _) => "en attente dans le backlog (`edcal backlog`)",
            (Language::En, 1) => "waits in the backlog (`edcal backlog`)",
            (Language::En, _) => "wait in the backlog (`edcal backlog`)",
        }
    )
}

/// Each channel's heading and its table of posts.
fn write_table_channels(plan: &Plan, text: bool, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    let clock = clock_change(plan).is_some();
    for channel in &plan.channels {
        writeln!(out)?;
        writeln!(out, "{}", channel_heading(channel, l))?;
        if channel.posts.is_empty() {
            continue;
        }
        let mut t = table(post_header(l, true));
        // Day, time, status and length never wrap; the post's title gives
        // them room.
        t.widths(&COMPACT_WIDTHS, 2).whole(&[0, 1, 3, 4]);
        for (mut row, post) in post_rows(channel, l, clock, true)
            .into_iter()
            .zip(&channel.posts)
        {
            if text {
                row[2].push_str("\n\n");
                row[2].push_str(&text_lines(post, l).join("\n"));
            }
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}

/// What `--text` shows of a post: its text line by line, then its link.
fn text_lines(post: &super::PlannedPost, l: Labels) -> Vec<String> {
    let mut lines: Vec<String> = if post.text.is_empty() {
        vec![l.pick("(pas de texte)", "(no text)").to_owned()]
    } else {
        post.text.lines().map(str::to_owned).collect()
    };
    if let Some(link) = &post.link {
        lines.push(format!("{}{} {link}", l.pick("lien", "link"), l.colon()));
    }
    lines
}

/// Markdown to paste into a document; with `text`, each post's text under
/// its title, in the same cell.
pub fn write_markdown(plan: &Plan, text: bool, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    if plan.period.week.is_some() {
        writeln!(out, "## {}", title(plan, l))?;
        writeln!(out)?;
        writeln!(out, "{}", zone_line(plan, l))?;
        write_md_header(&header(plan, l, true), l, out)?;
        write_md_channels(plan, text, "###", out)?;
    } else {
        writeln!(out, "## {}", period_title(plan, l))?;
        writeln!(out)?;
        writeln!(out, "{}", zone_line(plan, l))?;
        write_md_header(&period_header(plan, l), l, out)?;
        for section in sections(plan) {
            writeln!(out)?;
            writeln!(out, "### {}", md(&title(&section, l)))?;
            write_md_header(&header(&section, l, false), l, out)?;
            write_md_channels(&section, text, "####", out)?;
        }
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
    if plan.ideas > 0 {
        writeln!(out)?;
        // Fixed words and a number: nothing to escape, and the command
        // stays code.
        writeln!(out, "{}", ideas_line(plan, l))?;
    }
    Ok(())
}

fn write_md_header(header: &[(String, String)], l: Labels, out: &mut dyn Write) -> io::Result<()> {
    if !header.is_empty() {
        writeln!(out)?;
        for (label, value) in header {
            writeln!(out, "- **{label}**{} {}", l.colon(), md(value))?;
        }
    }
    Ok(())
}

/// Each channel's heading (at `level`) and its table of posts.
fn write_md_channels(plan: &Plan, text: bool, level: &str, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    let clock = clock_change(plan).is_some();
    for channel in &plan.channels {
        writeln!(out)?;
        writeln!(out, "{level} {}", md(&channel_heading(channel, l)))?;
        if channel.posts.is_empty() {
            continue;
        }
        writeln!(out)?;
        let rows = post_rows(channel, l, clock, false);
        let mut cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|c| md_cell(c)).collect())
            .collect();
        if text {
            // A Markdown table cell is one line: the text's lines are
            // joined with `<br>`, which GitHub-flavoured Markdown renders.
            for (row, post) in cells.iter_mut().zip(&channel.posts) {
                let lines: Vec<String> = text_lines(post, l).iter().map(|t| md(t)).collect();
                row[2].push_str("<br><br>");
                row[2].push_str(&lines.join("<br>"));
            }
        }
        write_md_rows(out, &post_header(l, false), &cells)?;
    }
    Ok(())
}

/// The documented JSON shape; `week` only in a week's plan.
pub fn write_json(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Json<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        week: Option<String>,
        #[serde(serialize_with = "super::ymd")]
        from: NaiveDate,
        #[serde(serialize_with = "super::ymd")]
        to: NaiveDate,
        channels: Vec<JsonChannel<'a>>,
        unplaced: Vec<JsonUnplaced<'a>>,
        /// Ideas whose window meets the week, left to `backlog`.
        ideas: usize,
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
        text: &'a str,
        link: Option<&'a str>,
        media: &'a [super::PlannedMedia],
        notes: Vec<JsonNote<'a>>,
    }
    #[derive(Serialize)]
    struct JsonNote<'a> {
        by: &'a str,
        #[serde(serialize_with = "super::ymd")]
        on: NaiveDate,
        text: &'a str,
    }
    #[derive(Serialize)]
    struct JsonUnplaced<'a> {
        post: &'a str,
        channel: &'a str,
    }
    let json = Json {
        week: plan.period.week.map(|w| w.to_string()),
        from: plan.period.from,
        to: plan.period.to,
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
                        text: &p.text,
                        link: p.link.as_deref(),
                        media: &p.media,
                        notes: p
                            .notes
                            .iter()
                            .map(|n| JsonNote {
                                by: &n.by,
                                on: n.on,
                                text: &n.text,
                            })
                            .collect(),
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
        ideas: plan.ideas,
        events: &plan.events,
        campaigns: &plan.campaigns,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// One row per post, placed posts only (unplaced pairs have no date to put
/// in a row); `week` is the ISO week of the post's day. With `text`, two
/// more columns: `text` and `link`. A title or text starting with `=`, `+`,
/// `-`, `@`, a tab or a CR gets a `'` in front, so a spreadsheet does not run
/// it as a formula.
pub fn write_csv(plan: &Plan, text: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![
        "week", "channel", "network", "date", "time", "at", "post", "title", "campaign", "status",
        "length", "limit", "flags",
    ];
    if text {
        header.extend(["text", "link"]);
    }
    w.write_record(&header)?;
    for channel in &plan.channels {
        for p in &channel.posts {
            let flags: Vec<&str> = p.flags.iter().map(|f| f.code()).collect();
            let mut record = vec![
                Week::of(p.day()).to_string(),
                channel.id.clone(),
                channel.network.name().to_owned(),
                p.day().to_string(),
                p.at.format("%H:%M").to_string(),
                p.at.to_rfc3339(),
                p.post.clone(),
                defuse(&p.title),
                p.campaign.clone().unwrap_or_default(),
                p.status.name().to_owned(),
                p.length.map(|l| l.length.to_string()).unwrap_or_default(),
                p.length.map(|l| l.limit.to_string()).unwrap_or_default(),
                flags.join(" "),
            ];
            if text {
                record.push(defuse(&p.text));
                record.push(p.link.clone().unwrap_or_default());
            }
            w.write_record(&record)?;
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

/// `Semaine 2026-W41 — du lundi 5 octobre au dimanche 11 octobre 2026`; a
/// week clipped to a month or range names its days only.
pub(super) fn title(plan: &Plan, l: Labels) -> String {
    let (from, to) = (plan.period.from, plan.period.to);
    let week = plan.period.week.unwrap_or_else(|| Week::of(from));
    let from_label = if chrono::Datelike::year(&from) == chrono::Datelike::year(&to) {
        l.day(from)
    } else {
        format!("{} {}", l.day(from), chrono::Datelike::year(&from))
    };
    format!(
        "{} {} — {} {from_label} {} {} {}",
        l.word(Word::Week),
        week,
        l.word(Word::From),
        l.word(Word::To),
        l.day(to),
        chrono::Datelike::year(&to),
    )
}

/// `Fuseau : Europe/Paris (UTC+02:00)`, with the clock change when the week
/// has one.
pub(super) fn zone_line(plan: &Plan, l: Labels) -> String {
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
            offset(plan.period.from)
        ),
        Some(day) => format!(
            "{label}{colon} {} ({}{} {} {}{colon} {} → {})",
            plan.tz,
            offset(plan.period.from),
            l.pick(" ;", ";"),
            l.word(Word::ClockChange),
            l.day(day),
            offset(day.pred_opt().unwrap_or(day)),
            offset(day),
        ),
    }
}

/// The first day of the period whose noon has another UTC offset than the
/// day before's, if any. Clock changes happen at night, so noon is on the
/// right side of them.
pub(super) fn clock_change(plan: &Plan) -> Option<NaiveDate> {
    use chrono::TimeZone;
    let offset = |d: NaiveDate| {
        plan.tz
            .offset_from_local_datetime(&d.and_hms_opt(12, 0, 0)?)
            .earliest()
            .map(|o| o.fix())
    };
    plan.period
        .days()
        .find(|d| d.pred_opt().is_some_and(|p| offset(p) != offset(*d)))
}

pub(super) fn utc(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, s % 3600 / 60)
}

/// The header lines: campaigns (with `campaigns`), then one line per kind of
/// event with each name once and the days it covers.
pub(super) fn header(plan: &Plan, l: Labels, campaigns: bool) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    if campaigns {
        lines.extend(campaigns_line(plan, l));
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

/// `Campagnes : Octobre Rose 2026 (1er–31 octobre)`, if any runs.
fn campaigns_line(plan: &Plan, l: Labels) -> Option<(String, String)> {
    if plan.campaigns.is_empty() {
        return None;
    }
    let year = chrono::Datelike::year(&plan.period.to);
    let names: Vec<String> = plan
        .campaigns
        .iter()
        .map(|c| format!("{} ({})", c.name, l.days(c.start, c.end, year)))
        .collect();
    Some((l.word(Word::Campaigns).to_owned(), names.join(" ; ")))
}

/// `Mars 2027 — du lundi 1er mars au mercredi 31 mars 2027`, or for a range
/// `Période du vendredi 6 mars au samedi 13 mars 2027 (8 jours)`.
pub(super) fn period_title(plan: &Plan, l: Labels) -> String {
    use chrono::Datelike;
    let (from, to) = (plan.period.from, plan.period.to);
    let from_label = if from.year() == to.year() {
        l.day(from)
    } else {
        format!("{} {}", l.day(from), from.year())
    };
    let span = format!(
        "{} {from_label} {} {} {}",
        l.word(Word::From),
        l.word(Word::To),
        l.day(to),
        to.year()
    );
    match plan.period.month {
        Some((year, month)) => {
            let name = l.month(month);
            let mut chars = name.chars();
            let capital: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            format!("{capital}{} {year} — {span}", chars.as_str())
        }
        None => {
            let days = plan.period.days().count();
            format!(
                "{} {span} ({days} {})",
                l.pick("Période", "Period"),
                match (l.language, days) {
                    (crate::model::Language::Fr, 1) => "jour",
                    (crate::model::Language::Fr, _) => "jours",
                    (crate::model::Language::En, 1) => "day",
                    (crate::model::Language::En, _) => "days",
                }
            )
        }
    }
}

/// The header of a month or range: its campaigns, then its posts per
/// channel (`Total : 24 publications (facebook 9 ; instagram 6 …)`).
fn period_header(plan: &Plan, l: Labels) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = campaigns_line(plan, l).into_iter().collect();
    let total: usize = plan.channels.iter().map(ChannelPlan::count).sum();
    let per_channel: Vec<String> = plan
        .channels
        .iter()
        .filter(|c| c.count() > 0)
        .map(|c| format!("{} {}", c.id, c.count()))
        .collect();
    let mut value = l.posts(total);
    if !per_channel.is_empty() {
        let _ = write!(value, " ({})", per_channel.join(l.pick(" ; ", "; ")));
    }
    lines.push(("Total".to_owned(), value));
    lines
}

/// The ISO weeks of a month or range, clipped to it, each as a plan of its
/// own: its events (the late milestones, dated before the period, go to the
/// first), its campaigns and its posts; no pairs without a time (they are
/// listed once, after the weeks). A clipped week has no cadence to meet:
/// its channels show their count only.
fn sections(plan: &Plan) -> Vec<Plan> {
    plan.period
        .weeks()
        .into_iter()
        .enumerate()
        .map(|(i, period)| Plan {
            period,
            tz: plan.tz,
            language: plan.language,
            campaigns: plan
                .campaigns
                .iter()
                .filter(|c| period.meets(c.start, Some(c.end)))
                .cloned()
                .collect(),
            events: plan
                .events
                .iter()
                .filter(|e| period.contains(e.date) || (i == 0 && e.date < period.from))
                .cloned()
                .collect(),
            channels: plan
                .channels
                .iter()
                .map(|c| ChannelPlan {
                    id: c.id.clone(),
                    network: c.network,
                    posts: c
                        .posts
                        .iter()
                        .filter(|p| period.contains(p.day()))
                        .cloned()
                        .collect(),
                    min: period.week.and(c.min),
                    max: period.week.and(c.max),
                })
                .collect(),
            unplaced: Vec::new(),
            ideas: 0,
        })
        .collect()
}

/// A freeze in the week, from its first hour to its last:
/// `mercredi 21 octobre 08:00 – jeudi 22 octobre 20:00`.
fn freeze_label(plan: &Plan, l: Labels, name: &str) -> String {
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
fn days_label(plan: &Plan, l: Labels, dates: &[NaiveDate]) -> String {
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
    let year = chrono::Datelike::year(&plan.period.to);
    runs.iter()
        .map(|&(from, to)| {
            let one = |d: NaiveDate| {
                if plan.period.contains(d) {
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

fn unplaced_rows(plan: &Plan, l: Labels) -> Vec<Vec<String>> {
    let year = chrono::Datelike::year(&plan.period.to);
    plan.unplaced
        .iter()
        .map(|u| {
            let mut window = match u.to {
                Some(to) => l.days(u.from, to, year),
                None => format!("{} {}", l.word(Word::FromToday), l.date_short(u.from)),
            };
            if u.to.is_some_and(|to| to < plan.period.from) {
                let _ = write!(window, "\n⚠ {}", l.word(Word::Late));
            }
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
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| md_cell(c)).collect())
        .collect();
    write_md_rows(out, header, &cells)
}

/// One cell, escaped: a cell of several lines is `` `first` rest ``.
fn md_cell(cell: &str) -> String {
    let mut lines = cell.lines();
    let first = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        md(first)
    } else {
        format!("`{first}` {}", md(&rest.join(" ")))
    }
}

/// A table of cells already escaped.
fn write_md_rows(out: &mut dyn Write, header: &[String], cells: &[Vec<String>]) -> io::Result<()> {
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(
        out,
        "|{}|",
        header.iter().map(|_| " --- ").collect::<Vec<_>>().join("|")
    )?;
    for row in cells {
        writeln!(out, "| {} |", row.join(" | "))?;
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
