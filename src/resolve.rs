//! From the raw files to the checked model.
//!
//! `resolve` interprets every raw value (enums, ids, zones, slots, windows,
//! local times) and resolves every reference, reporting what fails as
//! `invalid-value`, `unknown-*`, `duplicate-id`, `bad-window`,
//! `timing-conflict`, `nonexistent-time` or `ambiguous-time`. What fails is
//! left out of the model, so that the rules and commands downstream never
//! meet a dangling reference or an impossible time.

mod post;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use social_text::network::Network;

use crate::diagnostic::Diagnostic;
use crate::model::{
    AudienceKind, Calendar, Campaign, Channel, ChannelSpans, Consent, ExportFormat, Freeze,
    HolidayRegion, Language, Member, Milestone, PerWeek, Period, Role, Rules, Settings, Slot,
    Theme,
};
use crate::raw::{self, DayOrTime, Located, closest};
use crate::rules::Code;
use crate::source::Span;

/// The raw content of a calendar folder but its posts, which are resolved
/// file by file ([`FilePosts`], [`join_posts`]).
#[derive(Debug, Default)]
pub struct RawCalendar<'a> {
    pub settings: raw::Settings<'a>,
    pub channels: Vec<raw::Channel<'a>>,
    pub consents: Vec<raw::Consent<'a>>,
    pub campaigns: Vec<raw::Campaign<'a>>,
}

pub use post::{FilePosts, join_posts};

/// Builds the model without its posts, reporting into `diagnostics`.
pub fn resolve(raw: RawCalendar<'_>, diagnostics: &mut Vec<Diagnostic>) -> Calendar {
    let mut r = Resolver { diagnostics };
    let settings = r.settings(&raw.settings);
    let team = r.team(&raw.settings.team);
    let themes = r.themes(&raw.settings.themes, &team);
    let awareness = raw
        .settings
        .awareness
        .iter()
        .filter_map(|a| {
            let name = a.name.as_ref()?;
            let from = a.from.as_ref()?;
            r.period(name.value.to_owned(), from, a.to.as_ref(), a.span)
        })
        .collect();
    let rules = r.rules(&raw.settings.rules, &themes);
    let channels = r.channels(raw.channels);
    let mut calendar = Calendar {
        settings,
        team,
        themes,
        awareness,
        rules,
        channels,
        consents: BTreeMap::new(),
        campaigns: BTreeMap::new(),
        posts: Vec::new(),
        left_out: Vec::new(),
        media_sha256: None,
    };
    calendar.campaigns = r.campaigns(raw.campaigns, &calendar);
    calendar.consents = r.consents(raw.consents, &calendar);
    calendar
}

pub(crate) struct Resolver<'d> {
    pub diagnostics: &'d mut Vec<Diagnostic>,
}

/// `[a-z0-9-]+`, the shape of every id.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The most `lead_in_days` and `follow_up_days` may be.
const MAX_CAMPAIGN_DAYS: u32 = 366;

/// Names people write for a value that has another name here: the key, what
/// they write (lowercase), the name, and why.
const ALIASES: &[(&str, &str, &str, &str)] = &[
    ("network", "twitter", "x", "Twitter is now X"),
    ("network", "twitter.com", "x", "Twitter is now X"),
    (
        "network",
        "x.com",
        "x",
        "networks are named without their domain",
    ),
    ("network", "fb", "facebook", "networks are named in full"),
    ("network", "ig", "instagram", "networks are named in full"),
    (
        "network",
        "insta",
        "instagram",
        "networks are named in full",
    ),
    ("network", "yt", "youtube", "networks are named in full"),
    ("network", "bsky", "bluesky", "networks are named in full"),
    ("network", "scoop.it", "scoopit", "written without the dot"),
    ("network", "linked-in", "linkedin", "written in one word"),
    ("network", "tik-tok", "tiktok", "written in one word"),
];

