//! `edcal report`: planned against published pairs, and what the published
//! ones did, from the latest snapshot of each pair in `results/`.
//!
//! The engagement rate is defined here once: a pair's engagements (the
//! network's own total, else likes + comments + shares + saves, see
//! [`Metrics::engagements`]) divided by its reach, or by its impressions
//! where the network gives no reach. A group's rate is the sum of those
//! engagements over the sum of those reaches, over the pairs that have
//! both; it is not an average of rates, so a post seen by ten people does
//! not weigh as much as one seen by ten thousand.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::store::Snapshot;
use super::{Metric, Metrics};
use crate::model::{Calendar, Language, Status, Timing};

/// Which pairs a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Campaign(String),
    /// Both days included, in the calendar's zone.
    Days(NaiveDate, NaiveDate),
}

/// What a report's rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum By {
    Channel,
    Theme,
    Audience,
    Campaign,
    Post,
    /// Weekday × hour of the local publication time (`mon 12:00`).
    Slot,
}

impl By {
    pub fn name(self) -> &'static str {
        match self {
            By::Channel => "channel",
            By::Theme => "theme",
            By::Audience => "audience",
            By::Campaign => "campaign",
            By::Post => "post",
            By::Slot => "slot",
        }
    }
}

/// How many posts the top and bottom lists hold.
pub const TOP: usize = 3;

/// One pair of the report's scope. It borrows its post from the calendar:
/// copying each pair's title, themes and campaign cost a tenth of a report
/// on 100,000 posts.
#[derive(Debug, Clone)]
pub(crate) struct PairLine<'c> {
    pub(crate) post: String,
    pub(crate) channel: &'c str,
    of: &'c crate::model::Post,
    audience: &'static str,
    pub(crate) published: bool,
    pub(crate) latest: Option<(Metrics, NaiveDate)>,
    /// The post's own id (a repeating post's, for its occurrences).
    pub(crate) source: &'c str,
    /// Its local time, when it has one.
    pub(crate) at: Option<NaiveDateTime>,
    /// When it went out, local: the time recorded by `edcal published`,
    /// else the calendar's, else the results' `published_at`.
    pub(crate) local: Option<NaiveDateTime>,
}

/// The figures of a group of pairs.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Figures {
    pub planned: usize,
    pub published: usize,
    /// Published pairs with figures.
    pub measured: usize,
    /// `None` when no measured pair of the group has the figure.
    pub impressions: Option<u64>,
    pub reach: Option<u64>,
    pub engagements: Option<u64>,
    /// See the module's documentation; `None` when no pair has both.
    pub engagement_rate: Option<f64>,
    #[serde(skip)]
    rate_engagements: u64,
    #[serde(skip)]
    rate_audience: u64,
}

impl Figures {
    pub(crate) fn add(&mut self, pair: &PairLine<'_>) {
        self.planned += 1;
        if !pair.published {
            return;
        }
        self.published += 1;
        let Some((m, _)) = &pair.latest else { return };
        self.measured += 1;
        let add = |sum: &mut Option<u64>, n: Option<u64>| {
            if let Some(n) = n {
                *sum = Some(sum.unwrap_or(0) + n);
            }
        };
        add(&mut self.impressions, m.get(Metric::Impressions));
        add(&mut self.reach, m.get(Metric::Reach));
        add(&mut self.engagements, m.engagements());
        if let (Some(e), Some(a)) = (m.engagements(), m.audience()) {
            self.rate_engagements += e;
            self.rate_audience += a;
        }
        self.engagement_rate = (self.rate_audience > 0)
            .then(|| self.rate_engagements as f64 / self.rate_audience as f64);
    }
}

/// A group of the report: its key (one value per `--by`) and figures.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: Vec<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One pair in the top or bottom list.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub post: String,
    pub channel: String,
    pub title: String,
    pub impressions: Option<u64>,
    pub reach: Option<u64>,
    pub engagements: u64,
    pub engagement_rate: f64,
    /// YYYY-MM-DD.
    pub collected_on: String,
}

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'c> {
    /// Labels of the table and Markdown forms (JSON and CSV keep English
    /// identifiers).
    #[serde(skip)]
    pub language: Language,
    pub scope: String,
    pub by: Vec<&'static str>,
    pub groups: Vec<Group>,
    pub total: Figures,
    pub top: Vec<Ranked>,
    pub bottom: Vec<Ranked>,
    pub notes: Vec<String>,
    /// The pairs of the scope, for the page's charts.
    #[serde(skip)]
    pub(crate) pairs: Vec<PairLine<'c>>,
    #[serde(skip)]
    pub(crate) scope_kind: Scope,
}

