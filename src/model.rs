//! The checked calendar: what every command works on.
//!
//! Values here hold their invariants by construction: ids match `[a-z0-9-]+`
//! and are unique, enums are enums, dates are dates, times are resolved in the
//! calendar's zone (never in a daylight-saving gap or fold), windows do not end
//! before they start, and every reference (channel, campaign, member, theme,
//! consent) names something that exists. Whatever broke an invariant was
//! reported by `resolve` and left out. Spans are kept where a later rule must
//! point at the file.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;
use social_text::network::Network;

use crate::rules::Code;
pub use crate::source::Located;
use crate::source::Span;

#[derive(Debug)]
pub struct Calendar {
    pub settings: Settings,
    pub team: BTreeMap<String, Member>,
    pub themes: BTreeMap<String, Theme>,
    /// The calendar's own awareness dates (the built-in ones are in `days`).
    pub awareness: Vec<Period>,
    pub rules: Rules,
    pub channels: BTreeMap<String, Channel>,
    pub consents: BTreeMap<String, Consent>,
    pub campaigns: BTreeMap<String, Campaign>,
    /// In file order, then `[[post]]` order. Boxed: each posts file is
    /// resolved on its own (see `load`) and the lists are then joined;
    /// moving 600-byte posts into one list left as much memory behind as
    /// the posts themselves (50 MiB for 100,000 posts).
    pub posts: Vec<Box<Post>>,
    /// The ids of posts written with a valid id but left out of the model
    /// (a finding made them unusable, or an earlier post has the id), so
    /// that `edcal new post` never hands out an id already in the files.
    pub left_out: Vec<String>,
    /// SHA-256 (hex) of the local media files of sealed posts, by path, as
    /// `check` read them; `None` when the files were not read (a git
    /// revision, unit tests): seals are then not verified (see `seal`).
    pub media_sha256: Option<BTreeMap<String, String>>,
}

#[derive(Debug)]
pub struct Settings {
    pub name: String,
    pub tz: Tz,
    pub language: Language,
    pub holidays: HolidayRegion,
    /// Show the built-in health awareness days.
    pub awareness: bool,
    /// `[export] media_base_url`: the public URL of the `media/` folder.
    pub media_base_url: Option<String>,
    /// `[export.utm]`: the templates of `utm_source`, `utm_medium`,
    /// `utm_campaign`, `utm_content`, in that order.
    pub utm: Option<[Option<String>; 4]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRegion {
    Fr,
    None,
}

#[derive(Debug)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// Matched against `git config user.email` to tell who runs a command.
    pub email: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Lead,
    Editor,
    Physician,
    Freelance,
}

impl Role {
    pub const ALL: [(&'static str, Role); 4] = [
        ("lead", Role::Lead),
        ("editor", Role::Editor),
        ("physician", Role::Physician),
        ("freelance", Role::Freelance),
    ];

    pub fn name(self) -> &'static str {
        Role::ALL
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("?", |(n, _)| *n)
    }

    /// The role with its article, for messages: `a lead`, `an editor`.
    pub fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }
}

#[derive(Debug)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub share: Option<f64>,
    pub medical_review: bool,
    /// Physician ids; when not empty, only they may review this theme.
    pub reviewers: Vec<String>,
    /// Where `reviewers` is written, for `wrong-reviewer`.
    pub reviewers_span: Option<Span>,
}

/// A named span of days, both ends included.
#[derive(Debug, Clone)]
pub struct Period {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub span: Span,
}

#[derive(Debug)]
pub struct Rules {
    pub approve_days_before: u32,
    pub sealed_approvals: bool,
    pub allow: Vec<Code>,
    /// The calendar's own phrases for `risky-claim`, beside the lexicon.
    pub risky_phrases: Vec<String>,
    pub blackouts: Vec<Period>,
    pub freezes: Vec<Freeze>,
}