impl Resolver<'_> {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn invalid(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(Code::InvalidValue, span, message));
    }

    /// Checks the shape of an id, reporting it when wrong.
    pub fn id(&mut self, what: &str, id: &Located<&str>) -> bool {
        if is_id(id.value) {
            return true;
        }
        self.push(
            Diagnostic::new(
                Code::InvalidValue,
                id.span,
                format!("invalid {what} id `{}`", id.value),
            )
            .help("ids use lowercase letters, digits and `-` only, e.g. `octobre-rose-2026`"),
        );
        false
    }

    /// An enum value from its name, or `invalid-value` listing the names.
    pub fn choice<T: Copy>(
        &mut self,
        key: &str,
        value: &Located<&str>,
        all: &[(&'static str, T)],
    ) -> Option<T> {
        if let Some((_, v)) = all.iter().find(|(name, _)| *name == value.value) {
            return Some(*v);
        }
        let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::new(
            Code::InvalidValue,
            value.span,
            format!("invalid {key} `{}`", value.value),
        )
        .help(format!("`{key}` is one of {}", list(&names)));
        let lower = value.value.trim().to_lowercase();
        if let Some(&(_, _, name, why)) = ALIASES
            .iter()
            .find(|(k, alias, _, _)| *k == key && *alias == lower)
        {
            d = d.label(format!("did you mean `{name}`? ({why})"));
        } else if let Some(same) = names.iter().find(|n| **n == lower) {
            d = d.label(format!("did you mean `{same}`?"));
        } else if let Some(close) = closest(&lower, names.iter().copied()) {
            d = d.label(format!("did you mean `{close}`?"));
        }
        self.push(d);
        None
    }

    /// A period of days, checked to not end before it starts.
    pub fn period(
        &mut self,
        name: String,
        from: &Located<NaiveDate>,
        to: Option<&Located<NaiveDate>>,
        span: Span,
    ) -> Option<Period> {
        let to_value = to.map_or(from.value, |t| t.value);
        if to_value < from.value {
            self.bad_window(
                from.span,
                to.map_or(from.span, |t| t.span),
                from.value,
                to_value,
            );
            return None;
        }
        Some(Period {
            name,
            from: from.value,
            to: to_value,
            span,
        })
    }

    pub fn bad_window(
        &mut self,
        from: Span,
        to: Span,
        start: impl std::fmt::Display,
        end: impl std::fmt::Display,
    ) {
        self.push(
            Diagnostic::new(
                Code::BadWindow,
                to,
                format!("the period ends on {end}, before it starts on {start}"),
            )
            .label("ends before it starts")
            .note(from, "starts here"),
        );
    }

    fn settings(&mut self, raw: &raw::Settings) -> Settings {
        let tz = raw
            .timezone
            .as_ref()
            .and_then(|tz| match tz.value.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let mut d = Diagnostic::new(
                        Code::InvalidValue,
                        tz.span,
                        format!("unknown time zone `{}`", tz.value),
                    )
                    .help("use an IANA zone name, e.g. `Europe/Paris`");
                    if let Some(close) =
                        closest(tz.value, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()))
                    {
                        d = d.label(format!("did you mean `{close}`?"));
                    }
                    self.push(d);
                    None
                }
            });
        let language = raw
            .language
            .as_ref()
            .and_then(|l| self.choice("language", l, &[("fr", Language::Fr), ("en", Language::En)]))
            .unwrap_or(Language::Fr);
        let holidays = raw
            .holidays
            .as_ref()
            .and_then(|h| {
                self.choice(
                    "holidays",
                    h,
                    &[("FR", HolidayRegion::Fr), ("none", HolidayRegion::None)],
                )
            })
            .unwrap_or(HolidayRegion::Fr);
        Settings {
            name: raw
                .name
                .as_ref()
                .map(|n| n.value.to_owned())
                .unwrap_or_default(),
            // Without a valid zone, times are read as UTC so that every other
            // finding still shows; the zone's own finding is already reported.
            tz: tz.unwrap_or(Tz::UTC),
            language,
            holidays,
            awareness: raw.awareness_builtin.as_ref().is_none_or(|a| a.value),
            media_base_url: raw.media_base_url.as_ref().and_then(|u| self.base_url(u)),
            utm: raw.utm.as_ref().map(|keys| {
                keys.each_ref()
                    .map(|k| k.as_ref().and_then(|t| self.utm_template(t)))
            }),
        }
    }

    /// A `[export.utm]` template: text with `{network}`, `{channel}`,
    /// `{campaign}` and `{post}` as the only placeholders.
    fn utm_template(&mut self, template: &Located<&str>) -> Option<String> {
        let mut rest = template.value;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let name = after.split('}').next().unwrap_or(after);
            if !after.contains('}') || !crate::publish::UTM_FIELDS.contains(&name) {
                self.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        template.span,
                        format!("`{{{name}}}` is not a placeholder of a UTM template"),
                    )
                    .label("unknown placeholder")
                    .help("use `{network}`, `{channel}`, `{campaign}` or `{post}`"),
                );
                return None;
            }
            rest = &after[name.len() + 1..];
        }
        Some(template.value.to_owned())
    }

    /// A `media_base_url`: an `https://` URL ending with `/`, to which the
    /// path of a file under `media/` is appended.
    fn base_url(&mut self, url: &Located<&str>) -> Option<String> {
        let v = url.value;
        let host = v.strip_prefix("https://").unwrap_or_default();
        if !host.is_empty()
            && !host.starts_with('/')
            && v.ends_with('/')
            && !v.contains(['?', '#', ' '])
        {
            return Some(v.to_owned());
        }
        self.push(
            Diagnostic::new(
                Code::InvalidValue,
                url.span,
                format!("`media_base_url` `{v}` is not an https:// URL ending with `/`"),
            )
            .label("not a base URL")
            .help("write the public address of the `media/` folder, e.g. `https://media.clinique.example/edcal/`"),
        );
        None
    }

    fn team(&mut self, raw: &[(Located<&str>, raw::Member<'_>)]) -> BTreeMap<String, Member> {
        let mut team = BTreeMap::new();
        for (id, member) in raw {
            let role = member
                .role
                .as_ref()
                .and_then(|role| self.choice("role", role, &Role::ALL));
            if !self.id("member", id) {
                continue;
            }
            let Some(role) = role else { continue };
            team.insert(
                id.value.to_owned(),
                Member {
                    id: id.value.to_owned(),
                    name: member
                        .name
                        .as_ref()
                        .map_or_else(|| id.value.to_owned(), |n| n.value.to_owned()),
                    role,
                    email: member.email.as_ref().map(|e| e.value.trim().to_owned()),
                    span: member.span,
                },
            );
        }
        team
    }

    /// A theme's `reviewers`: members who are physicians, each reported
    /// otherwise.
    fn reviewers(
        &mut self,
        theme: &raw::Theme<'_>,
        team: &BTreeMap<String, Member>,
    ) -> Vec<String> {
        let mut reviewers: Vec<String> = Vec::new();
        for name in theme.reviewers.iter().flat_map(|r| &r.value) {
            let Some(member) = team.get(name.value) else {
                let d = unknown(
                    Code::UnknownMember,
                    "member",
                    name,
                    team.keys().map(String::as_str),
                    "edcal.toml",
                );
                self.push(d);
                continue;
            };
            if member.role != Role::Physician {
                self.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        name.span,
                        format!(
                            "reviewer `{}` is {}, and only a physician reviews",
                            member.id,
                            member.role.with_article()
                        ),
                    )
                    .label("not a physician")
                    .help(format!(
                        "`reviewers` lists physicians (`role = \"physician\"`): {}",
                        crate::model::members_with(team, Role::Physician)
                    )),
                );
                continue;
            }
            if !reviewers.contains(&member.id) {
                reviewers.push(member.id.clone());
            }
        }
        reviewers
    }

    fn themes(
        &mut self,
        raw: &[(Located<&str>, raw::Theme<'_>)],
        team: &BTreeMap<String, Member>,
    ) -> BTreeMap<String, Theme> {
        let mut themes = BTreeMap::new();
        for (id, theme) in raw {
            if let Some(share) = &theme.share
                && share.value > 1.0
            {
                self.invalid(
                    share.span,
                    format!(
                        "`share` is a fraction of all posts, between 0 and 1, found {}",
                        share.value
                    ),
                );
            }
            let reviewers = self.reviewers(theme, team);
            if let Some(list) = &theme.reviewers
                && !theme.medical_review.as_ref().is_some_and(|m| m.value)
            {
                self.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        list.span,
                        format!(
                            "theme `{}` names `reviewers` but does not need a medical review",
                            id.value
                        ),
                    )
                    .label("reviewers of a theme nobody reviews")
                    .help("add `medical_review = true` to the theme, or remove `reviewers`"),
                );
            }
            if !self.id("theme", id) {
                continue;
            }
            themes.insert(
                id.value.to_owned(),
                Theme {
                    id: id.value.to_owned(),
                    label: theme
                        .label
                        .as_ref()
                        .map_or_else(|| id.value.to_owned(), |l| l.value.to_owned()),
                    share: theme.share.as_ref().map(|s| s.value).filter(|s| *s <= 1.0),
                    medical_review: theme.medical_review.as_ref().is_some_and(|m| m.value),
                    reviewers,
                    reviewers_span: theme.reviewers.as_ref().map(|r| r.span),
                },
            );
        }
        themes
    }

    fn rules(&mut self, raw: &raw::Rules, themes: &BTreeMap<String, Theme>) -> Rules {
        let mut allow = Vec::new();
        for code in raw.allow.iter().flat_map(|a| &a.value) {
            if let Some(known) = Code::from_name(code.value) {
                allow.push(known);
            } else {
                let mut d = Diagnostic::new(
                    Code::InvalidValue,
                    code.span,
                    format!("unknown rule code `{}`", code.value),
                )
                .help("`edcal explain` lists the rule codes");
                if let Some(close) = closest(code.value, Code::names()) {
                    d = d.label(format!("did you mean `{close}`?"));
                }
                self.push(d);
            }
        }
        let blackouts = raw
            .blackouts
            .iter()
            .filter_map(|b| {
                let from = b.from.as_ref()?;
                let why = b
                    .why
                    .as_ref()
                    .map(|w| w.value.to_owned())
                    .unwrap_or_default();
                self.period(why, from, b.to.as_ref(), b.span)
            })
            .collect();
        let freezes = raw
            .freezes
            .iter()
            .filter_map(|f| {
                for theme in f.allow_themes.iter().flat_map(|t| &t.value) {
                    if !themes.contains_key(theme.value) {
                        let d = unknown(
                            Code::UnknownTheme,
                            "theme",
                            theme,
                            themes.keys().map(String::as_str),
                            "edcal.toml",
                        );
                        self.push(d);
                    }
                }
                let (from, to) = (f.from.as_ref()?, f.to.as_ref()?);
                // A day as `from` starts at its midnight; a day as `to`
                // includes that whole day.
                let start = match from.value {
                    DayOrTime::Day(d) => d.and_time(NaiveTime::MIN),
                    DayOrTime::Time(t) => t,
                };
                let end = match to.value {
                    DayOrTime::Day(d) => d.succ_opt().unwrap_or(d).and_time(NaiveTime::MIN),
                    DayOrTime::Time(t) => t,
                };
                if end <= start {
                    self.bad_window(from.span, to.span, start, end);
                    return None;
                }
                Some(Freeze {
                    from: start,
                    to: end,
                    why: f
                        .why
                        .as_ref()
                        .map(|w| w.value.to_owned())
                        .unwrap_or_default(),
                    allow_themes: f
                        .allow_themes
                        .iter()
                        .flat_map(|t| &t.value)
                        .filter(|t| themes.contains_key(t.value))
                        .map(|t| t.value.to_owned())
                        .collect(),
                    span: f.span,
                })
            })
            .collect();
        Rules {
            approve_days_before: raw.approve_days_before.as_ref().map_or(2, |a| a.value),
            sealed_approvals: raw.sealed_approvals.as_ref().is_some_and(|s| s.value),
            allow,
            risky_phrases: raw
                .risky_phrases
                .iter()
                .flat_map(|p| &p.value)
                .filter(|p| !p.value.trim().is_empty())
                .map(|p| p.value.to_owned())
                .collect(),
            blackouts,
            freezes,
        }
    }

    fn channels(&mut self, raw: Vec<raw::Channel>) -> BTreeMap<String, Channel> {
        let mut channels = BTreeMap::new();
        for c in raw {
            let before = self.diagnostics.len();
            let channel = self.channel(c);
            // What resolving a channel found blocks that channel only.
            for d in &mut self.diagnostics[before..] {
                d.channel.get_or_insert_with(|| channel.0.clone());
            }
            if let (id, Some(channel)) = channel {
                channels.insert(id, channel);
            }
        }
        channels
    }

    /// One channel: its id, and the channel when it resolves.
    fn channel(&mut self, c: raw::Channel) -> (String, Option<Channel>) {
        {
            let network = c
                .network
                .as_ref()
                .and_then(|n| self.choice("network", n, &Network::ALL));
            let audience_kind = c
                .audience_kind
                .as_ref()
                .and_then(|k| self.choice("audience_kind", k, &AudienceKind::ALL));
            let export = c
                .export
                .as_ref()
                .and_then(|e| self.choice("export", e, &ExportFormat::ALL));
            let media_base_url = c.media_base_url.as_ref().and_then(|u| self.base_url(u));
            let mut per_week = PerWeek::default();
            let mut spans = ChannelSpans::default();
            if let Some(w) = &c.posts_per_week {
                per_week.min = w.min.as_ref().map(|m| m.value);
                per_week.max = w.max.as_ref().map(|m| m.value);
                spans.per_week_max = w.max.as_ref().map(|m| m.span);
                spans.per_week_min = w.min.as_ref().map(|m| m.span);
                spans.per_week = Some(w.span);
                if let (Some(min), Some(max)) = (&w.min, &w.max)
                    && min.value > max.value
                {
                    self.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            w.span,
                            format!(
                                "`posts_per_week` has `min` {} above `max` {}",
                                min.value, max.value
                            ),
                        )
                        .label("min above max"),
                    );
                }
            }
            spans.max_per_day = c.max_per_day.as_ref().map(|m| m.span);
            spans.min_gap = c.min_gap_hours.as_ref().map(|m| m.span);
            let slots = c
                .slots
                .iter()
                .flat_map(|s| &s.value)
                .filter_map(|slot| match parse_slot(slot.value) {
                    Some(s) => Some(s),
                    None => {
                        self.push(
                            Diagnostic::new(
                                Code::InvalidValue,
                                slot.span,
                                format!("invalid slot `{}`", slot.value),
                            )
                            .help(SLOT_FORMS),
                        );
                        None
                    }
                })
                .collect();
            let id = c.id.value.to_owned();
            if !self.id("channel", &c.id) {
                return (id, None);
            }
            let Some(network) = network else {
                return (id, None);
            };
            (
                id,
                Some(Channel {
                    id: c.id.value.to_owned(),
                    network,
                    account: c.account.map(|a| a.value.to_owned()),
                    audience: c.audience.map(|a| a.value.to_owned()),
                    audience_kind: audience_kind.unwrap_or(AudienceKind::General),
                    posts_per_week: per_week,
                    max_per_day: c.max_per_day.map(|m| m.value),
                    min_gap_minutes: c.min_gap_hours.map(|h| (h.value * 60.0).round() as u32),
                    slots,
                    export,
                    media_base_url,
                    span: c.span,
                    spans,
                }),
            )
        }
    }

    fn consents(
        &mut self,
        raw: Vec<raw::Consent>,
        calendar: &Calendar,
    ) -> BTreeMap<String, Consent> {
        let mut consents = BTreeMap::new();
        for c in raw {
            let networks = c
                .networks
                .iter()
                .flat_map(|n| &n.value)
                .filter_map(|n| self.choice("network", n, &Network::ALL))
                .collect();
            let campaign = c.campaign.as_ref().and_then(|campaign| {
                if calendar.campaigns.contains_key(campaign.value) {
                    Some(campaign.value.to_owned())
                } else {
                    let d = unknown(
                        Code::UnknownCampaign,
                        "campaign",
                        campaign,
                        calendar.campaigns.keys().map(String::as_str),
                        "campaigns/",
                    );
                    self.push(d);
                    None
                }
            });
            if !self.id("consent", &c.id) {
                continue;
            }
            consents.insert(
                c.id.value.to_owned(),
                Consent {
                    id: c.id.value.to_owned(),
                    who: c.who.map(|w| w.value.to_owned()).unwrap_or_default(),
                    record: c.record.map(|r| r.value.to_owned()),
                    networks,
                    campaign,
                    until: c.until.map(|u| u.value),
                    minor: c.minor.is_some_and(|m| m.value),
                    withdrawn: c.withdrawn.map(|w| w.value),
                    span: c.span,
                },
            );
        }
        consents
    }

    fn campaigns(
        &mut self,
        raw: Vec<raw::Campaign>,
        calendar: &Calendar,
    ) -> BTreeMap<String, Campaign> {
        let mut campaigns: BTreeMap<String, Campaign> = BTreeMap::new();
        for c in raw {
            let channels: Vec<String> = self
                .channel_refs(c.channels.iter().flat_map(|c| &c.value), calendar)
                .into_iter()
                .map(str::to_owned)
                .collect();
            let mut targets = BTreeMap::new();
            let mut target_spans = BTreeMap::new();
            for (channel, count) in &c.targets {
                if calendar.channels.contains_key(channel.value)
                    && !channels.iter().any(|c| c == channel.value)
                {
                    let mut d = Diagnostic::new(
                        Code::InvalidValue,
                        channel.span,
                        format!(
                            "a target on `{}`, which the campaign does not use",
                            channel.value
                        ),
                    )
                    .label("not in the campaign's `channels`")
                    .help(format!(
                        "add `{}` to the campaign's `channels`, or remove the target",
                        channel.value
                    ));
                    if let Some(list) = &c.channels {
                        d = d.note(list.span, "the campaign's channels");
                    }
                    self.push(d);
                } else if calendar.channels.contains_key(channel.value) {
                    targets.insert(channel.value.to_owned(), count.value);
                    target_spans.insert(channel.value.to_owned(), count.span);
                } else {
                    let d = unknown(
                        Code::UnknownChannel,
                        "channel",
                        channel,
                        calendar.channels.keys().map(String::as_str),
                        "channels.toml",
                    );
                    self.push(d);
                }
            }
            let (Some(id), Some(start), Some(end)) = (&c.id, &c.start, &c.end) else {
                continue;
            };
            if !self.id("campaign", id) {
                continue;
            }
            if end.value < start.value {
                self.bad_window(start.span, end.span, start.value, end.value);
                continue;
            }
            let milestones = c
                .milestones
                .iter()
                .filter_map(|m| self.milestone(m, start.value, calendar))
                .collect();
            if let Some(first) = campaigns.get(id.value) {
                self.push(duplicate("campaign", id, first.span));
                continue;
            }
            campaigns.insert(
                id.value.to_owned(),
                Campaign {
                    id: id.value.to_owned(),
                    name: c
                        .name
                        .as_ref()
                        .map(|n| n.value.to_owned())
                        .unwrap_or_default(),
                    start: start.value,
                    end: end.value,
                    channels,
                    hashtags: c
                        .hashtags
                        .iter()
                        .flat_map(|h| &h.value)
                        .filter_map(|h| self.hashtag(h))
                        .collect(),
                    targets,
                    target_spans,
                    milestones,
                    span: id.span,
                    lead_in_days: self.campaign_days("lead_in_days", c.lead_in_days.as_ref()),
                    follow_up_days: self.campaign_days("follow_up_days", c.follow_up_days.as_ref()),
                },
            );
        }
        campaigns
    }

    /// A campaign's `lead_in_days` or `follow_up_days`: up to a year, the
    /// longest a campaign's teasers or thanks reach; 0 when absent or
    /// refused.
    fn campaign_days(&mut self, key: &str, days: Option<&Located<u32>>) -> u32 {
        let Some(days) = days else { return 0 };
        if days.value > MAX_CAMPAIGN_DAYS {
            self.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    days.span,
                    format!(
                        "`{key}` is {}, over a year ({MAX_CAMPAIGN_DAYS} days)",
                        days.value
                    ),
                )
                .help(format!(
                    "`{key}` is a number of days from 0 to {MAX_CAMPAIGN_DAYS}"
                )),
            );
            return 0;
        }
        days.value
    }

    fn milestone(
        &mut self,
        m: &raw::Milestone,
        start: NaiveDate,
        calendar: &Calendar,
    ) -> Option<Milestone> {
        let owner = m.owner.as_ref().and_then(|o| self.member(o, calendar));
        let (due, due_span) = match (&m.due, &m.days_before_start) {
            (Some(due), None) => (due.value, due.span),
            (None, Some(days)) => (start - chrono::Days::new(days.value.into()), days.span),
            (Some(_), Some(days)) => {
                self.push(
                    Diagnostic::new(
                        Code::TimingConflict,
                        days.span,
                        "a milestone has both `due` and `days_before_start`",
                    )
                    .help("keep one of them"),
                );
                return None;
            }
            (None, None) => {
                self.push(
                    Diagnostic::new(
                        Code::MissingKey,
                        m.span,
                        "a milestone has neither `due` nor `days_before_start`",
                    )
                    .help("add `due = 2027-01-15` or `days_before_start = 30`"),
                );
                return None;
            }
        };
        let id =
            m.id.as_ref()
                .filter(|id| self.id("milestone", id))
                .map(|id| id.value.to_owned());
        Some(Milestone {
            id,
            name: m.name.as_ref()?.value.to_owned(),
            due,
            owner,
            done: m.done.as_ref().is_some_and(|d| d.value),
            span: m.span,
            due_span,
        })
    }

    /// Keeps the channels that exist, each once, reporting the others.
    pub fn channel_refs<'a, 'r: 'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a Located<&'r str>>,
        calendar: &Calendar,
    ) -> Vec<&'r str> {
        let mut kept: Vec<&str> = Vec::new();
        for name in names {
            if !calendar.channels.contains_key(name.value) {
                let d = unknown(
                    Code::UnknownChannel,
                    "channel",
                    name,
                    calendar.channels.keys().map(String::as_str),
                    "channels.toml",
                );
                self.push(d);
            } else if kept.contains(&name.value) {
                self.invalid(
                    name.span,
                    format!("channel `{}` is listed twice", name.value),
                );
            } else {
                kept.push(name.value);
            }
        }
        kept
    }

    /// A member reference, reported when it names nobody.
    pub fn member(&mut self, name: &Located<&str>, calendar: &Calendar) -> Option<String> {
        if calendar.team.contains_key(name.value) {
            return Some(name.value.to_owned());
        }
        let d = unknown(
            Code::UnknownMember,
            "member",
            name,
            calendar.team.keys().map(String::as_str),
            "edcal.toml",
        );
        self.push(d);
        None
    }

    /// A hashtag without its `#`; one with spaces or empty is invalid.
    pub fn hashtag(&mut self, tag: &Located<&str>) -> Option<String> {
        let bare = tag.value.strip_prefix('#').unwrap_or(tag.value);
        if bare.is_empty() || bare.chars().any(|c| c.is_whitespace() || c == '#') {
            self.invalid(tag.span, format!("invalid hashtag `{}`", tag.value));
            return None;
        }
        Some(bare.to_owned())
    }
}