/// The latest snapshot of each (post, channel) among `rows`; on the same
/// day, the last row read.
pub fn latest(rows: &[Snapshot]) -> BTreeMap<(&str, &str), &Snapshot> {
    let mut out: BTreeMap<(&str, &str), &Snapshot> = BTreeMap::new();
    for row in rows {
        let key = (row.post.as_str(), row.channel.as_str());
        match out.get(&key) {
            Some(old) if old.collected_on > row.collected_on => {}
            _ => {
                out.insert(key, row);
            }
        }
    }
    out
}

/// Builds the report of `scope`, grouped by `by`, from the snapshots in
/// `rows`. `today` decides which occurrences of a published repeating post
/// have gone out.
pub fn build<'c>(
    calendar: &'c Calendar,
    rows: &[Snapshot],
    scope: &Scope,
    by: &[By],
    today: NaiveDate,
) -> Report<'c> {
    let latest = latest(rows);
    let pairs = pairs(calendar, scope, today, &latest);
    let mut groups: BTreeMap<Vec<String>, Figures> = BTreeMap::new();
    let mut total = Figures::default();
    for pair in &pairs {
        total.add(pair);
        if by.is_empty() {
            continue;
        }
        for key in keys(pair, by, calendar.settings.language) {
            groups.entry(key).or_default().add(pair);
        }
    }
    // Each measured pair's rate, engagements and index, sorted; only the
    // top and bottom ones become `Ranked` rows.
    let mut ranked: Vec<(f64, u64, usize)> = pairs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.published)
        .filter_map(|(i, p)| {
            let (m, _) = p.latest?;
            let (e, a) = (m.engagements()?, m.audience()?);
            (a > 0).then(|| (e as f64 / a as f64, e, i))
        })
        .collect();
    ranked.sort_by(|a, b| {
        let (pa, pb) = (&pairs[a.2], &pairs[b.2]);
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then_with(|| (&pa.post, pa.channel).cmp(&(&pb.post, pb.channel)))
    });
    let row = |&(rate, e, i): &(f64, u64, usize)| {
        let p = &pairs[i];
        let (m, collected_on) = p.latest.unwrap_or_default();
        Ranked {
            post: p.post.clone(),
            channel: p.channel.to_owned(),
            title: p.of.title.clone(),
            impressions: m.get(Metric::Impressions),
            reach: m.get(Metric::Reach),
            engagements: e,
            engagement_rate: rate,
            collected_on: collected_on.to_string(),
        }
    };
    let top: Vec<Ranked> = ranked.iter().take(TOP).map(row).collect();
    let rest = ranked.len().saturating_sub(top.len()).min(TOP);
    let bottom: Vec<Ranked> = ranked.iter().rev().take(rest).map(row).collect();
    let mut notes = vec![
        "engagement rate = engagements / reach, or / impressions where the network gives no reach; \
         a group's rate is the sum of its engagements over the sum of its reach"
            .to_owned(),
        "engagements = the network's own total where it gives one, else likes + comments + shares + saves"
            .to_owned(),
    ];
    if let Some(last) = pairs.iter().filter_map(|p| p.latest.map(|l| l.1)).max() {
        notes.push(format!(
            "figures: the latest snapshot of each pair, collected up to {last}; they are lifetime totals as of that day"
        ));
    }
    let unmeasured = total.published - total.measured;
    if unmeasured > 0 {
        notes.push(format!(
            "{unmeasured} published pair{} without figures yet (`edcal results import`)",
            if unmeasured == 1 { "" } else { "s" }
        ));
    }
    if by.contains(&By::Theme) {
        notes.push("a post with several themes counts in each of them".to_owned());
    }
    Report {
        language: calendar.settings.language,
        scope: match scope {
            Scope::All => "everything".to_owned(),
            Scope::Campaign(id) => format!("campaign {id}"),
            Scope::Days(from, to) => format!("{from} to {to}"),
        },
        by: by.iter().map(|b| b.name()).collect(),
        groups: {
            let mut groups: Vec<Group> = groups
                .into_iter()
                .map(|(key, figures)| Group { key, figures })
                .collect();
            // Slots in the week's order, not the alphabet's.
            if by.contains(&By::Slot) {
                let rank = |g: &Group| -> Vec<(usize, String)> {
                    g.key
                        .iter()
                        .zip(by)
                        .map(|(k, b)| match b {
                            By::Slot => slot_rank(k),
                            _ => (0, k.clone()),
                        })
                        .collect()
                };
                groups.sort_by_cached_key(rank);
            }
            groups
        },
        total,
        top,
        bottom,
        notes,
        pairs,
        scope_kind: scope.clone(),
    }
}

