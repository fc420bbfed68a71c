//! The morning triage (`edcal backlog`): every post awaiting the lead's
//! decision, oldest first, with what is missing before it can be approved,
//! and the editorial-line balance of the coming weeks (see [`balance`]).
//! Rendering is in [`render`].
//!
//! What the triage shows, and why:
//!
//! - **Which posts**: `idea`, `draft` and `review`. Ideas are the subjects
//!   the assistant proposes, drafts are being written, and a post in review
//!   is the clearest case of one waiting for a yes or a no. From `approved`
//!   on the decision is taken; cancelled posts were decided against.
//! - **Order**: oldest first by `created`, so nothing waits forever; posts
//!   without `created` come last (their age is unknown), then by id.
//! - **Age**: today − `created`, in days.
//! - **Window**: the days the post may go out, over all its channels: the
//!   days of its times, its `on` or `between`, else its campaign's dates;
//!   none for a post with no date at all.
//! - **Missing**: what stands between the post and an approval, as codes.
//!   `no-text` and `no-time` (channels without a text, without a time), then
//!   every finding `check` reports about the post (its `post` is this one),
//!   in the rule registry's order: errors such as `too-long`,
//!   `missing-media`, `missing-consent`, and warnings such as `risky-claim`
//!   or `hard-to-read` that the lead will want fixed before saying yes. The
//!   rules are run, never re-implemented here; two are asked for this post
//!   although `check` does not report them at its status:
//!   `missing-medical-review` (from `approved` on in `check`; here, a
//!   medical theme without a physician's review is the first thing the lead
//!   must know), and, for ideas, the publishing rules (lengths, media, ...),
//!   which `check` leaves to drafts. `approval-due` is left out: it says
//!   when, not what is missing, and the window shows when. `[rules] allow`
//!   applies.

pub mod render;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::check::Checked;
use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Language, Note, Post, Status, Timing};
use crate::publish::{self, Link};
use crate::rules::Code;

use super::balance::{self, Balance};

/// The statuses of posts awaiting a decision.
pub const AWAITING: [Status; 3] = [Status::Idea, Status::Draft, Status::Review];

/// What to triage.
pub struct Query<'a> {
    pub today: NaiveDate,
    /// Channel ids to keep; empty: every channel.
    pub channels: &'a [String],
}

#[derive(Debug, Clone)]
pub struct Backlog {
    pub today: NaiveDate,
    pub language: Language,
    /// Oldest first, see [`order`].
    pub items: Vec<Item>,
    pub balance: Balance,
}

/// One post awaiting a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub post: String,
    pub title: String,
    pub status: Status,
    pub owner: Option<String>,
    pub created: Option<NaiveDate>,
    /// Days since `created` (negative if it is in the future).
    pub age_days: Option<i64>,
    pub themes: Vec<String>,
    pub campaign: Option<String>,
    pub window: Option<Window>,
    pub channels: Vec<String>,
    pub missing: Vec<Missing>,
    /// The post's thread, oldest first.
    pub notes: Vec<Note>,
}

/// Both days included; `to = None`: no known end (a repetition by count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// One thing missing before approval, and the channels it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Missing {
    pub code: Lack,
    /// In the post's order; every channel of the post when it is about the
    /// post as a whole.
    pub channels: Vec<String>,
}

/// What a post lacks: a text, a time, or what a rule reports about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lack {
    NoText,
    NoTime,
    Rule(Code),
}

impl Lack {
    /// `no-text`, `no-time`, or the rule's code, as JSON and CSV show it.
    pub fn name(self) -> &'static str {
        match self {
            Lack::NoText => "no-text",
            Lack::NoTime => "no-time",
            Lack::Rule(code) => code.name(),
        }
    }
}

