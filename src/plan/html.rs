//! `plan week --format html`: the plan as one self-contained page, each post
//! a card previewing it the way its network shows it.
//!
//! The page works offline and asks nothing of any other origin: the CSS is
//! inline, there is no script, and a Content-Security-Policy meta tag forbids
//! anything else ([`CSP`]). Local media are shown through the `src` the
//! caller gives ([`Page::media_src`]: a path relative to the output file, or
//! a `data:` URI); media given as URLs are never loaded, only named.
//!
//! Markup is written with `maud`, which escapes every value by default: a
//! post's text cannot open a tag. Cards carry `data-post`, `data-channel` and
//! `data-day`, and the text of a card (`.text`) is exactly the composed text
//! of the pair (as sealed, the link apart), so that tests and scripts can
//! find what the browser shows.
//!
//! This module renders; it reads no file and no clock (the caller resolves
//! media and passes the check's findings).

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use social_text::network::Network;

use super::labels::{Labels, Word};
use super::{EventKind, Plan, PlannedPost};
use crate::model::{Calendar, Language, Media, Post, Status};
use crate::publish::{self, Link};

/// What the page may load: nothing but its own inline styles, and images
/// from its own folder or embedded.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/// What the page needs beside the plan.
pub struct Page<'a> {
    pub calendar: &'a Calendar,
    /// The `src` of a local media file, given its path relative to the
    /// calendar folder: a path relative to the page, or a `data:` URI;
    /// `None` when it cannot be shown (missing, a video, too large).
    pub media_src: &'a dyn Fn(&str) -> Option<String>,
    /// The check's findings a card shows (risky claims, hard-to-read texts).
    pub findings: &'a [Finding],
}

/// A finding of the check worth a flag on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub post: String,
    /// `None`: every channel of the post.
    pub channel: Option<String>,
    pub kind: FindingKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    RiskyClaim,
    HardToRead,
}

/// The findings of a check that cards show.
pub fn findings(diagnostics: &[crate::diagnostic::Diagnostic]) -> Vec<Finding> {
    use crate::rules::Code;
    diagnostics
        .iter()
        .filter_map(|d| {
            let kind = match d.code {
                Code::RiskyClaim => FindingKind::RiskyClaim,
                Code::HardToRead => FindingKind::HardToRead,
                _ => return None,
            };
            Some(Finding {
                post: d.post.clone()?,
                channel: d.channel.clone(),
                kind,
                message: d.message.clone(),
            })
        })
        .collect()
}

/// Writes the week's plan as an HTML page.
pub fn write_html(plan: &Plan, page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(plan.language);
    let title = if plan.period.week.is_some() {
        super::render::title(plan, l)
    } else {
        super::render::period_title(plan, l)
    };
    let body = html! {
        header.page-header {
            h1 { (title) }
            p.zone { (super::render::zone_line(plan, l)) }
            (campaign_legend(plan, l))
            // The campaigns are in the legend above, with their colours.
            @let campaigns = l.word(Word::Campaigns);
            @let lines: Vec<_> = super::render::header(plan, l, true).into_iter().filter(|(label, _)| label != campaigns).collect();
            @if !lines.is_empty() {
                dl.events-summary {
                    @for (label, value) in &lines {
                        dt { (label) }
                        dd { (value) }
                    }
                }
            }
        }
        main {
            @let days: Vec<NaiveDate> = plan.period.days().collect();
            (grid(plan, &days, page, l))
            (unplaced(plan, l))
        }
    };
    let markup = document(plan.language, &title, "", &body);
    out.write_all(markup.into_string().as_bytes())?;
    writeln!(out)
}

/// The page around a body: language, CSP, inline styles.
/// `paper`: CSS added after the shared styles (a sheet's page size).
pub(crate) fn document(language: Language, title: &str, paper: &str, body: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang(language)) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="edcal";
                title { (title) }
                style { (PreEscaped(STYLE)) (PreEscaped(paper)) }
            }
            body { (body) }
        }
    }
}

pub(crate) fn lang(language: Language) -> &'static str {
    match language {
        Language::Fr => "fr",
        Language::En => "en",
    }
}

/// The campaigns of the week, each with its colour and its name.
fn campaign_legend(plan: &Plan, l: Labels) -> Markup {
    html! {
        @if !plan.campaigns.is_empty() {
            ul.legend aria-label=(l.word(Word::Campaigns)) {
                @for c in &plan.campaigns {
                    li style={ "--campaign: " (campaign_colour(&c.id)) } {
                        span.swatch aria-hidden="true" {}
                        (c.name)
                    }
                }
            }
        }
    }
}