/// The pairs of the scope: every channel of every post not cancelled, a
/// repeating post's occurrences one by one.
fn pairs<'c>(
    calendar: &'c Calendar,
    scope: &Scope,
    today: NaiveDate,
    latest: &BTreeMap<(&str, &str), &Snapshot>,
) -> Vec<PairLine<'c>> {
    let in_scope = |post: &crate::model::Post, day: Option<NaiveDate>| match scope {
        Scope::All => true,
        Scope::Campaign(id) => post.campaign.as_deref() == Some(id.as_str()),
        Scope::Days(from, to) => day.is_some_and(|d| *from <= d && d <= *to),
    };
    let line = |post: &'c crate::model::Post,
                id: String,
                channel: &'c str,
                published: bool,
                at: Option<NaiveDateTime>| {
        let snapshot = latest.get(&(id.as_str(), channel));
        let local = post
            .published
            .get(channel)
            .and_then(|p| p.at)
            .filter(|_| !id.contains('@'))
            .or(at)
            .or_else(|| {
                snapshot
                    .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s.published_at).ok())
                    .map(|t| t.with_timezone(&calendar.settings.tz).naive_local())
            });
        let latest = snapshot.map(|s| (s.metrics, s.collected_on));
        PairLine {
            local,
            post: id,
            channel,
            of: post,
            audience: calendar.channels.get(channel).map_or("—", |c| {
                crate::model::AudienceKind::ALL
                    .iter()
                    .find(|(_, k)| *k == c.audience_kind)
                    .map_or("—", |(n, _)| *n)
            }),
            published,
            latest,
            source: &post.id.value,
            at,
        }
    };
    // The pairs with a time are `Calendar::fixed`'s, in the posts' order:
    // nothing here depends on the order, and sorting every pair of the
    // calendar by channel and time cost half of a report's own time.
    let mut out = Vec::with_capacity(calendar.posts.len() * 2);
    for post in &calendar.posts {
        if post.status.value == Status::Cancelled {
            continue;
        }
        for channel in post.channel_ids() {
            if let Some(at) = post.at(channel) {
                let Some(repeat) = &post.repeat else {
                    let day = at.value.local.date();
                    if in_scope(post, Some(day)) {
                        let published = post.status.value == Status::Published;
                        let id = post.id.value.clone();
                        out.push(line(post, id, channel, published, Some(at.value.local)));
                    }
                    continue;
                };
                for o in crate::occurrence::expand(calendar, repeat, at.value) {
                    let day = o.time.local.date();
                    if post.skips(Some(o.date)) || !in_scope(post, Some(day)) {
                        continue;
                    }
                    let published = post.status.value == Status::Published && day <= today;
                    let id = crate::occurrence::id(&post.id.value, o.date);
                    out.push(line(post, id, channel, published, Some(o.time.local)));
                }
                continue;
            }
            let day = match &post.timing {
                Timing::On(on) => Some(on.value),
                _ => None,
            };
            if in_scope(post, day) {
                let published = post.status.value == Status::Published;
                out.push(line(post, post.id.value.clone(), channel, published, None));
            }
        }
    }
    out
}

/// The group keys of a pair: one value per `--by` (several themes give
/// several keys).
pub(crate) fn keys(pair: &PairLine<'_>, by: &[By], language: Language) -> Vec<Vec<String>> {
    let mut keys: Vec<Vec<String>> = vec![Vec::new()];
    for b in by {
        let values: Vec<String> = match b {
            By::Channel => vec![pair.channel.to_owned()],
            By::Post => vec![pair.post.clone()],
            By::Audience => vec![pair.audience.to_owned()],
            By::Campaign => vec![pair.of.campaign.clone().unwrap_or_else(|| "—".to_owned())],
            By::Theme if pair.of.themes.is_empty() => vec!["—".to_owned()],
            By::Theme => pair
                .of
                .themes
                .iter()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            By::Slot => vec![
                pair.local
                    .map_or_else(|| "—".to_owned(), |l| slot_key(l, language)),
            ],
        };
        keys = keys
            .into_iter()
            .flat_map(|k| {
                values.iter().map(move |v| {
                    let mut k = k.clone();
                    k.push(v.clone());
                    k
                })
            })
            .collect();
    }
    keys
}

