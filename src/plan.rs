//! The plan of a period (an ISO week, a month, a range of dates): what each
//! channel publishes, day by day, and the days that matter around it. A pure
//! function of the checked calendar, the [`Period`] and today; rendering is
//! in [`render`], which every format reads from the one [`Plan`] value.
//!
//! What the plan shows, and why:
//!
//! - **Posts**: every fixed (post, channel) pair whose local time falls in
//!   the period, bucketed into days in the calendar's zone (a post at 00:30 on
//!   Monday in Paris is Monday's, though it is still Sunday in UTC).
//!   Cancelled posts are left out. A repeating post appears as its
//!   occurrences in the week, each named `<post>@<YYYY-MM-DD>`.
//! - **Unplaced pairs**: every pair without a time, of a draft or a post
//!   further along, whose window (`on`, `between`, the campaign's dates,
//!   else from today on) meets the period, or ended before it when the period
//!   ends today or later (late: still to place). Ideas are decided in
//!   `backlog`: the plan only counts those whose window meets the period
//!   (see [`unplaced_in`]).
//! - **Events**, one per day of the period they cover: public holidays (when
//!   `calendar.holidays = "FR"`), blackout days, freeze days, awareness days
//!   (the built-in ones when `calendar.awareness` is true, and the calendar's
//!   own), and milestones: those due in the period, and those not done whose
//!   due date is before the period and before today (late), dated on their
//!   due day.
//! - **Campaigns** running at some point of the period.
//! - **Flags** per post, see [`Flag`], and what the post publishes on the
//!   channel: its text as composed for exports and seals, link, media and
//!   notes (see [`PlannedPost`]).
//!
//! A month or a range plans exactly the pairs of the ISO weeks it covers,
//! clipped to its days: the engine is the same, only the days differ.

pub mod backlog;
pub mod balance;
pub mod campaign;
pub mod html;
pub mod labels;
pub mod period;
pub mod render;
pub mod table;
pub mod week;

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;
use social_text::network::Network;

use crate::model::{Calendar, HolidayRegion, Language, Post, Role, Status};

pub use period::{MonthArg, Period};
pub use week::{Week, WeekArg};

/// The composed length of a pair and its network's limit, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    pub length: usize,
    pub limit: usize,
}

/// Measures what a pair publishes (on an occurrence's date, for a
/// repeating post); the plan does not count text itself.
pub type Measurer<'a> = &'a dyn Fn(&Calendar, &Post, &str, Option<NaiveDate>) -> Option<Length>;

/// What to plan.
pub struct Query<'a> {
    pub period: Period,
    pub today: NaiveDate,
    /// Channel ids to keep; empty: every channel.
    pub channels: &'a [String],
    pub measure: Measurer<'a>,
}

/// The plan of a period: the one value every format renders.
#[derive(Debug, Clone)]
pub struct Plan {
    pub period: Period,
    pub tz: Tz,
    pub language: Language,
    pub campaigns: Vec<RunningCampaign>,
    pub events: Vec<Event>,
    pub channels: Vec<ChannelPlan>,
    pub unplaced: Vec<Unplaced>,
    /// Ideas that could go out in the week, left to `backlog`.
    pub ideas: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunningCampaign {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "ymd")]
    pub start: NaiveDate,
    #[serde(serialize_with = "ymd")]
    pub end: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Holiday,
    Blackout,
    Freeze,
    Awareness,
    Milestone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub kind: EventKind,
    #[serde(serialize_with = "ymd")]
    pub date: NaiveDate,
    pub name: String,
    /// Shown in human formats only: a freeze's hours, a milestone's campaign,
    /// owner and lateness.
    #[serde(skip)]
    pub detail: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ChannelPlan {
    pub id: String,
    pub network: Network,
    /// By time, then post id.
    pub posts: Vec<PlannedPost>,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

impl ChannelPlan {
    pub fn count(&self) -> usize {
        self.posts.len()
    }

    /// Whether the count is under `min` (`Less`), over `max` (`Greater`).
    pub fn cadence(&self) -> std::cmp::Ordering {
        let n = self.count();
        if self.min.is_some_and(|m| n < m as usize) {
            std::cmp::Ordering::Less
        } else if self.max.is_some_and(|m| n > m as usize) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }
}

#[derive(Debug, Clone)]
pub struct PlannedPost {
    pub post: String,
    pub title: String,
    pub at: DateTime<Tz>,
    pub status: Status,
    pub campaign: Option<String>,
    pub length: Option<Length>,
    pub flags: Vec<Flag>,
    /// What the channel publishes, as composed for exports and seals (the
    /// channel's text or the post's, then the hashtags it lacks), the link
    /// kept apart in `link`.
    pub text: String,
    pub link: Option<String>,
    pub media: Vec<PlannedMedia>,
    /// The post's thread, oldest first.
    pub notes: Vec<crate::model::Note>,
}

/// A media a channel publishes: its file (a path in the calendar folder or
/// a URL) and its alternative text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedMedia {
    pub file: String,
    pub alt: Option<String>,
}