/// A crisis freeze: from `from` to `to` (local wall-clock, `to` excluded),
/// nothing goes out but the allowed themes.
#[derive(Debug)]
pub struct Freeze {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub why: String,
    pub allow_themes: Vec<String>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Channel {
    pub id: String,
    pub network: Network,
    pub account: Option<String>,
    pub audience: Option<String>,
    pub audience_kind: AudienceKind,
    pub posts_per_week: PerWeek,
    pub max_per_day: Option<u32>,
    /// In minutes, so that `1.5` hours is exact.
    pub min_gap_minutes: Option<u32>,
    pub slots: Vec<Slot>,
    pub export: Option<ExportFormat>,
    /// The public URL of the `media/` folder for this channel's exports
    /// (else the calendar's `[export] media_base_url`).
    pub media_base_url: Option<String>,
    pub span: Span,
    /// Spans of the capacity keys, for `over-capacity`.
    pub spans: ChannelSpans,
}

#[derive(Debug, Default)]
pub struct ChannelSpans {
    /// The whole `posts_per_week` table, and its `min`, for `below-cadence`.
    pub per_week: Option<Span>,
    pub per_week_min: Option<Span>,
    pub max_per_day: Option<Span>,
    pub per_week_max: Option<Span>,
    pub min_gap: Option<Span>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PerWeek {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AudienceKind {
    Patients,
    Professionals,
    Young,
    Press,
    General,
}

impl AudienceKind {
    pub const ALL: [(&'static str, AudienceKind); 5] = [
        ("patients", AudienceKind::Patients),
        ("professionals", AudienceKind::Professionals),
        ("young", AudienceKind::Young),
        ("press", AudienceKind::Press),
        ("general", AudienceKind::General),
    ];
}

/// The readability thresholds a channel's audience is held to.
impl From<AudienceKind> for social_text::readability::Audience {
    fn from(kind: AudienceKind) -> Self {
        use social_text::readability::Audience;
        match kind {
            AudienceKind::Patients => Audience::Patients,
            AudienceKind::Professionals => Audience::Professionals,
            AudienceKind::Young => Audience::Young,
            AudienceKind::Press => Audience::Press,
            AudienceKind::General => Audience::General,
        }
    }
}

/// A weekly slot, `"tue 12:30"`: local wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub weekday: Weekday,
    pub time: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExportFormat {
    Hootsuite,
    Buffer,
    Publer,
    Sprout,
    Generic,
}

impl ExportFormat {
    pub const ALL: [(&'static str, ExportFormat); 5] = [
        ("hootsuite", ExportFormat::Hootsuite),
        ("buffer", ExportFormat::Buffer),
        ("publer", ExportFormat::Publer),
        ("sprout", ExportFormat::Sprout),
        ("generic", ExportFormat::Generic),
    ];
}

#[derive(Debug)]
pub struct Consent {
    pub id: String,
    pub who: String,
    pub record: Option<String>,
    pub networks: Vec<Network>,
    pub campaign: Option<String>,
    pub until: Option<NaiveDate>,
    pub minor: bool,
    pub withdrawn: Option<NaiveDate>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub channels: Vec<String>,
    pub hashtags: Vec<String>,
    /// Planned posts per channel over the campaign.
    pub targets: BTreeMap<String, u32>,
    /// Where each target is written, for `campaign-target`.
    pub target_spans: BTreeMap<String, Span>,
    pub milestones: Vec<Milestone>,
    pub span: Span,
    /// Teasers belong to the campaign from `start` minus this many days.
    pub lead_in_days: u32,
    /// Thank-you posts belong to it until `end` plus this many days.
    pub follow_up_days: u32,
}

impl Campaign {
    /// The first day a post of the campaign may go out: its start, or the
    /// start of its lead-in.
    pub fn first_day(&self) -> NaiveDate {
        self.start
            .checked_sub_days(chrono::Days::new(self.lead_in_days.into()))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day a post of the campaign may go out: its end, or the end
    /// of its follow-up.
    pub fn last_day(&self) -> NaiveDate {
        self.end
            .checked_add_days(chrono::Days::new(self.follow_up_days.into()))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[derive(Debug)]
pub struct Milestone {
    /// Keeps the calendar event's UID when the name changes.
    pub id: Option<String>,
    pub name: String,
    pub due: NaiveDate,
    pub owner: Option<String>,
    pub done: bool,
    pub span: Span,
    /// Its `due` or `days_before_start`, for `milestone-late`.
    pub due_span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Idea,
    Draft,
    Review,
    Approved,
    Scheduled,
    Published,
    Cancelled,
}

impl Status {
    pub const ALL: [(&'static str, Status); 7] = [
        ("idea", Status::Idea),
        ("draft", Status::Draft),
        ("review", Status::Review),
        ("approved", Status::Approved),
        ("scheduled", Status::Scheduled),
        ("published", Status::Published),
        ("cancelled", Status::Cancelled),
    ];

    pub fn name(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("?", |(n, _)| *n)
    }

    /// `approved`, `scheduled` or `published`: the lead said yes.
    pub fn is_approved(self) -> bool {
        matches!(
            self,
            Status::Approved | Status::Scheduled | Status::Published
        )
    }
}

/// A local wall-clock time in the calendar's zone, and the instant it names.
/// Built only for times that exist exactly once (see `zone`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalTime {
    pub local: NaiveDateTime,
    pub instant: DateTime<Tz>,
}

/// When a post goes out, as the file says it.
#[derive(Debug, Clone, PartialEq)]
pub enum Timing {
    /// No time: within the campaign's dates, or in the backlog.
    Open,
    At(Located<LocalTime>),
    On(Located<NaiveDate>),
    /// Both days included.
    Between(Located<(NaiveDate, NaiveDate)>),
}

#[derive(Debug, Clone)]
pub struct Approval {
    pub by: String,
    pub on: NaiveDate,
    pub digest: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Day,
    Week,
    Month,
    Year,
}

/// What a repetition does when it falls on a closed day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnClosed {
    #[default]
    Skip,
    Before,
    After,
}

#[derive(Debug, Clone)]
pub struct Repeat {
    pub every: Every,
    pub interval: u32,
    pub end: RepeatEnd,
    pub except: Vec<NaiveDate>,
    pub on_closed: OnClosed,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatEnd {
    Until(NaiveDate),
    Count(u32),
}

#[derive(Debug, Clone)]
pub struct Media {
    /// A path relative to the calendar folder, or a URL.
    pub file: Located<String>,
    pub alt: Option<String>,
    pub people: bool,
    pub consent: Option<Located<String>>,
    /// A `consent` was written but names nothing (already reported as
    /// `unknown-consent`, so `missing-consent` stays quiet).
    pub consent_unresolved: bool,
    pub span: Span,
}

impl Media {
    pub fn is_url(&self) -> bool {
        is_url(&self.file.value)
    }
}

pub fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// What one channel publishes differently.
#[derive(Debug, Clone, Default)]
pub struct Variant {
    pub text: Option<Located<String>>,
    pub link: Option<String>,
    /// Where `link` is written.
    pub link_span: Option<Span>,
    pub hashtags: Option<Vec<String>>,
    pub media: Option<Vec<Media>>,
    pub at: Option<Located<LocalTime>>,
    pub span: Option<Span>,
}

/// A repeating post's own content for one date (`[[post.occurrence]]`):
/// what that occurrence publishes instead of the variant's or the post's,
/// or `skip` (the occurrence is not published at all).
#[derive(Debug, Clone)]
pub struct OwnOccurrence {
    /// The occurrence's date (as in its id, after an `on_closed` move).
    pub on: NaiveDate,
    pub skip: bool,
    pub text: Option<Located<String>>,
    pub link: Option<String>,
    /// Where `link` is written.
    pub link_span: Option<Span>,
    pub media: Option<Vec<Media>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Post {
    pub id: Located<String>,
    pub title: String,
    /// Where `title` is written (the post's header when it is missing).
    pub title_span: Span,
    pub campaign: Option<String>,
    pub themes: Vec<String>,
    /// Channel ids, each once, in the order written.
    pub channels: Vec<Located<String>>,
    pub status: Located<Status>,
    pub owner: Option<String>,
    pub created: Option<NaiveDate>,
    pub approval: Option<Approval>,
    pub medical_review: Option<Approval>,
    pub timing: Timing,
    pub repeat: Option<Repeat>,
    pub text: Option<Located<String>>,
    pub link: Option<String>,
    /// Where `link` is written.
    pub link_span: Option<Span>,
    pub hashtags: Vec<String>,
    pub media: Vec<Media>,
    /// By channel id; only for channels the post targets. Boxed: a B-tree
    /// leaf holds room for eleven values, and most posts have one variant
    /// or two (2.6 KB a post unboxed).
    pub variants: BTreeMap<String, Box<Variant>>,
    /// The post's thread (`[[post.note]]`), in the order written.
    pub notes: Vec<Note>,
    /// By channel id (`[post.published.<channel>]`): where and when each
    /// channel published it; only for channels the post targets.
    pub published: BTreeMap<String, Publication>,
    pub span: Span,
    /// A repeating post's own dates (`[[post.occurrence]]`), sorted by
    /// date, each date once, each one of the post's occurrence dates.
    pub occurrences: Vec<OwnOccurrence>,
}

/// One dated entry of a post's thread: a remark, or why it was sent back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub by: String,
    pub on: NaiveDate,
    pub text: String,
    pub span: Span,
}

/// Where a channel published a post: the public URL (what analytics exports
/// are matched by) and the local time it went out, when known.
#[derive(Debug, Clone)]
pub struct Publication {
    /// Absent when it was recorded from an export that gives no link.
    pub url: Option<String>,
    pub at: Option<NaiveDateTime>,
    pub span: Span,
}

impl Post {
    /// The own content of the occurrence on `date` (`None` for a post that
    /// does not repeat, or a date without `[[post.occurrence]]`).
    pub fn own(&self, date: Option<NaiveDate>) -> Option<&OwnOccurrence> {
        let date = date?;
        self.occurrences
            .binary_search_by_key(&date, |o| o.on)
            .ok()
            .map(|i| &self.occurrences[i])
    }

    /// Whether the occurrence on `date` is skipped (`skip = true`).
    pub fn skips(&self, date: Option<NaiveDate>) -> bool {
        self.own(date).is_some_and(|o| o.skip)
    }

    /// The media of one channel on one occurrence: the occurrence's own,
    /// else [`media_for`](Self::media_for).
    pub fn media_on(&self, channel: &str, date: Option<NaiveDate>) -> &[Media] {
        self.own(date)
            .and_then(|o| o.media.as_deref())
            .unwrap_or_else(|| self.media_for(channel))
    }

    /// The time of the post on one channel: its variant's `at`, else the post's.
    pub fn at(&self, channel: &str) -> Option<&Located<LocalTime>> {
        self.variants
            .get(channel)
            .and_then(|v| v.at.as_ref())
            .or(match &self.timing {
                Timing::At(at) => Some(at),
                _ => None,
            })
    }

    /// The media a channel publishes: its variant's, else the post's.
    pub fn media_for(&self, channel: &str) -> &[Media] {
        self.variants
            .get(channel)
            .and_then(|v| v.media.as_deref())
            .unwrap_or(&self.media)
    }

    /// Every media of the post, variants and own occurrences included.
    pub fn all_media(&self) -> impl Iterator<Item = &Media> {
        self.media
            .iter()
            .chain(
                self.variants
                    .values()
                    .flat_map(|v| v.media.iter().flatten()),
            )
            .chain(
                self.occurrences
                    .iter()
                    .flat_map(|o| o.media.iter().flatten()),
            )
    }

    pub fn channel_ids(&self) -> impl Iterator<Item = &str> {
        self.channels.iter().map(|c| c.value.as_str())
    }

    /// The post's notes (`[[post.note]]`), oldest first; plans show them.
    /// None until the calendar format has notes: this accessor is the one
    /// place that reads them.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }
}

impl Post {
    /// The days a pair can go out on, both included: its fixed day, its
    /// `on` or `between`, else its campaign's dates, else from `today` on
    /// (`None` as the end: no end is known).
    pub fn window(
        &self,
        channel: &str,
        calendar: &Calendar,
        today: NaiveDate,
    ) -> (NaiveDate, Option<NaiveDate>) {
        if let Some(at) = self.at(channel) {
            let day = at.value.local.date();
            return (day, Some(self.last_day(day)));
        }
        match &self.timing {
            Timing::On(on) => (on.value, Some(on.value)),
            Timing::Between(b) => (b.value.0, Some(b.value.1)),
            _ => match self
                .campaign
                .as_ref()
                .and_then(|c| calendar.campaigns.get(c))
            {
                Some(campaign) => (campaign.start, Some(campaign.end)),
                None => (today, None),
            },
        }
    }

    /// The last day a repetition starting on `first` can reach.
    fn last_day(&self, first: NaiveDate) -> NaiveDate {
        match &self.repeat {
            None => first,
            Some(repeat) => match repeat.end {
                RepeatEnd::Until(until) => until.max(first),
                RepeatEnd::Count(_) => NaiveDate::MAX,
            },
        }
    }
}

impl Calendar {
    /// The first medical theme of `post` (in theme id order) that names its
    /// `reviewers` without `physician`: the theme that bars that physician
    /// from reviewing the post. `None` when they may review it.
    pub fn theme_barring(&self, post: &Post, physician: &str) -> Option<&Theme> {
        self.themes.values().find(|t| {
            post.themes.contains(&t.id)
                && t.medical_review
                && !t.reviewers.is_empty()
                && !t.reviewers.iter().any(|r| r == physician)
        })
    }

    /// The members with `role`, for messages: `` `lead`, `camille` `` (or
    /// "none in edcal.toml").
    pub fn members_with(&self, role: Role) -> String {
        members_with(&self.team, role)
    }

    /// The member a person most likely meant by `word` (`--by claire`):
    /// a close typo of an id, else the one member whose id has `word` as a
    /// `-`-separated part (`claire-lead`) or whose name starts with it
    /// (`Claire Martin`), case and accents aside.
    pub fn member_hint(&self, word: &str) -> Option<&str> {
        let ids = self.team.keys().map(String::as_str);
        if let Some(close) = crate::raw::closest(word, ids) {
            return Some(close);
        }
        let word = word.trim().to_lowercase();
        if word.is_empty() {
            return None;
        }
        let mut found = self.team.values().filter(|m| {
            m.id.split('-').any(|part| part == word)
                || m.name
                    .to_lowercase()
                    .split_whitespace()
                    .next()
                    .is_some_and(|first| first == word)
                || m.name.to_lowercase() == word
        });
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one.id.as_str()),
            _ => None,
        }
    }
}

/// The members of `team` with `role`, for messages: `` `lead`, `camille` ``
/// (or "none in edcal.toml"); also used while resolving, before there is a
/// [`Calendar`].
pub fn members_with(team: &BTreeMap<String, Member>, role: Role) -> String {
    let ids: Vec<String> = team
        .values()
        .filter(|m| m.role == role)
        .map(|m| format!("`{}`", m.id))
        .collect();
    if ids.is_empty() {
        "none in edcal.toml".to_owned()
    } else {
        ids.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    /// A pair as a comparable key: post, channel, local time, occurrence.
    fn key(
        f: &crate::occurrence::Fixed<'_>,
    ) -> (String, String, chrono::NaiveDateTime, Option<NaiveDate>) {
        (
            f.post.id.value.clone(),
            f.channel.to_owned(),
            f.time.local,
            f.occurrence,
        )
    }

    #[test]
    fn a_member_is_found_by_a_part_of_the_id_or_the_first_name() {
        let checked = crate::testing::checked(
            &[(
                "edcal.toml",
                "[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\n\
                 [team.claire-lead]\nname = \"Claire Martin\"\nrole = \"lead\"\n\
                 [team.dr-castel]\nname = \"Hélène Castel\"\nrole = \"physician\"\n\
                 [team.dr-marty]\nname = \"Pierre Marty\"\nrole = \"physician\"\n",
            )],
            "2026-10-01",
        );
        let hint = |word| checked.calendar.member_hint(word);
        assert_eq!(hint("claire"), Some("claire-lead"));
        assert_eq!(hint("Claire"), Some("claire-lead"));
        assert_eq!(hint("hélène"), Some("dr-castel"));
        assert_eq!(hint("castel"), Some("dr-castel"));
        assert_eq!(hint("claire-led"), Some("claire-lead"));
        // Two physicians: `dr` names neither.
        assert_eq!(hint("dr"), None);
        assert_eq!(hint("bob"), None);
    }

    #[test]
    fn fixed_within_is_fixed_filtered_to_the_days() {
        // The example calendar: a weekly repeat, variants with their own
        // time, cancelled posts, and pairs on every day of October 2026.
        let calendar = crate::load::load(std::path::Path::new("calendar"))
            .unwrap()
            .calendar;
        let all = calendar.fixed();
        let mut weeks_with_pairs = 0;
        let mut monday = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        while monday < NaiveDate::from_ymd_opt(2027, 4, 5).unwrap() {
            let days = monday..=monday + Duration::days(6);
            let expected: Vec<_> = all
                .iter()
                .filter(|f| days.contains(&f.time.local.date()))
                .map(key)
                .collect();
            let within: Vec<_> = calendar.fixed_within(days).iter().map(key).collect();
            assert_eq!(within, expected, "week of {monday}");
            weeks_with_pairs += usize::from(!expected.is_empty());
            monday += Duration::days(7);
        }
        assert!(weeks_with_pairs > 10, "{weeks_with_pairs} weeks with pairs");
    }
}