impl std::fmt::Display for Lack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Lack {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Triages the checked calendar.
pub fn backlog(checked: &Checked, query: &Query<'_>) -> Backlog {
    let calendar = &checked.calendar;
    let keep = |post: &Post| {
        query.channels.is_empty()
            || post
                .channel_ids()
                .any(|c| query.channels.iter().any(|k| k == c))
    };
    // `check` folds the same finding on several channels into one (a picture
    // without consent is reported once, on its first channel); the consent
    // rule is asked again so that every channel concerned is named.
    let mut consents = Vec::new();
    crate::rules::check_consents(calendar, checked.today, &mut consents);
    consents.retain(|d| !calendar.rules.allow.contains(&d.code));
    let mut items: Vec<Item> = calendar
        .posts
        .iter()
        .filter(|p| AWAITING.contains(&p.status.value) && keep(p))
        .map(|post| Item {
            post: post.id.value.clone(),
            title: post.title.clone(),
            status: post.status.value,
            owner: post.owner.clone(),
            created: post.created,
            age_days: post.created.map(|c| (query.today - c).num_days()),
            themes: post.themes.clone(),
            campaign: post.campaign.clone(),
            window: window(calendar, post, query.today),
            channels: post.channel_ids().map(str::to_owned).collect(),
            missing: missing(checked, &consents, post),
            notes: post.notes.clone(),
        })
        .collect();
    order(&mut items);
    Backlog {
        today: query.today,
        language: calendar.settings.language,
        items,
        balance: balance::balance(calendar, query.today, query.channels),
    }
}

/// Oldest `created` first, posts without one last, then by id.
pub fn order(items: &mut [Item]) {
    items.sort_by(|a, b| {
        (a.created.is_none(), a.created, &a.post).cmp(&(b.created.is_none(), b.created, &b.post))
    });
}

/// The hull of the channels' windows; `None` when no channel has a time,
/// an `on`, a `between` or a campaign.
fn window(calendar: &Calendar, post: &Post, today: NaiveDate) -> Option<Window> {
    let dated = |channel: &str| {
        post.at(channel).is_some()
            || !matches!(post.timing, Timing::Open)
            || post
                .campaign
                .as_ref()
                .is_some_and(|c| calendar.campaigns.contains_key(c))
    };
    post.channel_ids()
        .filter(|c| dated(c))
        .map(|c| {
            let (from, to) = post.window(c, calendar, today);
            Window {
                from,
                to: to.filter(|d| *d != NaiveDate::MAX),
            }
        })
        .reduce(|a, b| Window {
            from: a.from.min(b.from),
            to: a.to.zip(b.to).map(|(x, y)| x.max(y)),
        })
}

fn missing(checked: &Checked, consents: &[Diagnostic], post: &Post) -> Vec<Missing> {
    let calendar = &checked.calendar;
    let id = post.id.value.as_str();
    let all: Vec<String> = post.channel_ids().map(str::to_owned).collect();
    let mut out = Vec::new();
    let mut push = |code: Lack, channels: Vec<String>| {
        if !channels.is_empty() {
            out.push(Missing { code, channels });
        }
    };
    push(
        Lack::NoText,
        post.channel_ids()
            .filter(|c| {
                publish::compose(post, c, Link::Column)
                    .written
                    .trim()
                    .is_empty()
            })
            .map(str::to_owned)
            .collect(),
    );
    push(
        Lack::NoTime,
        post.channel_ids()
            .filter(|c| post.at(c).is_none())
            .map(str::to_owned)
            .collect(),
    );
    let mut asked = Vec::new();
    crate::rules::check_medical_review(calendar, post, &mut asked);
    if post.status.value == Status::Idea {
        crate::rules::check_publishing_post(calendar, &checked.sources, post, &mut asked);
    }
    asked.retain(|d| !calendar.rules.allow.contains(&d.code));
    let findings: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code != Code::MissingConsent)
        .chain(consents)
        .chain(&asked)
        .filter(|d| d.post.as_deref() == Some(id) && d.code != Code::ApprovalDue)
        .collect();
    // In the registry's order, which is the order of the enum.
    let codes: BTreeSet<(usize, Code)> =
        findings.iter().map(|d| (d.code as usize, d.code)).collect();
    for (_, code) in codes {
        let of_code = findings.iter().filter(|d| d.code == code);
        let channels: Vec<String> = if of_code.clone().any(|d| d.channel.is_none()) {
            all.clone()
        } else {
            all.iter()
                .filter(|c| {
                    of_code
                        .clone()
                        .any(|d| d.channel.as_deref() == Some(c.as_str()))
                })
                .cloned()
                .collect()
        };
        push(Lack::Rule(code), channels);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(post: &str, created: Option<&str>) -> Item {
        Item {
            post: post.to_owned(),
            title: String::new(),
            status: Status::Idea,
            owner: None,
            created: created.map(|c| c.parse().unwrap()),
            age_days: None,
            themes: vec![],
            campaign: None,
            window: None,
            channels: vec![],
            missing: vec![],
            notes: vec![],
        }
    }

    #[test]
    fn oldest_first_undated_last_then_by_id() {
        let mut items = vec![
            item("zeta", None),
            item("beta", Some("2026-11-20")),
            item("alpha", None),
            item("gamma", Some("2026-10-01")),
            item("alpha-2", Some("2026-11-20")),
        ];
        order(&mut items);
        let ids: Vec<&str> = items.iter().map(|i| i.post.as_str()).collect();
        assert_eq!(ids, ["gamma", "alpha-2", "beta", "alpha", "zeta"]);
    }

    const CALENDAR: &str = r#"
[calendar]
name = "t"
timezone = "Europe/Paris"
[team.lead]
name = "Lead"
role = "lead"
[team.dr]
name = "Dr"
role = "editor"
[themes.uro]
label = "Urologie"
medical_review = true
[rules]
allow = ALLOW
"#;

    const POSTS: &str = r#"
[[post]]
id = "a"
title = "A"
themes = ["uro"]
channels = ["fb", "ig"]
status = "draft"
created = 2026-11-01
medical_review = { by = "dr", on = 2026-11-02 }
text = "Bonjour."
[post.variants.ig]
at = 2026-12-03T18:00:00
[[post]]
id = "b"
title = "B"
channels = ["fb"]
status = "approved"
approval = { by = "lead", on = 2026-11-02 }
at = 2026-12-01T12:00:00
text = "Déjà validé."
"#;

    fn triage(allow: &str) -> Backlog {
        let checked = crate::testing::checked(
            &[
                ("edcal.toml", &CALENDAR.replace("ALLOW", allow)),
                (
                    "channels.toml",
                    "[fb]\nnetwork = \"facebook\"\n[ig]\nnetwork = \"instagram\"\n",
                ),
                ("posts/p.toml", POSTS),
            ],
            "2026-11-25",
        );
        backlog(
            &checked,
            &Query {
                today: checked.today,
                channels: &[],
            },
        )
    }

    #[test]
    fn missing_items_come_from_the_rules_and_name_their_channels() {
        let b = triage("[]");
        assert_eq!(b.items.len(), 1, "the approved post is decided");
        let a = &b.items[0];
        assert_eq!(a.age_days, Some(24));
        // Instagram has a time, Facebook has none and no campaign: the window
        // is the Instagram day.
        let day = "2026-12-03".parse().unwrap();
        assert_eq!(
            a.window,
            Some(Window {
                from: day,
                to: Some(day)
            })
        );
        let codes: Vec<(&str, Vec<&str>)> = a
            .missing
            .iter()
            .map(|m| {
                (
                    m.code.name(),
                    m.channels.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            codes,
            [
                ("no-time", vec!["fb"]),
                // Reviewed by an editor: the rule's own verdict, asked
                // although the post is not approved yet.
                ("missing-medical-review", vec!["fb", "ig"]),
                ("missing-media", vec!["ig"]),
            ]
        );
    }

    #[test]
    fn allowed_codes_are_not_missing() {
        let b = triage(r#"["missing-medical-review", "missing-media"]"#);
        let codes: Vec<&str> = b.items[0].missing.iter().map(|m| m.code.name()).collect();
        assert_eq!(codes, ["no-time"]);
    }
}