/// Reports a reference to nothing, suggesting the closest id.
pub fn unknown<'a>(
    code: Code,
    kind: &str,
    name: &Located<&str>,
    ids: impl IntoIterator<Item = &'a str>,
    file: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(code, name.span, format!("unknown {kind} `{}`", name.value));
    d = match closest(name.value, ids) {
        Some(close) => d.label(format!("did you mean `{close}`?")),
        None => d.label(format!("no {kind} `{}` in {file}", name.value)),
    };
    d
}

/// `duplicate-id` at the second occurrence, pointing back at the first.
pub fn duplicate(kind: &str, id: &Located<impl std::fmt::Display>, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateId,
        id.span,
        format!("duplicate {kind} id `{}`", id.value),
    )
    .label("defined again here")
    .note(first, "first defined here")
    .help(format!("rename one of the two {kind}s"))
}

/// `` `a`, `b` or `c` ``.
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// The day names a slot may start with, in any case, with or without a
/// final `.`: English and French, short and long. The schema's slot pattern
/// is built from the same list.
pub const SLOT_DAYS: &[(&str, Weekday)] = &[
    ("mon", Weekday::Mon),
    ("monday", Weekday::Mon),
    ("lun", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("tuesday", Weekday::Tue),
    ("mar", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("wednesday", Weekday::Wed),
    ("mer", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("thursday", Weekday::Thu),
    ("jeu", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("friday", Weekday::Fri),
    ("ven", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("saturday", Weekday::Sat),
    ("sam", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sun", Weekday::Sun),
    ("sunday", Weekday::Sun),
    ("dim", Weekday::Sun),
    ("dimanche", Weekday::Sun),
];

/// What a refused slot's help says is accepted.
pub const SLOT_FORMS: &str = "a slot is a day and a 24-hour local time, e.g. `tue 12:30`, `Tue 9:30`, \
     `mardi 9:30` or `jeu 08:00`: days in English or French, short or whole, in any case \
     (`mon`…`sun`, `monday`…`sunday`, `lun`…`dim`, `lundi`…`dimanche`); times `H:MM` or `HH:MM`, \
     from `0:00` to `23:59`";

/// `"tue 12:30"`, and the other forms of [`SLOT_DAYS`] and `H:MM`.
pub fn parse_slot(s: &str) -> Option<Slot> {
    let (day, time) = s.trim().split_once(char::is_whitespace)?;
    let day = day.strip_suffix('.').unwrap_or(day).to_ascii_lowercase();
    let weekday = SLOT_DAYS.iter().find(|(name, _)| *name == day)?.1;
    let (h, m) = time.trim().split_once(':')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)?;
    Some(Slot { weekday, time })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_parse_weekday_and_24_hour_time() {
        let slot = parse_slot("tue 12:30").unwrap();
        assert_eq!(slot.weekday, Weekday::Tue);
        assert_eq!(slot.time, NaiveTime::from_hms_opt(12, 30, 0).unwrap());
        assert!(parse_slot("tue 24:00").is_none());
        assert!(parse_slot("tue").is_none());
        assert!(parse_slot("tue 9h30").is_none());
        assert!(parse_slot("tue 09:3").is_none());
        assert!(parse_slot("tue +9:30").is_none());
        assert!(parse_slot("mardo 12:30").is_none());
    }

    #[test]
    fn slots_take_french_and_english_days_in_any_case_and_one_digit_hours() {
        let tuesday_930 = Slot {
            weekday: Weekday::Tue,
            time: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
        };
        for slot in [
            "tue 09:30",
            "Tue 9:30",
            "TUE 09:30",
            "tuesday 9:30",
            "mardi 09:30",
            "Mardi 9:30",
            "mar 09:30",
            "mar. 9:30",
            "  tue   9:30 ",
        ] {
            assert_eq!(parse_slot(slot), Some(tuesday_930), "{slot}");
        }
        assert_eq!(parse_slot("jeu 08:00").unwrap().weekday, Weekday::Thu);
        assert_eq!(parse_slot("dim 0:00").unwrap().weekday, Weekday::Sun);
    }

    #[test]
    fn ids_are_lowercase_digits_and_dashes() {
        assert!(is_id("octobre-rose-2026"));
        assert!(!is_id("Octobre"));
        assert!(!is_id(""));
        assert!(!is_id("a_b"));
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(list(&["a"]), "`a`");
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