/// The weekdays of slot keys, Monday first, in each language.
const DAYS_EN: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAYS_FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];

/// A slot group's key: the weekday and the hour, `mon 12:00` (`lun 12:00`
/// in French; a post at 12:40 is in the 12:00 group).
fn slot_key(local: chrono::NaiveDateTime, language: Language) -> String {
    use chrono::{Datelike, Timelike};
    let days = match language {
        Language::Fr => DAYS_FR,
        Language::En => DAYS_EN,
    };
    format!(
        "{} {:02}:00",
        days[local.weekday().num_days_from_monday() as usize],
        local.hour()
    )
}

/// Where a group key of `--by slot` sorts: Monday first, then the hour;
/// `—` (no time) last.
fn slot_rank(key: &str) -> (usize, String) {
    let day = key.split(' ').next().unwrap_or("");
    let rank = DAYS_EN
        .iter()
        .position(|d| *d == day)
        .or_else(|| DAYS_FR.iter().position(|d| *d == day))
        .unwrap_or(7);
    (rank, key.to_owned())
}

/// The words of the table and Markdown forms, in the calendar's language.
pub(crate) struct Words {
    pub(crate) title: &'static str,
    pub(crate) colon: &'static str,
    pub(crate) figures: [&'static str; 7],
    pub(crate) ranks: [&'static str; 6],
    pub(crate) top: &'static str,
    pub(crate) bottom: &'static str,
    pub(crate) total: &'static str,
    pub(crate) note: &'static str,
    pub(crate) by: fn(&str) -> &'static str,
    pub(crate) notes: fn(&str) -> String,
}

impl Words {
    /// Cells with a rate written the language's way (`5,48 %` in French).
    pub(crate) fn cells(&self, cells: Vec<String>) -> Vec<String> {
        if self.colon == ":" {
            return cells;
        }
        cells
            .into_iter()
            .map(|c| {
                if c.ends_with(" %") {
                    c.replace('.', ",")
                } else {
                    c
                }
            })
            .collect()
    }

    pub(crate) fn of(language: Language) -> Words {
        match language {
            Language::En => Words {
                title: "Report",
                colon: ":",
                figures: FIGURE_HEADER,
                ranks: RANK_HEADER,
                top: "Top posts",
                bottom: "Bottom posts",
                total: "total",
                note: "note",
                by: |b| match b {
                    "channel" => "channel",
                    "theme" => "theme",
                    "audience" => "audience",
                    "campaign" => "campaign",
                    "slot" => "slot",
                    _ => "post",
                },
                notes: str::to_owned,
            },
            Language::Fr => Words {
                title: "Bilan",
                colon: " :",
                figures: [
                    "prévues",
                    "publiées",
                    "mesurées",
                    "impressions",
                    "couverture",
                    "interactions",
                    "taux d'engagement",
                ],
                ranks: [
                    "publication",
                    "canal",
                    "impressions",
                    "couverture",
                    "interactions",
                    "taux",
                ],
                top: "Meilleures publications",
                bottom: "Publications les moins engageantes",
                total: "total",
                note: "note",
                by: |b| match b {
                    "channel" => "canal",
                    "theme" => "thème",
                    "audience" => "public",
                    "campaign" => "campagne",
                    "slot" => "créneau",
                    _ => "publication",
                },
                notes: french_note,
            },
        }
    }
}

/// A note of the report in French.
fn french_note(note: &str) -> String {
    if note.starts_with("engagement rate") {
        return "taux d'engagement = interactions / couverture, ou / impressions quand le réseau ne donne pas la couverture ; \
                le taux d'un groupe est la somme de ses interactions sur la somme de sa couverture"
            .to_owned();
    }
    if note.starts_with("engagements =") {
        return "interactions = le total donné par le réseau quand il en donne un, sinon j'aime + commentaires + partages + enregistrements"
            .to_owned();
    }
    if let Some(rest) =
        note.strip_prefix("figures: the latest snapshot of each pair, collected up to ")
    {
        let day = rest.split(';').next().unwrap_or(rest);
        return format!(
            "chiffres : le dernier relevé de chaque publication, relevés jusqu'au {day} ; ce sont des cumuls depuis la publication"
        );
    }
    if let Some((n, _)) = note.split_once(" published pair") {
        let plural = if n == "1" { "" } else { "s" };
        return format!(
            "{n} publication{plural} publiée{plural} sans chiffres pour l'instant (`edcal results import`)"
        );
    }
    if note.starts_with("a post with several themes") {
        return "une publication à plusieurs thèmes compte dans chacun".to_owned();
    }
    note.to_owned()
}

pub(crate) fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "—".to_owned(), |r| format!("{:.2} %", r * 100.0))
}

