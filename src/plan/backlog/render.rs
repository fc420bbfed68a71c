//! `edcal backlog` in each format: a terminal table, Markdown, JSON, CSV.
//!
//! The house style of `plan week` (see `plan::render`): labels in the
//! calendar's language for human formats, stable English codes in JSON and
//! CSV, tables of a fixed preset and a fixed width. CSV has one row per post
//! awaiting a decision; the balance, another shape, is in the other formats.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Backlog, Item, Lack, Missing, Window};
use crate::model::Language;
use crate::plan::Flag;
use crate::plan::balance::{Balance, Mark, ThemeBalance};
use crate::plan::labels::{Labels, Word};
use crate::plan::render::{defuse, md, md_table, table};
use crate::rules::Code;

pub fn write_table(backlog: &Backlog, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(backlog.language);
    writeln!(out, "{}", title(backlog, l))?;
    if backlog.items.is_empty() {
        writeln!(out, "{}", nothing(l))?;
    } else {
        let mut t = table(item_header(l, true));
        // Status and owner, and age never wrap; the post's title gives
        // them room.
        t.widths(&COMPACT_WIDTHS, 0).whole(&[1, 2]);
        for item in &backlog.items {
            t.add_row(item_row(item, backlog, l, true));
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", balance_title(&backlog.balance, l))?;
    if !backlog.balance.themes.is_empty() {
        let mut t = table(balance_header(l));
        t.whole(&[1, 2, 3]);
        for theme in &backlog.balance.themes {
            t.add_row(balance_row(theme, l));
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}

pub fn write_markdown(backlog: &Backlog, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(backlog.language);
    writeln!(out, "## {}", md(&title(backlog, l)))?;
    writeln!(out)?;
    if backlog.items.is_empty() {
        writeln!(out, "{}", md(&nothing(l)))?;
    } else {
        let rows: Vec<Vec<String>> = backlog
            .items
            .iter()
            .map(|i| item_row(i, backlog, l, false))
            .collect();
        md_table(out, &item_header(l, false), &rows)?;
    }
    writeln!(out)?;
    writeln!(out, "### {}", md(&balance_title(&backlog.balance, l)))?;
    if !backlog.balance.themes.is_empty() {
        writeln!(out)?;
        let rows: Vec<Vec<String>> = backlog
            .balance
            .themes
            .iter()
            .map(|t| balance_row(t, l))
            .collect();
        md_table(out, &balance_header(l), &rows)?;
    }
    Ok(())
}

pub fn write_json(backlog: &Backlog, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Json<'a> {
        #[serde(serialize_with = "crate::plan::ymd")]
        today: NaiveDate,
        items: Vec<JsonItem<'a>>,
        horizon: JsonHorizon,
        balance: Vec<JsonTheme<'a>>,
    }
    #[derive(Serialize)]
    struct JsonItem<'a> {
        post: &'a str,
        title: &'a str,
        status: &'static str,
        owner: Option<&'a str>,
        created: Option<String>,
        age_days: Option<i64>,
        themes: &'a [String],
        campaign: Option<&'a str>,
        window: Option<JsonWindow>,
        channels: &'a [String],
        missing: &'a [Missing],
        /// Only when the post has notes.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        notes: Vec<JsonNote<'a>>,
    }
    #[derive(Serialize)]
    struct JsonNote<'a> {
        by: &'a str,
        #[serde(serialize_with = "crate::plan::ymd")]
        on: NaiveDate,
        text: &'a str,
    }
    #[derive(Serialize)]
    struct JsonWindow {
        #[serde(serialize_with = "crate::plan::ymd")]
        from: NaiveDate,
        to: Option<String>,
    }
    #[derive(Serialize)]
    struct JsonHorizon {
        #[serde(serialize_with = "crate::plan::ymd")]
        from: NaiveDate,
        #[serde(serialize_with = "crate::plan::ymd")]
        to: NaiveDate,
        weeks: Vec<String>,
        posts: usize,
    }
    #[derive(Serialize)]
    struct JsonTheme<'a> {
        theme: &'a str,
        label: &'a str,
        target: f64,
        planned: f64,
        share: Option<f64>,
        mark: Option<&'static str>,
    }
    let b = &backlog.balance;
    let json = Json {
        today: backlog.today,
        items: backlog
            .items
            .iter()
            .map(|i| JsonItem {
                post: &i.post,
                title: &i.title,
                status: i.status.name(),
                owner: i.owner.as_deref(),
                created: i.created.map(|d| d.to_string()),
                age_days: i.age_days,
                themes: &i.themes,
                campaign: i.campaign.as_deref(),
                window: i.window.map(|w| JsonWindow {
                    from: w.from,
                    to: w.to.map(|d| d.to_string()),
                }),
                channels: &i.channels,
                missing: &i.missing,
                notes: i
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
        horizon: JsonHorizon {
            from: b.from(),
            to: b.to(),
            weeks: b.weeks.iter().map(ToString::to_string).collect(),
            posts: b.posts,
        },
        balance: b
            .themes
            .iter()
            .map(|t| JsonTheme {
                theme: &t.theme,
                label: &t.label,
                target: t.target,
                planned: t.planned,
                share: t.share,
                mark: t.mark.map(Mark::code),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// One row per post awaiting a decision. Lists are space-separated; a
/// missing item that concerns only some of the post's channels names them:
/// `too-long:x`.
pub fn write_csv(backlog: &Backlog, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "today", "post", "title", "status", "owner", "created", "age_days", "themes", "campaign",
        "from", "to", "channels", "missing",
    ])?;
    let today = backlog.today.to_string();
    for i in &backlog.items {
        let missing: Vec<String> = i
            .missing
            .iter()
            .map(|m| {
                if m.channels.len() == i.channels.len() {
                    m.code.name().to_owned()
                } else {
                    format!("{}:{}", m.code, m.channels.join(","))
                }
            })
            .collect();
        w.write_record([
            today.as_str(),
            &i.post,
            &defuse(&i.title),
            i.status.name(),
            i.owner.as_deref().unwrap_or(""),
            &i.created.map(|d| d.to_string()).unwrap_or_default(),
            &i.age_days.map(|d| d.to_string()).unwrap_or_default(),
            &i.themes.join(" "),
            i.campaign.as_deref().unwrap_or(""),
            &i.window.map(|w| w.from.to_string()).unwrap_or_default(),
            &i.window
                .and_then(|w| w.to)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            &i.channels.join(" "),
            &missing.join(" "),
        ])?;
    }
    w.flush()
}

/// `Sujets à trancher au mercredi 25 novembre 2026 — 35 (idées, brouillons,
/// relectures), du plus ancien au plus récent`.
fn title(backlog: &Backlog, l: Labels) -> String {
    let today = backlog.today;
    format!(
        "{} {} {} {} — {} {}",
        l.pick("Sujets à trancher", "Awaiting a decision"),
        l.pick("au", "on"),
        l.day(today),
        today.year(),
        backlog.items.len(),
        l.pick(
            "(idées, brouillons, relectures), du plus ancien au plus récent",
            "(ideas, drafts, in review), oldest first"
        ),
    )
}

fn nothing(l: Labels) -> String {
    l.pick(
        "Rien à trancher : aucune idée, aucun brouillon, rien en relecture.",
        "Nothing to decide: no idea, no draft, nothing in review.",
    )
    .to_owned()
}

/// Widths of the terminal columns, padding included (6 go to the borders):
/// the post gets the room, the missing items one short label a line, the
/// window room for `1er–18 décembre` on one line.
const COMPACT_WIDTHS: [u16; 5] = [100 - 6 - (16 + 7 + 17 + 20), 16, 7, 17, 20];

fn item_header(l: Labels, compact: bool) -> Vec<String> {
    let words: &[Word] = if compact {
        &[
            Word::Post,
            Word::Status,
            Word::Age,
            Word::Window,
            Word::Missing,
        ]
    } else {
        &[
            Word::Post,
            Word::Status,
            Word::Owner,
            Word::Age,
            Word::Themes,
            Word::Campaign,
            Word::Window,
            Word::Channels,
            Word::Missing,
        ]
    };
    words.iter().map(|w| capitalized(l.word(*w))).collect()
}

/// The terminal table (`compact`) stacks the themes, campaign and channels
/// under the title and the owner under the status; Markdown spreads them
/// over columns.
fn item_row(item: &Item, backlog: &Backlog, l: Labels, compact: bool) -> Vec<String> {
    let year = backlog.today.year();
    let mut post = format!("{}\n{}", item.post, item.title);
    let themes = item.themes.join(", ");
    if compact {
        if !themes.is_empty() {
            let _ = write!(
                post,
                "\n{}{} {themes}",
                l.word(Word::Themes).to_lowercase(),
                l.colon()
            );
        }
        if let Some(c) = &item.campaign {
            let _ = write!(
                post,
                "\n{}{} {c}",
                l.word(Word::Campaign).to_lowercase(),
                l.colon()
            );
        }
        let _ = write!(
            post,
            "\n{}{} {}",
            l.word(Word::Channels).to_lowercase(),
            l.colon(),
            item.channels.join(", ")
        );
    }
    if let Some(last) = item.notes.last() {
        // The latest note of the thread: what the author must act on.
        let label = match item.notes.len() {
            1 => "note".to_owned(),
            n => format!("{} ({n})", l.pick("dernière note", "last note")),
        };
        let _ = write!(
            post,
            "{}{label}{} {}, {} — {}",
            if compact { "\n" } else { " — " },
            l.colon(),
            last.by,
            last.on,
            last.text.trim()
        );
    }
    let status = l.status(item.status).to_owned();
    let owner = item.owner.clone().unwrap_or_else(|| "–".to_owned());
    let age = item
        .age_days
        .map_or_else(|| "–".to_owned(), |d| format!("{d} {}", l.pick("j", "d")));
    let window = item
        .window
        .map_or_else(|| "–".to_owned(), |w| window_label(w, year, l));
    let sep = if compact { "\n" } else { ", " };
    let missing = if item.missing.is_empty() {
        "–".to_owned()
    } else {
        item.missing
            .iter()
            .map(|m| missing_label(m, item, l))
            .collect::<Vec<_>>()
            .join(sep)
    };
    if compact {
        vec![post, format!("{status}\n{owner}"), age, window, missing]
    } else {
        vec![
            post,
            status,
            owner,
            age,
            themes,
            item.campaign.clone().unwrap_or_default(),
            window,
            item.channels.join(", "),
            missing,
        ]
    }
}

/// `27 novembre – 5 décembre`, `6–9 mars 2027`: the year once, when it is
/// not today's.
fn window_label(w: Window, year: i32, l: Labels) -> String {
    match w.to {
        Some(to) if to.year() == w.from.year() && to.year() != year => {
            format!("{} {}", l.days(w.from, to, to.year()), to.year())
        }
        Some(to) => l.days(w.from, to, year),
        None => format!("{} {}", l.word(Word::FromToday), l.date_short(w.from)),
    }
}

/// The label of a missing item, with its channels when it concerns only
/// some of the post's: `trop long (x)`.
fn missing_label(m: &Missing, item: &Item, l: Labels) -> String {
    let label = code_label(m.code, l);
    if m.channels.len() == item.channels.len() {
        label.to_owned()
    } else {
        format!("{label} ({})", m.channels.join(", "))
    }
}

/// Words for the codes a triage meets most; the others show as their code,
/// which `edcal explain` explains.
fn code_label(lack: Lack, l: Labels) -> &'static str {
    match lack {
        Lack::NoText => l.pick("pas de texte", "no text"),
        Lack::NoTime => l.pick("pas d'horaire", "no time"),
        Lack::Rule(Code::MissingMedicalReview) => l.pick("relecture médicale", "medical review"),
        Lack::Rule(Code::MissingConsent) => l.flag(Flag::Consent),
        Lack::Rule(Code::TooLong) => l.flag(Flag::OverLimit),
        Lack::Rule(Code::StaleApproval) => l.flag(Flag::Stale),
        Lack::Rule(Code::Frozen) => l.flag(Flag::Frozen),
        Lack::Rule(Code::OnClosedDay) => l.flag(Flag::ClosedDay),
        Lack::Rule(Code::MissingMedia) => l.pick("média requis", "media needed"),
        Lack::Rule(Code::MediaNotFound) => l.pick("média introuvable", "media not found"),
        Lack::Rule(Code::MissingAltText) => l.pick("texte alternatif", "alt text"),
        Lack::Rule(Code::LinkNotClickable) => l.pick("lien non cliquable", "link not clickable"),
        Lack::Rule(Code::TooManyHashtags) => l.pick("trop de hashtags", "too many hashtags"),
        Lack::Rule(Code::MissingCampaignHashtag) => {
            l.pick("hashtag de campagne", "campaign hashtag")
        }
        Lack::Rule(Code::HardToRead) => l.pick("difficile à lire", "hard to read"),
        Lack::Rule(Code::RiskyClaim) => l.pick("formulation à risque", "risky claim"),
        Lack::Rule(Code::OverCapacity) => l.pick("capacité dépassée", "over capacity"),
        Lack::Rule(Code::OutsideCampaign) => l.pick("hors campagne", "outside campaign"),
        Lack::Rule(other) => other.name(),
    }
}

/// `Équilibre de la ligne éditoriale, semaines 2026-W48 à 2026-W51
/// (23 novembre – 20 décembre) : 30 publications prévues`.
fn balance_title(b: &Balance, l: Labels) -> String {
    let (Some(first), Some(last)) = (b.weeks.first(), b.weeks.last()) else {
        return String::new();
    };
    let year = b.from().year();
    let mut s = format!(
        "{} {first} {} {last} ({}){} ",
        l.pick(
            "Équilibre de la ligne éditoriale, semaines",
            "Editorial-line balance, weeks"
        ),
        l.pick("à", "to"),
        l.days(b.from(), b.to(), year),
        l.colon(),
    );
    if b.posts == 0 {
        s.push_str(l.pick("aucune publication prévue", "no post planned"));
    } else {
        let _ = write!(
            s,
            "{} {}",
            l.posts(b.posts),
            l.pick(if b.posts == 1 { "prévue" } else { "prévues" }, "planned")
        );
    }
    if b.themes.is_empty() {
        s.push_str(l.pick(
            " ; aucun thème n'a de part cible (`share`)",
            "; no theme has a target `share`",
        ));
    }
    s
}

fn balance_header(l: Labels) -> Vec<String> {
    [Word::Theme, Word::Target, Word::Planned, Word::Share]
        .iter()
        .map(|w| capitalized(l.word(*w)))
        .chain([String::new()])
        .collect()
}

fn balance_row(t: &ThemeBalance, l: Labels) -> Vec<String> {
    let mark = match t.mark {
        Some(Mark::Under) => format!("▼ {}", l.pick("sous la cible", "under target")),
        Some(Mark::Over) => format!("▲ {}", l.pick("au-dessus de la cible", "over target")),
        Some(Mark::Ok) | None => String::new(),
    };
    vec![
        format!("{}\n{}", t.theme, t.label),
        percent(t.target, l),
        number(t.planned, l),
        t.share
            .map_or_else(|| "–".to_owned(), |s| share_percent(s, t.target, l)),
        mark,
    ]
}

/// `25 %` / `25%`, to the nearest point.
fn percent(x: f64, l: Labels) -> String {
    let p = (x * 100.0).round();
    match l.language {
        Language::Fr => format!("{p} %"),
        Language::En => format!("{p}%"),
    }
}

/// A share beside its target, to the nearest point but never rounded onto
/// or across the target (24.7 % against 25 % prints `24 %`): the marks
/// compare the unrounded values.
fn share_percent(share: f64, target: f64, l: Labels) -> String {
    let p = crate::figure::measured(share * 100.0, target * 100.0, 0);
    match l.language {
        Language::Fr => format!("{p} %"),
        Language::En => format!("{p}%"),
    }
}

/// `3`, `2,5` / `2.5`: a weight, with the decimals it has (two at most).
fn number(x: f64, l: Labels) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match l.language {
        Language::Fr => s.replace('.', ","),
        Language::En => s.to_owned(),
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
