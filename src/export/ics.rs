//! `edcal export ics`: the plan as an iCalendar file (RFC 5545) for the
//! team's calendar (Outlook, Google Calendar, Thunderbird, khal).
//!
//! One timed event per placed (post, channel) pair, one all-day event per
//! campaign span and per milestone; with `--reviews`, instead, all-day
//! "review by" events for the posts still waiting for the lead's approval
//! or a physician's review.
//!
//! Times are written in UTC (`…Z`, RFC 5545 section 3.3.5 form 2) rather than with a
//! TZID and a VTIMEZONE: every event is a single instant (repetitions are
//! written one event each, never as RRULEs), so UTC names it exactly, and
//! every client shows it in its user's zone, across daylight-saving changes,
//! without depending on how it reads a VTIMEZONE (Outlook maps TZIDs to its
//! own zone table and has mishandled custom VTIMEZONEs). All-day events use
//! DATE values, which have no zone, with an exclusive DTEND.
//!
//! The file is a pure function of the calendar and of its files' history:
//! UIDs come from ids (a milestone's `id`, else its name), so a re-import
//! updates events instead of duplicating them. DTSTAMP and LAST-MODIFIED
//! are when the event's file last changed, and SEQUENCE how many times it
//! has (see [`FileStamp`], gathered by the command from git), so that a
//! calendar client takes a moved post as an update of the event it has;
//! without a history, DTSTAMP comes from the data (the latest approval or
//! review date, else the creation date, else 1970-01-01). Never from the
//! clock. Lines end with CRLF and are folded at 75 octets on UTF-8
//! character boundaries.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use unicode_normalization::UnicodeNormalization as _;

use crate::model::{Calendar, Language, Post, Role, Status, Timing};
use crate::publish::{self, Link};
use crate::source::{SourceId, Span};

/// What the command knows of one calendar file's history: when it last
/// changed and how many changes it has had. From git: the time of the last
/// commit that changed it and the number of such commits (one more, and
/// the file's modification time, while it has changes not yet committed);
/// outside git: the modification time, and 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub modified: DateTime<Utc>,
    pub sequence: u32,
}

/// The stamps of the calendar's files, by source.
pub type Stamps = BTreeMap<SourceId, FileStamp>;

/// How long a post's event lasts in the team's calendar.
const POST_MINUTES: i64 = 15;

/// The DTSTAMP of events with no date in the data.
const EPOCH: &str = "19700101T000000Z";

/// Octets per line before folding (RFC 5545 section 3.1), CRLF excluded.
const LINE_OCTETS: usize = 75;