impl PlannedPost {
    /// The local day, in the calendar's zone.
    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }
}

/// What a lead must know about a post before it goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Goes out and is not `approved`, `scheduled` or `published`.
    NotApproved,
    /// One of its themes needs a physician's review, and there is none by a
    /// physician.
    ReviewMissing,
    /// Its approval or review is sealed and the content changed since
    /// (see `seal`).
    Stale,
    /// `[rules] sealed_approvals = true` and its approval (or needed review)
    /// carries no digest: exports leave it out.
    Unsealed,
    /// A media shows identifiable people: check the consent before it goes out.
    Consent,
    /// Inside a freeze window and not on an allowed theme.
    Frozen,
    /// The composed text is longer than the network's limit.
    OverLimit,
    /// On a public holiday or a blackout day.
    ClosedDay,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Flag::NotApproved => "not-approved",
            Flag::ReviewMissing => "review-missing",
            Flag::Stale => "stale",
            Flag::Unsealed => "unsealed",
            Flag::Consent => "consent",
            Flag::Frozen => "frozen",
            Flag::OverLimit => "over-limit",
            Flag::ClosedDay => "closed-day",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unplaced {
    pub post: String,
    pub channel: String,
    pub title: String,
    pub status: Status,
    pub from: NaiveDate,
    /// `None`: no end (a post without campaign nor window, from today on).
    pub to: Option<NaiveDate>,
}

/// `YYYY-MM-DD` in JSON (chrono's serde support is not enabled).
pub fn ymd<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&date.format("%Y-%m-%d"))
}

/// Plans one period.
pub fn build(calendar: &Calendar, query: &Query<'_>) -> Plan {
    let period = query.period;
    let keep = |id: &str| query.channels.is_empty() || query.channels.iter().any(|c| c == id);
    let campaigns = calendar
        .campaigns
        .values()
        .filter(|c| period.meets(c.start, Some(c.end)))
        .map(|c| RunningCampaign {
            id: c.id.clone(),
            name: c.name.clone(),
            start: c.start,
            end: c.end,
        })
        .collect();
    let mut channels: Vec<ChannelPlan> = calendar
        .channels
        .values()
        .filter(|c| keep(&c.id))
        .map(|c| ChannelPlan {
            id: c.id.clone(),
            network: c.network,
            posts: Vec::new(),
            min: c.posts_per_week.min,
            max: c.posts_per_week.max,
        })
        .collect();
    for pair in calendar.fixed_within(period.from..=period.to) {
        let Some(plan) = channels.iter_mut().find(|c| c.id == pair.channel) else {
            continue;
        };
        let post = pair.post;
        let length = (query.measure)(calendar, post, pair.channel, pair.occurrence);
        let published = crate::publish::compose_on(
            post,
            pair.channel,
            pair.occurrence,
            crate::publish::Link::Column,
        );
        plan.posts.push(PlannedPost {
            post: pair.id(),
            title: post.title.clone(),
            at: pair.time.instant,
            status: post.status.value,
            campaign: post.campaign.clone(),
            length,
            flags: flags(calendar, post, pair.channel, pair.time.local, length),
            text: published.text,
            link: published.link.map(std::borrow::Cow::into_owned),
            media: published
                .media
                .iter()
                .map(|m| PlannedMedia {
                    file: m.file.value.clone(),
                    alt: m.alt.clone(),
                })
                .collect(),
            notes: post.notes().to_vec(),
        });
    }
    let mut unplaced: Vec<Unplaced> = Vec::new();
    let mut ideas = BTreeSet::new();
    for post in &calendar.posts {
        for channel in post
            .channel_ids()
            .filter(|c| keep(c) && post.at(c).is_none())
        {
            let (from, to) = post.window(channel, calendar, query.today);
            let days = (period.from, period.to);
            match unplaced_in(days, query.today, post.status.value, from, to) {
                UnplacedIn::List => unplaced.push(Unplaced {
                    post: post.id.value.clone(),
                    channel: channel.to_owned(),
                    title: post.title.clone(),
                    status: post.status.value,
                    from,
                    to,
                }),
                UnplacedIn::Backlog => {
                    ideas.insert(post.id.value.as_str());
                }
                UnplacedIn::Neither => {}
            }
        }
    }
    unplaced.sort_by(|a, b| (&a.channel, &a.post).cmp(&(&b.channel, &b.post)));
    Plan {
        period,
        tz: calendar.settings.tz,
        language: calendar.settings.language,
        campaigns,
        events: events(calendar, period, query.today),
        channels,
        unplaced,
        ideas: ideas.len(),
    }
}