pub(crate) fn opt(n: Option<u64>) -> String {
    n.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

const FIGURE_HEADER: [&str; 7] = [
    "planned",
    "published",
    "measured",
    "impressions",
    "reach",
    "engagements",
    "engagement rate",
];

fn figure_cells(f: &Figures) -> Vec<String> {
    vec![
        f.planned.to_string(),
        f.published.to_string(),
        f.measured.to_string(),
        opt(f.impressions),
        opt(f.reach),
        opt(f.engagements),
        rate(f.engagement_rate),
    ]
}

const RANK_HEADER: [&str; 6] = [
    "post",
    "channel",
    "impressions",
    "reach",
    "engagements",
    "rate",
];

pub(crate) fn rank_cells(r: &Ranked) -> Vec<String> {
    vec![
        r.post.clone(),
        r.channel.clone(),
        opt(r.impressions),
        opt(r.reach),
        r.engagements.to_string(),
        rate(Some(r.engagement_rate)),
    ]
}

/// The groups as rows of cells, the total last, with their header.
pub(crate) fn group_rows(report: &Report, w: &Words) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = report.by.iter().map(|b| (w.by)(b).to_owned()).collect();
    if header.is_empty() {
        header.push(String::new());
    }
    header.extend(w.figures.iter().map(|h| (*h).to_owned()));
    let mut rows: Vec<Vec<String>> = report
        .groups
        .iter()
        .filter(|g| !g.key.is_empty())
        .map(|g| {
            let mut row = g.key.clone();
            row.extend(w.cells(figure_cells(&g.figures)));
            row
        })
        .collect();
    let mut total = vec![w.total.to_owned()];
    total.resize(report.by.len().max(1), String::new());
    total.extend(w.cells(figure_cells(&report.total)));
    rows.push(total);
    (header, rows)
}

/// A terminal table per part.
pub fn write_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let w = Words::of(report.language);
    writeln!(out, "{}{} {}", w.title, w.colon, scope_label(report, &w))?;
    let (header, rows) = group_rows(report, &w);
    let mut t = table(header);
    for row in rows {
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    for (title, list) in [(w.top, &report.top), (w.bottom, &report.bottom)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}")?;
        let mut t = table(w.ranks.iter().map(|h| (*h).to_owned()).collect());
        for r in list {
            t.add_row(w.cells(rank_cells(r)));
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out)?;
    for note in &report.notes {
        writeln!(out, "{}{} {}", w.note, w.colon, (w.notes)(note))?;
    }
    Ok(())
}

/// A table in the house style, never wrapped: its columns are short
/// figures, and a wrapped header reads worse than a wide table.
fn table(header: Vec<String>) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_header(header);
    table
}

/// The scope in words: `campaign X`, `2026-10-01 to 2026-10-31`.
pub(crate) fn scope_label(report: &Report, w: &Words) -> String {
    if w.colon == ":" {
        return report.scope.clone();
    }
    if let Some(id) = report.scope.strip_prefix("campaign ") {
        return format!("campagne {id}");
    }
    if let Some((from, to)) = report.scope.split_once(" to ") {
        return format!("du {from} au {to}");
    }
    if report.scope == "everything" {
        return "tout le calendrier".to_owned();
    }
    report.scope.clone()
}