/// The whole iCalendar file for `calendar`; `reviews` writes the review-by
/// events instead of the plan.
pub fn ics(calendar: &Calendar, reviews: bool, stamps: &Stamps) -> String {
    let labels = Labels::of(calendar.settings.language);
    let mut events = Vec::new();
    if reviews {
        review_events(calendar, &labels, &mut events);
    } else {
        campaign_events(calendar, &labels, &mut events);
        post_events(calendar, &labels, &mut events);
    }
    for event in &mut events {
        if let Some(stamp) = stamps.get(&event.file) {
            event.stamp = stamp.modified.format("%Y%m%dT%H%M%SZ").to_string();
            event.modified = Some(event.stamp.clone());
            event.sequence = stamp.sequence;
        }
    }
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//edcal//edcal//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push(&mut out, line);
    }
    let name = if reviews {
        format!("{} — {}", calendar.settings.name, labels.reviews)
    } else {
        calendar.settings.name.clone()
    };
    push(&mut out, &format!("X-WR-CALNAME:{}", escape(&name)));
    for event in &events {
        event.write(&mut out);
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// When an event starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

impl When {
    fn property(self, name: &str) -> String {
        match self {
            When::Day(day) => format!("{name};VALUE=DATE:{}", day.format("%Y%m%d")),
            When::Instant(t) => format!("{name}:{}", t.format("%Y%m%dT%H%M%SZ")),
        }
    }
}

#[derive(Debug)]
struct Event {
    uid: String,
    /// The file the event comes from, for its [`FileStamp`].
    file: SourceId,
    stamp: String,
    /// LAST-MODIFIED, when the file's history is known.
    modified: Option<String>,
    sequence: u32,
    start: When,
    end: When,
    summary: String,
    description: String,
    /// `CONFIRMED` or `TENTATIVE` for posts.
    status: Option<&'static str>,
}

impl Event {
    fn write(&self, out: &mut String) {
        push(out, "BEGIN:VEVENT");
        push(out, &format!("UID:{}", escape(&self.uid)));
        push(out, &format!("DTSTAMP:{}", self.stamp));
        if let Some(modified) = &self.modified {
            push(out, &format!("LAST-MODIFIED:{modified}"));
        }
        push(out, &format!("SEQUENCE:{}", self.sequence));
        push(out, &self.start.property("DTSTART"));
        push(out, &self.end.property("DTEND"));
        push(out, &format!("SUMMARY:{}", escape(&self.summary)));
        if !self.description.is_empty() {
            push(out, &format!("DESCRIPTION:{}", escape(&self.description)));
        }
        if let Some(status) = self.status {
            push(out, &format!("STATUS:{status}"));
        }
        // Posts and campaigns do not make anyone busy.
        push(out, "TRANSP:TRANSPARENT");
        push(out, "END:VEVENT");
    }
}

fn all_day(
    uid: String,
    span: Span,
    from: NaiveDate,
    to: NaiveDate,
    summary: String,
    description: String,
) -> Event {
    Event {
        uid,
        file: span.source,
        stamp: EPOCH.to_owned(),
        modified: None,
        sequence: 0,
        start: When::Day(from),
        // DTEND of an all-day event is exclusive (RFC 5545 section 3.6.1).
        end: When::Day(to.succ_opt().unwrap_or(to)),
        summary,
        description,
        status: None,
    }
}

fn campaign_events(calendar: &Calendar, labels: &Labels, events: &mut Vec<Event>) {
    let mut campaigns: Vec<_> = calendar.campaigns.values().collect();
    campaigns.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    for campaign in &campaigns {
        events.push(all_day(
            format!("campaign.{}@edcal", campaign.id),
            campaign.span,
            campaign.start,
            campaign.end,
            format!("{}{}", labels.campaign, campaign.name),
            format!("{}{}", labels.channels, campaign.channels.join(", ")),
        ));
    }
    let mut milestones = Vec::new();
    for campaign in &campaigns {
        let mut seen = BTreeSet::new();
        for milestone in &campaign.milestones {
            let base = milestone
                .id
                .clone()
                .unwrap_or_else(|| slug(&milestone.name));
            let mut key = base.clone();
            let mut n = 1;
            while !seen.insert(key.clone()) {
                n += 1;
                key = format!("{base}-{n}");
            }
            let owner = milestone.owner.as_ref().map(|o| {
                calendar
                    .team
                    .get(o)
                    .map_or_else(|| o.clone(), |m| format!("{} ({o})", m.name))
            });
            let mut description = format!("{}{}", labels.campaign, campaign.name);
            if let Some(owner) = owner {
                let _ = write!(description, "\n{}{owner}", labels.owner);
            }
            let _ = write!(
                description,
                "\n{}",
                if milestone.done {
                    labels.done
                } else {
                    labels.to_do
                }
            );
            milestones.push(all_day(
                format!("milestone.{}.{key}@edcal", campaign.id),
                milestone.span,
                milestone.due,
                milestone.due,
                format!("{}{}", labels.milestone, milestone.name),
                description,
            ));
        }
    }
    milestones.sort_by(|a, b| (day(a.start), &a.uid).cmp(&(day(b.start), &b.uid)));
    events.extend(milestones);
}

fn day(when: When) -> NaiveDate {
    match when {
        When::Day(d) => d,
        When::Instant(t) => t.date_naive(),
    }
}

fn post_events(calendar: &Calendar, labels: &Labels, events: &mut Vec<Event>) {
    let mut fixed = calendar.fixed();
    // A channel taken out of the calendar (its errors block it) has no events.
    fixed.retain(|pair| calendar.channels.contains_key(pair.channel));
    fixed.sort_by(|a, b| {
        (a.time.instant, a.channel, &a.post.id.value).cmp(&(
            b.time.instant,
            b.channel,
            &b.post.id.value,
        ))
    });
    for pair in fixed {
        let post = pair.post;
        let id = pair.id();
        let start = pair.time.instant.with_timezone(&Utc);
        let published =
            publish::compose_tagged_on(calendar, post, pair.channel, pair.occurrence, Link::InText);
        let status =
            crate::plan::labels::Labels::new(calendar.settings.language).status(post.status.value);
        let mut description = format!("{}{status}", labels.status);
        let frozen = crate::closed::freeze_at(calendar, post, pair.time.local);
        if let Some(freeze) = frozen {
            let _ = write!(description, "\n{}{}", labels.frozen_why, freeze.why);
        }
        if let Err(refusal) = super::gate(calendar, post, Some(pair.time.local)) {
            let reason = match calendar.settings.language {
                Language::Fr => refusal_fr(&refusal),
                Language::En => refusal.to_string(),
            };
            let _ = write!(description, "\n{}{reason}", labels.not_exported);
        }
        if let Some(campaign) = post
            .campaign
            .as_ref()
            .and_then(|c| calendar.campaigns.get(c))
        {
            let _ = write!(description, "\n{}{}", labels.campaign, campaign.name);
        }
        let _ = write!(description, "\n{}{id}\n\n{}", labels.post, published.text);
        events.push(Event {
            uid: format!("{id}.{}@edcal", pair.channel),
            file: post.span.source,
            stamp: stamp(post),
            modified: None,
            sequence: 0,
            start: When::Instant(start),
            end: When::Instant(start + Duration::minutes(POST_MINUTES)),
            summary: format!(
                "{}[{}] {}",
                if frozen.is_some() { labels.frozen } else { "" },
                pair.channel,
                post.title
            ),
            description,
            // A frozen pair does not go out as planned.
            status: Some(if post.status.value.is_approved() && frozen.is_none() {
                "CONFIRMED"
            } else {
                "TENTATIVE"
            }),
        });
    }
}

/// Why a pair is not exported, for a French team calendar (the CSV
/// listing on stderr stays in English, with the other messages).
fn refusal_fr(refusal: &super::Refusal) -> String {
    use super::Refusal;
    let labels = crate::plan::labels::Labels::new(Language::Fr);
    match refusal {
        Refusal::NotApproved(status) => {
            format!("statut « {} », non validé", labels.status(*status))
        }
        Refusal::NoApproval => "pas de validation par un responsable".to_owned(),
        Refusal::NoMedicalReview(theme) => {
            format!("le thème `{theme}` demande une relecture médicale, qui manque")
        }
        Refusal::Stale => "le contenu a changé depuis sa validation".to_owned(),
        Refusal::Unsealed(what) => format!(
            "{} non scellée (`sealed_approvals = true` : valider ou relire avec edcal)",
            if *what == "approval" {
                "la validation"
            } else {
                "la relecture"
            }
        ),
        Refusal::Frozen(why) => format!("gelé ({why}), thème non autorisé"),
        Refusal::Unplaced => "pas encore d'horaire".to_owned(),
    }
}

/// DTSTAMP from the data: the latest approval or review date, else the
/// creation date, else the epoch.
fn stamp(post: &Post) -> String {
    let signed = [&post.approval, &post.medical_review]
        .into_iter()
        .flatten()
        .map(|a| a.on)
        .max();
    signed.or(post.created).map_or_else(
        || EPOCH.to_owned(),
        |d| format!("{}T000000Z", d.format("%Y%m%d")),
    )
}

/// Review-by events: for each post still to approve (status `draft` or
/// `review`, or a stale seal), one for the lead; for each post on a medical
/// theme without a current physician's review, one for the physicians. Due
/// `approve_days_before` days before the post's first time (its earliest
/// `at`, else its `on` or `between` start); posts with no day yet have no
/// deadline.
fn review_events(calendar: &Calendar, labels: &Labels, events: &mut Vec<Event>) {
    let days = i64::from(calendar.rules.approve_days_before);
    let names = |role: Role| -> String {
        let members: Vec<String> = calendar
            .team
            .values()
            .filter(|m| m.role == role)
            .map(|m| format!("{} ({})", m.name, m.id))
            .collect();
        members.join(", ")
    };
    for post in &calendar.posts {
        // A stale seal counts as no approval: an approved or
        // scheduled post whose content changed needs signing again.
        let pending = matches!(post.status.value, Status::Draft | Status::Review);
        if !pending && !matches!(post.status.value, Status::Approved | Status::Scheduled) {
            continue;
        }
        let Some((first, first_text)) = first_time(post) else {
            continue;
        };
        let due = first - Duration::days(days);
        let stale = |a: Option<&crate::model::Approval>| {
            crate::seal::verdict(calendar, post, a).is_some_and(|v| v.is_stale())
        };
        let needs_lead = (pending && post.approval.is_none()) || stale(post.approval.as_ref());
        let needs_physician = crate::seal::needs_review(calendar, post)
            && ((pending && post.medical_review.is_none()) || stale(post.medical_review.as_ref()));
        for (needed, role, what) in [
            (needs_lead, Role::Lead, labels.approve),
            (needs_physician, Role::Physician, labels.medical_review),
        ] {
            if !needed {
                continue;
            }
            let description = format!(
                "{}{}\n{}{first_text}\n{}{}\n{}{}",
                labels.by,
                names(role),
                labels.first_time,
                labels.status,
                crate::plan::labels::Labels::new(calendar.settings.language)
                    .status(post.status.value),
                labels.post,
                post.id.value
            );
            let mut event = all_day(
                format!("review.{}.{}@edcal", post.id.value, role.name()),
                post.span,
                due,
                due,
                format!("{what}{}", post.title),
                description,
            );
            event.stamp = post.created.map_or_else(
                || EPOCH.to_owned(),
                |d| format!("{}T000000Z", d.format("%Y%m%d")),
            );
            events.push(event);
        }
    }
    events.sort_by(|a, b| (day(a.start), &a.uid).cmp(&(day(b.start), &b.uid)));
}

/// The first day a post goes out, and how to say it.
fn first_time(post: &Post) -> Option<(NaiveDate, String)> {
    let placed = post
        .channel_ids()
        .filter_map(|c| post.at(c).map(|at| (at.value, c)))
        .min_by_key(|(at, c)| (at.instant, *c));
    if let Some((at, channel)) = placed {
        return Some((
            at.local.date(),
            format!("{} ({channel})", at.local.format("%Y-%m-%d %H:%M")),
        ));
    }
    let day = match &post.timing {
        Timing::On(on) => on.value,
        Timing::Between(b) => b.value.0,
        _ => return None,
    };
    Some((day, day.to_string()))
}

struct Labels {
    status: &'static str,
    /// Before the summary of a frozen pair.
    frozen: &'static str,
    frozen_why: &'static str,
    not_exported: &'static str,
    campaign: &'static str,
    channels: &'static str,
    milestone: &'static str,
    owner: &'static str,
    done: &'static str,
    to_do: &'static str,
    post: &'static str,
    reviews: &'static str,
    approve: &'static str,
    medical_review: &'static str,
    by: &'static str,
    first_time: &'static str,
}

impl Labels {
    fn of(language: Language) -> Labels {
        match language {
            Language::Fr => Labels {
                status: "Statut : ",
                frozen: "[gelé] ",
                frozen_why: "Gelé : ",
                not_exported: "Non exporté : ",
                campaign: "Campagne : ",
                channels: "Canaux : ",
                milestone: "Jalon : ",
                owner: "Responsable : ",
                done: "Fait",
                to_do: "À faire",
                post: "Publication : ",
                reviews: "relectures",
                approve: "À approuver : ",
                medical_review: "Relecture médicale : ",
                by: "Par : ",
                first_time: "Première publication : ",
            },
            Language::En => Labels {
                status: "Status: ",
                frozen: "[frozen] ",
                frozen_why: "Frozen: ",
                not_exported: "Not exported: ",
                campaign: "Campaign: ",
                channels: "Channels: ",
                milestone: "Milestone: ",
                owner: "Owner: ",
                done: "Done",
                to_do: "To do",
                post: "Post: ",
                reviews: "reviews",
                approve: "Approve: ",
                medical_review: "Medical review: ",
                by: "By: ",
                first_time: "First goes out: ",
            },
        }
    }
}

/// An ASCII id from a name: `Informer tous les médecins` →
/// `informer-tous-les-medecins`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.nfd().filter(char::is_ascii) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "milestone".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Escapes a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon, comma and
/// newline; a CRLF or lone CR is a newline; other control characters, which
/// TEXT does not allow, are dropped (a tab stays).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets, never inside a UTF-8 character;
/// continuation lines start with a space (which counts in their 75).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out
}