/// Where a week's plan puts an unplaced pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnplacedIn {
    /// In the "unplaced" list.
    List,
    /// In the count of ideas waiting in `backlog`.
    Backlog,
    Neither,
}

/// Which unplaced pairs the plan of the days `first..=last` (a week) shows.
/// A draft or later is listed when its window `from..=to` meets those days,
/// or ended before them and before today while they end today or later: it
/// is late and still has to be placed or re-dated (a past week's plan stays
/// as it was). An idea whose window meets the days is only counted: ideas are decided in
/// `backlog`, and one without a window would otherwise show in every week
/// from today on.
fn unplaced_in(
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
    status: Status,
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> UnplacedIn {
    let meets = from <= last && to.is_none_or(|to| to >= first);
    // Late: the window is over (before today) and before these days, and
    // these days reach today or later; a window that ends before a future
    // week but after today is that week's business.
    let late = to.is_some_and(|to| to < first && to < today) && last >= today;
    match status {
        Status::Idea if meets => UnplacedIn::Backlog,
        Status::Idea | Status::Cancelled => UnplacedIn::Neither,
        _ if meets || late => UnplacedIn::List,
        _ => UnplacedIn::Neither,
    }
}

fn flags(
    calendar: &Calendar,
    post: &Post,
    channel: &str,
    local: chrono::NaiveDateTime,
    length: Option<Length>,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if !post.status.value.is_approved() {
        flags.push(Flag::NotApproved);
    }
    let needs_review = post
        .themes
        .iter()
        .any(|t| calendar.themes.get(t).is_some_and(|t| t.medical_review));
    let reviewed = post.medical_review.as_ref().is_some_and(|r| {
        calendar
            .team
            .get(&r.by)
            .is_some_and(|m| m.role == Role::Physician)
    });
    if needs_review && !reviewed {
        flags.push(Flag::ReviewMissing);
    }
    if crate::seal::is_stale(calendar, post) {
        flags.push(Flag::Stale);
    }
    if crate::seal::unsealed(calendar, post).is_some() {
        flags.push(Flag::Unsealed);
    }
    if post.media_for(channel).iter().any(|m| m.people) {
        flags.push(Flag::Consent);
    }
    if crate::closed::freeze_at(calendar, post, local).is_some() {
        flags.push(Flag::Frozen);
    }
    if length.is_some_and(|l| l.length > l.limit) {
        flags.push(Flag::OverLimit);
    }
    if crate::closed::closed_on(calendar, local.date()).is_some() {
        flags.push(Flag::ClosedDay);
    }
    flags
}

fn events(calendar: &Calendar, period: Period, today: NaiveDate) -> Vec<Event> {
    let language = calendar.settings.language;
    let mut events = Vec::new();
    let mut push = |kind, date, name: &str, detail: Option<String>| {
        events.push(Event {
            kind,
            date,
            name: name.to_owned(),
            detail,
        });
    };
    let years: BTreeSet<i32> = period.days().map(|d| chrono::Datelike::year(&d)).collect();
    let builtin: Vec<_> = if calendar.settings.awareness {
        years
            .iter()
            .flat_map(|y| crate::days::awareness_days(*y))
            .collect()
    } else {
        Vec::new()
    };
    for day in period.days() {
        if calendar.settings.holidays == HolidayRegion::Fr
            && let Some(h) = crate::days::holiday_on(day)
        {
            let name = match language {
                Language::Fr => h.name_fr,
                Language::En => h.name_en,
            };
            push(EventKind::Holiday, day, name, None);
        }
        for b in &calendar.rules.blackouts {
            if (b.from..=b.to).contains(&day) {
                push(EventKind::Blackout, day, &b.name, None);
            }
        }
        for f in &calendar.rules.freezes {
            // `to` is excluded: a freeze ending at midnight does not cover that day.
            let last = (f.to - chrono::Duration::seconds(1)).date();
            if (f.from.date()..=last).contains(&day) {
                let start = (f.from.date() == day).then(|| f.from.format("%H:%M").to_string());
                let end = (last == day).then(|| f.to.format("%H:%M").to_string());
                let detail = match (start, end) {
                    (Some(s), Some(e)) => Some(format!("{s}–{e}")),
                    (Some(s), None) => Some(format!("{s}–")),
                    (None, Some(e)) => Some(format!("–{e}")),
                    (None, None) => None,
                };
                push(EventKind::Freeze, day, &f.why, detail);
            }
        }
        for a in &builtin {
            if (a.from..=a.to).contains(&day) {
                let name = match language {
                    Language::Fr => a.name_fr,
                    Language::En => a.name_en,
                };
                push(EventKind::Awareness, day, name, None);
            }
        }
        for a in &calendar.awareness {
            if (a.from..=a.to).contains(&day) {
                push(EventKind::Awareness, day, &a.name, None);
            }
        }
    }
    let labels = labels::Labels::new(language);
    for campaign in calendar.campaigns.values() {
        for m in &campaign.milestones {
            let late = !m.done && m.due < today;
            let due_now = period.contains(m.due);
            if !(due_now || (late && m.due < period.from)) {
                continue;
            }
            let mut detail = vec![campaign.name.clone()];
            if let Some(owner) = &m.owner {
                detail.push(owner.clone());
            }
            if m.done {
                detail.push(labels.word(labels::Word::Done).to_owned());
            } else if late {
                detail.push(labels.word(labels::Word::Late).to_owned());
            }
            push(
                EventKind::Milestone,
                m.due,
                &m.name,
                Some(detail.join(", ")),
            );
        }
    }
    events.sort_by(|a, b| (a.date, a.kind, &a.name).cmp(&(b.date, b.kind, &b.name)));
    events.dedup_by(|a, b| a.date == b.date && a.kind == b.kind && a.name == b.name);
    events
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDateTime, TimeZone, Utc};

    use super::*;

    /// Regression: ideas without a window showed in every week's plan from
    /// today on.
    #[test]
    fn a_week_lists_drafts_and_later_and_counts_ideas() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let week = (d("2026-10-05"), d("2026-10-11"));
        let today = d("2026-10-07");
        let open = (d("2026-10-07"), None);
        let this_week = (d("2026-10-08"), Some(d("2026-10-08")));
        let passed = (d("2026-09-28"), Some(d("2026-10-02")));
        let later = (d("2026-11-10"), Some(d("2026-11-10")));
        let at = |status, (from, to): (NaiveDate, Option<NaiveDate>)| {
            unplaced_in(week, today, status, from, to)
        };
        assert_eq!(at(Status::Idea, open), UnplacedIn::Backlog);
        assert_eq!(at(Status::Idea, this_week), UnplacedIn::Backlog);
        assert_eq!(at(Status::Idea, later), UnplacedIn::Neither);
        assert_eq!(at(Status::Idea, passed), UnplacedIn::Neither);
        assert_eq!(at(Status::Draft, open), UnplacedIn::List);
        assert_eq!(at(Status::Review, this_week), UnplacedIn::List);
        assert_eq!(at(Status::Draft, later), UnplacedIn::Neither);
        assert_eq!(at(Status::Cancelled, this_week), UnplacedIn::Neither);
        // Late: listed in today's week and after, not in a past week's plan.
        assert_eq!(at(Status::Approved, passed), UnplacedIn::List);
        let past = (d("2026-10-12"), d("2026-10-18"));
        assert_eq!(
            unplaced_in(past, d("2026-10-20"), Status::Draft, passed.0, passed.1),
            UnplacedIn::Neither
        );
    }

    /// Bucketing is by local wall-clock date: a post at 00:30 local on Monday
    /// is Monday's, though UTC still says Sunday, and a post after the fall
    /// back on the last Sunday of October keeps its day and gets +01:00.
    #[test]
    fn days_are_local_around_midnight_and_dst() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let local: NaiveDateTime = "2026-10-26T00:30:00".parse().unwrap();
        let t = crate::zone::resolve(tz, local).unwrap();
        assert_eq!(
            t.instant.with_timezone(&Utc).date_naive().to_string(),
            "2026-10-25"
        );
        let post = PlannedPost {
            post: "p".into(),
            title: String::new(),
            at: t.instant,
            status: Status::Approved,
            campaign: None,
            length: None,
            flags: vec![],
            text: String::new(),
            link: None,
            media: vec![],
            notes: vec![],
        };
        assert_eq!(post.day().to_string(), "2026-10-26");
        assert_eq!(post.at.to_rfc3339(), "2026-10-26T00:30:00+01:00");
        let w = Week::of(post.day());
        assert_eq!(w.to_string(), "2026-W44");
        // Sunday 25 October 2026, after 03:00 summer time became 02:00.
        let sunday = tz
            .from_local_datetime(&"2026-10-25T18:00:00".parse().unwrap())
            .unwrap();
        assert_eq!(sunday.to_rfc3339(), "2026-10-25T18:00:00+01:00");
        let saturday = tz
            .from_local_datetime(&"2026-10-24T18:00:00".parse().unwrap())
            .unwrap();
        assert_eq!(saturday.to_rfc3339(), "2026-10-24T18:00:00+02:00");
        assert_eq!(Week::of(sunday.date_naive()).to_string(), "2026-W43");
        assert_eq!(Week::of(saturday.date_naive()).to_string(), "2026-W43");
    }
}