/// The grid of the period: a week as days × channels; a longer period
/// (a month, a range) as a month calendar, one row per ISO week.
fn grid(plan: &Plan, days: &[NaiveDate], page: &Page<'_>, l: Labels) -> Markup {
    if days.len() <= 7 {
        week_grid(plan, days, page, l)
    } else {
        month_grid(plan, days, page, l)
    }
}

/// A week: one column per day, one row per channel.
fn week_grid(plan: &Plan, days: &[NaiveDate], page: &Page<'_>, l: Labels) -> Markup {
    let offsets = super::render::clock_change(plan).is_some();
    let posts = posts_by_id(page.calendar);
    html! {
        table.grid {
            caption.visually-hidden { (super::render::title(plan, l)) }
            thead {
                tr {
                    th scope="col" .channel-head { (l.word(Word::Channel)) }
                    @for day in days {
                        (day_head(plan, *day, days.len(), l, offsets))
                    }
                }
            }
            tbody {
                @for channel in &plan.channels {
                    tr data-channel=(channel.id) {
                        th scope="row" .channel-head {
                            span.channel-id { (channel.id) }
                            span.network { (network_name(channel.network, l)) }
                            span.count {
                                (l.posts(channel.count()))
                                @match channel.cadence() {
                                    std::cmp::Ordering::Less => { " — ⚠ " (l.word(Word::BelowMin)) }
                                    std::cmp::Ordering::Greater => { " — ⚠ " (l.word(Word::AboveMax)) }
                                    std::cmp::Ordering::Equal => {}
                                }
                            }
                        }
                        @for day in days {
                            td data-day=(day.format("%Y-%m-%d")) data-channel=(channel.id) {
                                @for p in channel.posts.iter().filter(|p| p.day() == *day) {
                                    (card(p, &channel.id, channel.network, &posts, page, l, offsets))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A day's column header: its name, its date, its UTC offset in a week with
/// a clock change, and its events.
fn day_head(plan: &Plan, day: NaiveDate, period: usize, l: Labels, offsets: bool) -> Markup {
    let events = day_events(plan, day, period);
    let closed = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Holiday | EventKind::Blackout));
    html! {
        th scope="col" .day.closed[closed] data-day=(day.format("%Y-%m-%d")) {
            span.weekday { (l.weekday(day.weekday())) }
            " "
            span.date { (l.date_short(day)) }
            @if offsets {
                span.offset { (offset_label(plan, day)) }
            }
            (events_list(&events, l))
        }
    }
}

/// The events of a day, but those of every day of the period (Octobre Rose
/// in its month): they are in the summary above the grid, not repeated on
/// each day.
fn day_events(plan: &Plan, day: NaiveDate, period: usize) -> Vec<&super::Event> {
    let everyday = |e: &super::Event| {
        plan.events
            .iter()
            .filter(|o| o.kind == e.kind && o.name == e.name)
            .count()
            >= period
    };
    plan.events
        .iter()
        .filter(|e| e.date == day && !everyday(e))
        .collect()
}

fn events_list(events: &[&super::Event], l: Labels) -> Markup {
    html! {
        @if !events.is_empty() {
            ul.events {
                @for e in events {
                    li class={ "event event-" (event_class(e.kind)) } {
                        span.event-kind { (event_word(e.kind, l)) (l.colon()) " " }
                        (e.name)
                        @if let Some(d) = &e.detail {
                            " (" (d) ")"
                        }
                    }
                }
            }
        }
    }
}

/// A month (or any period longer than a week) as a calendar: weekdays
/// across, one row per ISO week, each day's posts of every channel by time.
/// Days outside the period are left blank.
fn month_grid(plan: &Plan, days: &[NaiveDate], page: &Page<'_>, l: Labels) -> Markup {
    let posts = posts_by_id(page.calendar);
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
        return html! {};
    };
    let mut weeks: Vec<super::Week> = Vec::new();
    for d in days {
        let w = super::Week::of(*d);
        if weeks.last() != Some(&w) {
            weeks.push(w);
        }
    }
    let mut day_posts: Vec<(&PlannedPost, &str, Network)> = plan
        .channels
        .iter()
        .flat_map(|c| c.posts.iter().map(move |p| (p, c.id.as_str(), c.network)))
        .collect();
    day_posts.sort_by(|a, b| (a.0.at, a.1, &a.0.post).cmp(&(b.0.at, b.1, &b.0.post)));
    html! {
        table.grid.month {
            caption.visually-hidden { (super::render::title(plan, l)) }
            thead {
                tr {
                    th scope="col" .week-head { (l.word(Word::Week)) }
                    @for d in weeks[0].days() {
                        th scope="col" .weekday { (l.weekday(d.weekday())) }
                    }
                }
            }
            tbody {
                @for week in &weeks {
                    tr.plan-week {
                        th scope="row" .week-head { (week.to_string()) }
                        @for day in week.days() {
                            @if day < first || day > last {
                                td.outside {}
                            } @else {
                                @let events = day_events(plan, day, days.len());
                                @let closed = events.iter().any(|e| matches!(e.kind, EventKind::Holiday | EventKind::Blackout));
                                td class=[closed.then_some("closed")] data-day=(day.format("%Y-%m-%d")) {
                                    span.date { (l.date_short(day)) }
                                    (events_list(&events, l))
                                    @for (p, channel, network) in day_posts.iter().filter(|(p, _, _)| p.day() == day) {
                                        (card(p, channel, *network, &posts, page, l, false))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn offset_label(plan: &Plan, day: NaiveDate) -> String {
    use chrono::{Offset, TimeZone};
    let seconds = day
        .and_hms_opt(12, 0, 0)
        .and_then(|noon| plan.tz.offset_from_local_datetime(&noon).earliest())
        .map_or(0, |o| o.fix().local_minus_utc());
    super::render::utc(seconds)
}

fn event_class(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Holiday => "holiday",
        EventKind::Blackout => "blackout",
        EventKind::Freeze => "freeze",
        EventKind::Awareness => "awareness",
        EventKind::Milestone => "milestone",
    }
}

/// One event's kind, singular, for a day's header.
fn event_word(kind: EventKind, l: Labels) -> &'static str {
    match kind {
        EventKind::Holiday => l.pick("Férié", "Holiday"),
        EventKind::Blackout => l.pick("Sans publication", "Blackout"),
        EventKind::Freeze => l.pick("Gel", "Freeze"),
        EventKind::Awareness => l.pick("Journée", "Awareness"),
        EventKind::Milestone => l.pick("Jalon", "Milestone"),
    }
}

/// The posts by id; the first of a duplicated id (an error `check` reports).
pub(crate) fn posts_by_id(calendar: &Calendar) -> BTreeMap<&str, &Post> {
    let mut map = BTreeMap::new();
    for post in &calendar.posts {
        map.entry(post.id.value.as_str()).or_insert(post.as_ref());
    }
    map
}

/// A post previewed the way its network shows it.
fn card(
    p: &PlannedPost,
    channel: &str,
    network: Network,
    posts: &BTreeMap<&str, &Post>,
    page: &Page<'_>,
    l: Labels,
    offsets: bool,
) -> Markup {
    let (base, occurrence) = match p.post.split_once('@') {
        Some((id, date)) => (id, date.parse().ok()),
        None => (p.post.as_str(), None),
    };
    let post = posts.get(base).copied();
    // An occurrence previews its own text, link and media.
    let published = post.map(|post| publish::compose_on(post, channel, occurrence, Link::Column));
    let account = page
        .calendar
        .channels
        .get(channel)
        .and_then(|c| c.account.clone())
        .unwrap_or_else(|| channel.to_owned());
    let colour = p.campaign.as_deref().map(campaign_colour);
    let campaign_name = p.campaign.as_deref().map(|id| {
        page.calendar
            .campaigns
            .get(id)
            .map_or(id, |c| c.name.as_str())
    });
    let media_first = matches!(
        network,
        Network::Instagram | Network::Tiktok | Network::Youtube
    );
    let findings: Vec<&Finding> = page
        .findings
        .iter()
        .filter(|f| f.post == base && f.channel.as_deref().is_none_or(|c| c == channel))
        .collect();
    let time = if offsets {
        p.at.format("%H:%M (UTC%:z)").to_string()
    } else {
        p.at.format("%H:%M").to_string()
    };
    html! {
        article class={ "card net-" (network.name()) }
            style=[colour.map(|c| format!("--campaign: {c}"))]
            data-post=(p.post) data-channel=(channel) data-day=(p.day().format("%Y-%m-%d")) {
            header.card-head {
                span.avatar aria-hidden="true" { (initial(&account)) }
                span.who {
                    strong.account { (account) }
                    span.meta { (network_name(network, l)) " · " time datetime=(p.at.to_rfc3339()) { (time) } }
                }
            }
            p.title { (p.title) " " code.post-id { (p.post) } }
            @if let Some(name) = campaign_name {
                p.campaign { span.swatch aria-hidden="true" {} (name) }
            }
            @if let Some(published) = &published {
                @if media_first { (media_list(published.media, page, l)) }
                div.text { (marked_text(&published.text)) }
                @if !media_first { (media_list(published.media, page, l)) }
                @if let Some(link) = &published.link {
                    p.link { span.link-label { "↗ " (l.pick("Lien", "Link")) (l.colon()) " " } a href=(link) rel="noopener noreferrer" { (link) } }
                }
            }
            footer.card-foot {
                span class={ "status status-" (p.status.name()) } {
                    (status_icon(p.status)) " " (l.status(p.status))
                }
                @if let Some(len) = p.length {
                    span.length.over[len.length > len.limit] title=(l.pick("longueur / limite du réseau", "length / network limit")) {
                        (group(len.length)) " / " (group(len.limit))
                    }
                }
                @if !p.flags.is_empty() || !findings.is_empty() {
                    ul.flags {
                        @for f in &p.flags {
                            li class={ "flag flag-" (f.code()) } { "⚠ " (l.flag(*f)) }
                        }
                        @for f in &findings {
                            li class={ "flag flag-" (finding_class(f.kind)) } title=(f.message) {
                                "⚠ " (finding_label(f.kind, l))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn finding_class(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::RiskyClaim => "risky-claim",
        FindingKind::HardToRead => "hard-to-read",
    }
}

fn finding_label(kind: FindingKind, l: Labels) -> &'static str {
    match kind {
        FindingKind::RiskyClaim => l.pick("allégation à risque", "risky claim"),
        FindingKind::HardToRead => l.pick("difficile à lire", "hard to read"),
    }
}

/// A symbol beside the status word, so that no status is told by colour
/// alone (and the word is always there).
fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Idea => "○",
        Status::Draft => "✎",
        Status::Review => "◔",
        Status::Approved => "✔",
        Status::Scheduled => "◷",
        Status::Published => "●",
        Status::Cancelled => "✖",
    }
}

/// `63 206`: thousands grouped with a thin space, as French and SI
/// typography do.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

fn initial(account: &str) -> String {
    account
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

/// The network's name as it writes it.
pub(crate) fn network_name(network: Network, l: Labels) -> &'static str {
    match network {
        Network::Facebook => "Facebook",
        Network::Instagram => "Instagram",
        Network::X => "X",
        Network::Linkedin => "LinkedIn",
        Network::Tiktok => "TikTok",
        Network::Youtube => "YouTube",
        Network::Scoopit => "Scoop.it",
        Network::Threads => "Threads",
        Network::Bluesky => "Bluesky",
        Network::Mastodon => "Mastodon",
        Network::Other => l.pick("autre réseau", "other network"),
    }
}

/// A campaign's colour, derived from its id: the same campaign has the same
/// colour in every plan, whatever other campaigns exist. The palette is dark
/// enough for white text and distinct for the common colour blindnesses
/// (Okabe & Ito's palette, darkened), and the name is always written beside.
pub fn campaign_colour(id: &str) -> &'static str {
    const PALETTE: [&str; 8] = [
        "#c2185b", "#0072b2", "#b35900", "#007a5a", "#6a3d9a", "#8c6d00", "#a0306f", "#2f5f8a",
    ];
    // FNV-1a: stable across versions and platforms, unlike std's hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    PALETTE[hash as usize % PALETTE.len()]
}

/// The media of a pair: thumbnails with their alt text written out.
pub(crate) fn media_list(media: &[Media], page: &Page<'_>, l: Labels) -> Markup {
    media_markup(media, page.media_src, l)
}

pub(crate) fn media_markup(
    media: &[Media],
    media_src: &dyn Fn(&str) -> Option<String>,
    l: Labels,
) -> Markup {
    html! {
        @if !media.is_empty() {
            div.media {
                @for m in media {
                    figure {
                        @let src = if m.is_url() { None } else { media_src(&m.file.value) };
                        @let alt = m.alt.as_deref().unwrap_or("");
                        @match src {
                            Some(src) => { img src=(src) alt=(alt); }
                            None => {
                                div.placeholder role="img" aria-label=(alt) {
                                    (placeholder_word(&m.file.value, m.is_url(), l))
                                }
                            }
                        }
                        figcaption {
                            @if m.alt.is_some() {
                                span.alt-label { (l.pick("Texte alternatif", "Alt text")) (l.colon()) " " }
                                span.alt { (alt) }
                            } @else {
                                span.flag.flag-no-alt { "⚠ " (l.pick("sans texte alternatif", "no alt text")) }
                            }
                            br;
                            code.file { (m.file.value) }
                            @if m.people {
                                " · " span.people { (l.pick("personnes identifiables", "identifiable people")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn placeholder_word(file: &str, url: bool, l: Labels) -> &'static str {
    let lower = file.to_ascii_lowercase();
    if [".mp4", ".mov", ".webm", ".m4v", ".avi"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        l.pick("▶ vidéo", "▶ video")
    } else if url {
        l.pick("média en ligne (non chargé)", "online media (not loaded)")
    } else {
        l.pick("image introuvable", "image not found")
    }
}

/// The text with hashtags, mentions and links marked; its text content is
/// `text`, unchanged (line breaks are kept by the style).
pub(crate) fn marked_text(text: &str) -> Markup {
    html! {
        @for (kind, piece) in segments(text) {
            @match kind {
                Segment::Plain => { (piece) }
                Segment::Hashtag => { span.hashtag { (piece) } }
                Segment::Mention => { span.mention { (piece) } }
                Segment::Url => { span.url { (piece) } }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Plain,
    Hashtag,
    Mention,
    Url,
}

/// Cuts a text into plain runs, hashtags (as [`publish::hashtags_in`] reads
/// them), `@mentions` and `http(s)://` links; the pieces put together are the
/// text.
fn segments(text: &str) -> Vec<(Segment, &str)> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    let word = |c: char| c.is_alphanumeric() || c == '_';
    while i < text.len() {
        let rest = &text[i..];
        let before = text[..i].chars().next_back();
        let found = if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            // A sentence's final punctuation is not part of the link.
            let trimmed = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            Some((Segment::Url, trimmed.len()))
        } else if let Some(tail) = rest.strip_prefix('#') {
            let end = tail.find(|c: char| !word(c)).unwrap_or(tail.len());
            let ok = before.is_none_or(|c| !(word(c) || c == '&'))
                && end > 0
                && !tail[..end].chars().all(|c| c.is_ascii_digit());
            ok.then_some((Segment::Hashtag, end + 1))
        } else if let Some(tail) = rest.strip_prefix('@') {
            let end = tail
                .find(|c: char| !(word(c) || c == '.' || c == '-'))
                .unwrap_or(tail.len());
            let name = tail[..end].trim_end_matches(['.', '-']);
            (before.is_none_or(|c| !word(c)) && !name.is_empty())
                .then_some((Segment::Mention, name.len() + 1))
        } else {
            None
        };
        match found {
            Some((kind, len)) if len > 0 => {
                if plain_from < i {
                    out.push((Segment::Plain, &text[plain_from..i]));
                }
                out.push((kind, &text[i..i + len]));
                i += len;
                plain_from = i;
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < text.len() {
        out.push((Segment::Plain, &text[plain_from..]));
    }
    out
}

/// The pairs without a time whose window meets the week.
fn unplaced(plan: &Plan, l: Labels) -> Markup {
    let year = plan.period.to.year();
    html! {
        @if !plan.unplaced.is_empty() {
            section.unplaced {
                h2 { (l.word(Word::Unplaced)) " (" (plan.unplaced.len()) ")" }
                table {
                    thead {
                        tr {
                            @for w in [Word::Post, Word::Channel, Word::Status, Word::Window] {
                                th scope="col" { (l.word(w)) }
                            }
                        }
                    }
                    tbody {
                        @for u in &plan.unplaced {
                            tr {
                                th scope="row" { code { (u.post) } br; (u.title) }
                                td { (u.channel) }
                                td { (status_icon(u.status)) " " (l.status(u.status)) }
                                td {
                                    @match u.to {
                                        Some(to) => { (l.days(u.from, to, year)) }
                                        None => { (l.word(Word::FromToday)) " " (l.date_short(u.from)) }
                                    }
                                    @if u.to.is_some_and(|to| to < plan.period.from) {
                                        br; "⚠ " (l.word(Word::Late))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if plan.ideas > 0 {
            p.ideas { (super::render::ideas_line(plan, l)) }
        }
    }
}

/// The styles of plans and review sheets: the screen, then A4 landscape
/// paper, one week a page.
pub(crate) const STYLE: &str = include_str!("html.css");

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(Segment, &str)> {
        segments(text)
    }

    #[test]
    fn segments_mark_hashtags_mentions_and_links_and_keep_the_text() {
        let text =
            "Merci @LigueCancer31 ! #OctobreRose, voir https://example.org/a. C# &#39; #1\nfin";
        let got = pieces(text);
        assert_eq!(got.iter().map(|(_, p)| *p).collect::<String>(), text);
        let marked: Vec<(Segment, &str)> = got
            .into_iter()
            .filter(|(k, _)| *k != Segment::Plain)
            .collect();
        assert_eq!(
            marked,
            [
                (Segment::Mention, "@LigueCancer31"),
                (Segment::Hashtag, "#OctobreRose"),
                (Segment::Url, "https://example.org/a"),
            ]
        );
        let mail = "écrire à contact@clinique.example";
        assert!(pieces(mail).iter().all(|(k, _)| *k == Segment::Plain));
    }

    #[test]
    fn text_is_escaped_by_construction() {
        let markup = marked_text("<script>alert(1)</script> & #tag").into_string();
        assert_eq!(
            markup,
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <span class=\"hashtag\">#tag</span>"
        );
    }

    /// A period longer than a week is a month calendar: one row per ISO
    /// week, blank days outside the period, every channel's posts in their
    /// day (what `plan month` gets once plans cover months).
    #[test]
    fn a_month_is_a_calendar_of_weeks() {
        let checked = crate::testing::checked(
            &[
                (
                    "channels.toml",
                    "[facebook]\nnetwork = \"facebook\"\n[x]\nnetwork = \"x\"\n",
                ),
                (
                    "posts/2026-10.toml",
                    "[[post]]\nid = \"p\"\ntitle = \"P\"\nchannels = [\"facebook\", \"x\"]\nstatus = \"draft\"\nat = 2026-10-07T12:30:00\ntext = \"Bonjour #Tag\"\n",
                ),
            ],
            "2026-10-01",
        );
        let calendar = &checked.calendar;
        let query = super::super::Query {
            period: super::super::Period::week(super::super::Week::of(
                "2026-10-07".parse().unwrap(),
            )),
            today: "2026-10-01".parse().unwrap(),
            channels: &[],
            measure: &|_, _, _, _| None,
        };
        let plan = super::super::build(calendar, &query);
        let october: Vec<NaiveDate> = "2026-10-01"
            .parse::<NaiveDate>()
            .unwrap()
            .iter_days()
            .take(31)
            .collect();
        let page = Page {
            calendar,
            media_src: &|_| None,
            findings: &[],
        };
        let html = grid(&plan, &october, &page, Labels::new(Language::Fr)).into_string();
        // 1 October 2026 is a Thursday: W40 to W44, three blank days before
        // and one after.
        assert_eq!(html.matches("<tr class=\"plan-week\">").count(), 5);
        assert_eq!(html.matches("<td class=\"outside\">").count(), 4);
        assert!(html.contains("2026-W40") && html.contains("2026-W44"));
        let day = html.find("<td data-day=\"2026-10-07\">").unwrap();
        let next = html.find("<td data-day=\"2026-10-08\">").unwrap();
        let cell = &html[day..next];
        assert!(cell.contains("data-post=\"p\" data-channel=\"facebook\""));
        assert!(cell.contains("data-post=\"p\" data-channel=\"x\""));
        assert!(cell.contains("<span class=\"hashtag\">#Tag</span>"));
    }

    #[test]
    fn campaign_colours_are_stable_and_grouping_is_typographic() {
        assert_eq!(
            campaign_colour("octobre-rose-2026"),
            campaign_colour("octobre-rose-2026")
        );
        assert_eq!(group(63206), "63\u{202f}206");
        assert_eq!(group(280), "280");
        assert_eq!(group(1000), "1\u{202f}000");
    }
}