fn push(out: &mut String, line: &str) {
    out.push_str(&fold(line));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        assert_eq!(
            escape("a\\b;c,d\ne\r\nf\rg\u{7}h\ti"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti"
        );
        assert_eq!(escape("Octobre Rose, 2026"), "Octobre Rose\\, 2026");
    }

    #[test]
    fn short_lines_are_not_folded() {
        let line = "x".repeat(75);
        assert_eq!(fold(&line), line);
    }

    #[test]
    fn long_ascii_lines_fold_at_75_then_74_octets() {
        let line = "a".repeat(75 + 74 + 3);
        let folded = fold(&line);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].len(), 75);
        assert_eq!(parts[1].len(), 75);
        assert!(parts[1].starts_with(' '));
        assert_eq!(parts[2], " aaa");
    }

    #[test]
    fn folding_never_splits_a_utf8_character() {
        // 74 ASCII octets, then `é` (2 octets) would reach 76: it moves to
        // the next line whole.
        let line = format!("{}é{}", "a".repeat(74), "🎗️".repeat(30));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
        assert!(folded.starts_with(&format!("{}\r\n é", "a".repeat(74))));
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(
            slug("Informer tous les médecins"),
            "informer-tous-les-medecins"
        );
        assert_eq!(
            slug("  Spot radio (France Bleu) ! "),
            "spot-radio-france-bleu"
        );
        assert_eq!(slug("🎗️"), "milestone");
    }

    #[test]
    fn times_are_utc_and_days_are_dates() {
        let t = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 10, 25, 11, 30, 0).unwrap();
        assert_eq!(
            When::Instant(t).property("DTSTART"),
            "DTSTART:20261025T113000Z"
        );
        let d = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        assert_eq!(When::Day(d).property("DTEND"), "DTEND;VALUE=DATE:20261001");
    }
}