fn markdown_table(header: &[String], rows: &[Vec<String>]) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| {} |",
        header
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(s, "|{}", " --- |".repeat(header.len()));
    for row in rows {
        let _ = writeln!(
            s,
            "| {} |",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    s
}

pub fn write_markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let w = Words::of(report.language);
    writeln!(
        out,
        "# {}{} {}\n",
        w.title,
        w.colon,
        scope_label(report, &w)
    )?;
    let (header, rows) = group_rows(report, &w);
    write!(out, "{}", markdown_table(&header, &rows))?;
    for (title, list) in [(w.top, &report.top), (w.bottom, &report.bottom)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n## {title}\n")?;
        let header: Vec<String> = w.ranks.iter().map(|h| (*h).to_owned()).collect();
        let rows: Vec<Vec<String>> = list.iter().map(|r| w.cells(rank_cells(r))).collect();
        write!(out, "{}", markdown_table(&header, &rows))?;
    }
    writeln!(out)?;
    for note in &report.notes {
        writeln!(out, "- {}", (w.notes)(note))?;
    }
    Ok(())
}

pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// One row per group and the total: numbers only, the rate as a ratio.
pub fn write_csv(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = report.by.clone();
    header.extend([
        "planned",
        "published",
        "measured",
        "impressions",
        "reach",
        "engagements",
        "engagement_rate",
    ]);
    w.write_record(&header)?;
    let cells = |f: &Figures| {
        vec![
            f.planned.to_string(),
            f.published.to_string(),
            f.measured.to_string(),
            f.impressions.map(|n| n.to_string()).unwrap_or_default(),
            f.reach.map(|n| n.to_string()).unwrap_or_default(),
            f.engagements.map(|n| n.to_string()).unwrap_or_default(),
            f.engagement_rate
                .map(|r| format!("{r:.6}"))
                .unwrap_or_default(),
        ]
    };
    for g in &report.groups {
        if g.key.is_empty() {
            continue;
        }
        let mut row = g.key.clone();
        row.extend(cells(&g.figures));
        w.write_record(&row)?;
    }
    let mut total = vec!["total".to_owned()];
    total.resize(report.by.len(), String::new());
    total.extend(cells(&report.total));
    w.write_record(&total)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example calendar's Octobre Rose report in `language`, as a
    /// table, as Markdown and as the page.
    fn forms(language: Language) -> [String; 3] {
        let root = std::path::Path::new("calendar");
        let mut calendar = crate::load::load(root).unwrap().calendar;
        calendar.settings.language = language;
        let rows = super::super::store::read_all(root).unwrap();
        let scope = Scope::Campaign("octobre-rose-2026".to_owned());
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let report = build(&calendar, &rows, &scope, &[By::Channel], today);
        let (mut table, mut markdown, mut html) = (Vec::new(), Vec::new(), Vec::new());
        write_table(&report, &mut table).unwrap();
        write_markdown(&report, &mut markdown).unwrap();
        super::super::html::write_html(&report, &calendar, &mut html).unwrap();
        [table, markdown, html].map(|b| String::from_utf8(b).unwrap())
    }

    /// Every label of the table, the Markdown and the page is in the
    /// calendar's language: the lists of top and bottom posts and their
    /// columns too (the table once named them in English whatever the
    /// language).
    #[test]
    fn every_form_labels_the_rank_lists_in_the_calendars_language() {
        for (language, other) in [(Language::Fr, Language::En), (Language::En, Language::Fr)] {
            let (w, o) = (Words::of(language), Words::of(other));
            for form in forms(language) {
                for label in [w.top, w.bottom] {
                    assert!(form.contains(label), "{label} missing:\n{form}");
                }
                for label in [o.top, o.bottom] {
                    assert!(
                        !form.contains(label),
                        "{label} in the other language:\n{form}"
                    );
                }
                // The rank header: the page's header cells, or the first
                // row of cells after the title in the table and Markdown.
                let page = w
                    .ranks
                    .map(|h| format!("<th scope=\"col\">{h}</th>"))
                    .concat();
                let header: Vec<&str> = form
                    .lines()
                    .skip_while(|l| !l.ends_with(w.top))
                    .find(|l| l.contains('┆') || l.contains(" | "))
                    .unwrap_or_default()
                    .split(['┆', '│', '|'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                assert!(
                    form.contains(&page) || header == w.ranks,
                    "rank header {:?} missing ({header:?}):\n{form}",
                    w.ranks
                );
            }
        }
    }
}
