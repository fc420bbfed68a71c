//! The raw layer: each calendar file as written, key for key, with spans.
//!
//! Types here mirror the files exactly (every key of the file formats, as
//! optional, typed TOML values) and nothing more: no value is interpreted yet
//! beyond its TOML type. Unknown keys, wrong TOML types and absent required
//! keys are reported while reading; `resolve` turns the result into the model.
//!
//! Strings borrow the file's syntax tree (`'a`) rather than copy it: the
//! loader resolves a file while its tree is alive, and the model copies only
//! what it keeps, so a 100,000-post archive is not copied twice on the way
//!.

mod fields;

use chrono::{NaiveDate, NaiveDateTime};
use toml::de::DeTable;

pub use fields::{Fields, Located, Name, Sink, Table, closest, iso_date};

use crate::source::Span;

type L<T> = Located<T>;

/// A moment written either as a day or as a local date-time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayOrTime {
    Day(NaiveDate),
    Time(NaiveDateTime),
}

/// `edcal.toml`.
#[derive(Debug, Default)]
pub struct Settings<'a> {
    /// Where `[calendar]` is, or the start of the file when it is absent.
    pub calendar_span: Option<Span>,
    pub name: Option<L<&'a str>>,
    pub timezone: Option<L<&'a str>>,
    pub language: Option<L<&'a str>>,
    pub holidays: Option<L<&'a str>>,
    pub awareness_builtin: Option<L<bool>>,
    pub team: Vec<(L<&'a str>, Member<'a>)>,
    pub themes: Vec<(L<&'a str>, Theme<'a>)>,
    pub awareness: Vec<Awareness<'a>>,
    pub rules: Rules<'a>,
    /// `[export] media_base_url`.
    pub media_base_url: Option<L<&'a str>>,
    /// `[export.utm]`: `source`, `medium`, `campaign`, `content`.
    pub utm: Option<[Option<L<&'a str>>; 4]>,
}

#[derive(Debug)]
pub struct Member<'a> {
    pub span: Span,
    pub name: Option<L<&'a str>>,
    pub role: Option<L<&'a str>>,
    pub email: Option<L<&'a str>>,
}

#[derive(Debug)]
pub struct Theme<'a> {
    pub span: Span,
    pub label: Option<L<&'a str>>,
    pub share: Option<L<f64>>,
    pub medical_review: Option<L<bool>>,
    pub reviewers: Option<L<Vec<L<&'a str>>>>,
}

#[derive(Debug)]
pub struct Awareness<'a> {
    pub span: Span,
    pub name: Option<L<&'a str>>,
    pub from: Option<L<NaiveDate>>,
    pub to: Option<L<NaiveDate>>,
}

#[derive(Debug, Default)]
pub struct Rules<'a> {
    pub approve_days_before: Option<L<u32>>,
    pub sealed_approvals: Option<L<bool>>,
    pub allow: Option<L<Vec<L<&'a str>>>>,
    pub risky_phrases: Option<L<Vec<L<&'a str>>>>,
    pub blackouts: Vec<Blackout<'a>>,
    pub freezes: Vec<Freeze<'a>>,
}

#[derive(Debug)]
pub struct Blackout<'a> {
    pub span: Span,
    pub from: Option<L<NaiveDate>>,
    pub to: Option<L<NaiveDate>>,
    pub why: Option<L<&'a str>>,
}

#[derive(Debug)]
pub struct Freeze<'a> {
    pub span: Span,
    pub from: Option<L<DayOrTime>>,
    pub to: Option<L<DayOrTime>>,
    pub why: Option<L<&'a str>>,
    pub allow_themes: Option<L<Vec<L<&'a str>>>>,
}

/// One table of `channels.toml`.
#[derive(Debug)]
pub struct Channel<'a> {
    pub id: L<&'a str>,
    pub span: Span,
    pub network: Option<L<&'a str>>,
    pub account: Option<L<&'a str>>,
    pub audience: Option<L<&'a str>>,
    pub audience_kind: Option<L<&'a str>>,
    pub posts_per_week: Option<PerWeek>,
    pub max_per_day: Option<L<u32>>,
    pub min_gap_hours: Option<L<f64>>,
    pub slots: Option<L<Vec<L<&'a str>>>>,
    pub export: Option<L<&'a str>>,
    pub media_base_url: Option<L<&'a str>>,
}

#[derive(Debug)]
pub struct PerWeek {
    pub span: Span,
    pub min: Option<L<u32>>,
    pub max: Option<L<u32>>,
}

/// One table of `consents.toml`.
#[derive(Debug)]
pub struct Consent<'a> {
    pub id: L<&'a str>,
    pub span: Span,
    pub who: Option<L<&'a str>>,
    pub record: Option<L<&'a str>>,
    pub networks: Option<L<Vec<L<&'a str>>>>,
    pub campaign: Option<L<&'a str>>,
    pub until: Option<L<NaiveDate>>,
    pub minor: Option<L<bool>>,
    pub withdrawn: Option<L<NaiveDate>>,
}

/// `campaigns/<id>.toml`.
#[derive(Debug)]
pub struct Campaign<'a> {
    pub span: Span,
    pub id: Option<L<&'a str>>,
    pub name: Option<L<&'a str>>,
    pub start: Option<L<NaiveDate>>,
    pub end: Option<L<NaiveDate>>,
    pub channels: Option<L<Vec<L<&'a str>>>>,
    pub hashtags: Option<L<Vec<L<&'a str>>>>,
    pub targets: Vec<(L<&'a str>, L<u32>)>,
    pub milestones: Vec<Milestone<'a>>,
    pub lead_in_days: Option<L<u32>>,
    pub follow_up_days: Option<L<u32>>,
}

#[derive(Debug)]
pub struct Milestone<'a> {
    pub span: Span,
    /// Optional: keeps the calendar event's UID when the name changes.
    pub id: Option<L<&'a str>>,
    pub name: Option<L<&'a str>>,
    pub due: Option<L<NaiveDate>>,
    pub days_before_start: Option<L<u32>>,
    pub owner: Option<L<&'a str>>,
    pub done: Option<L<bool>>,
}

/// One `[[post]]`.
#[derive(Debug)]
pub struct Post<'a> {
    pub span: Span,
    pub id: Option<L<&'a str>>,
    pub title: Option<L<&'a str>>,
    pub campaign: Option<L<&'a str>>,
    pub themes: Option<L<Vec<L<&'a str>>>>,
    pub channels: Option<L<Vec<L<&'a str>>>>,
    pub status: Option<L<&'a str>>,
    pub owner: Option<L<&'a str>>,
    pub created: Option<L<NaiveDate>>,
    pub approval: Option<Approval<'a>>,
    pub medical_review: Option<Approval<'a>>,
    pub at: Option<L<NaiveDateTime>>,
    pub on: Option<L<NaiveDate>>,
    pub between: Option<L<Vec<L<NaiveDate>>>>,
    pub repeat: Option<Repeat<'a>>,
    pub text: Option<L<&'a str>>,
    pub link: Option<L<&'a str>>,
    pub hashtags: Option<L<Vec<L<&'a str>>>>,
    pub media: Option<Vec<Media<'a>>>,
    pub variants: Vec<(L<&'a str>, Variant<'a>)>,
    pub notes: Vec<Note<'a>>,
    pub published: Vec<(L<&'a str>, Publication<'a>)>,
    pub occurrences: Vec<Occurrence<'a>>,
}

/// One `[[post.occurrence]]`: a repeating post's own content for one date.
#[derive(Debug)]
pub struct Occurrence<'a> {
    pub span: Span,
    pub on: Option<L<NaiveDate>>,
    pub skip: Option<L<bool>>,
    pub text: Option<L<&'a str>>,
    pub link: Option<L<&'a str>>,
    pub media: Option<Vec<Media<'a>>>,
}

/// One `[[post.note]]`: the post's dated thread.
#[derive(Debug)]
pub struct Note<'a> {
    pub span: Span,
    pub by: Option<L<&'a str>>,
    pub on: Option<L<NaiveDate>>,
    pub text: Option<L<&'a str>>,
}

/// One `[post.published.<channel>]`: where and when it went out.
#[derive(Debug)]
pub struct Publication<'a> {
    pub span: Span,
    pub url: Option<L<&'a str>>,
    pub at: Option<L<NaiveDateTime>>,
}

#[derive(Debug)]
pub struct Approval<'a> {
    pub span: Span,
    pub by: Option<L<&'a str>>,
    pub on: Option<L<NaiveDate>>,
    pub digest: Option<L<&'a str>>,
}

#[derive(Debug)]
pub struct Repeat<'a> {
    pub span: Span,
    pub every: Option<L<&'a str>>,
    pub interval: Option<L<u32>>,
    pub until: Option<L<NaiveDate>>,
    pub count: Option<L<u32>>,
    pub except: Option<L<Vec<L<NaiveDate>>>>,
    pub on_closed: Option<L<&'a str>>,
}

#[derive(Debug)]
pub struct Media<'a> {
    pub span: Span,
    pub file: Option<L<&'a str>>,
    pub alt: Option<L<&'a str>>,
    pub people: Option<L<bool>>,
    pub consent: Option<L<&'a str>>,
}

#[derive(Debug)]
pub struct Variant<'a> {
    pub span: Span,
    pub text: Option<L<&'a str>>,
    pub link: Option<L<&'a str>>,
    pub hashtags: Option<L<Vec<L<&'a str>>>>,
    pub media: Option<Vec<Media<'a>>>,
    pub at: Option<L<NaiveDateTime>>,
}

fn root<'t, 'i>(doc: &'t DeTable<'i>, sink: &Sink<'_>, what: &'static str) -> Fields<'t, 'i> {
    Fields::new(doc, sink.span(0..0), Name::Plain(what))
}

/// Reads `edcal.toml`.
pub fn settings<'t>(doc: &'t DeTable<'_>, sink: &mut Sink<'_>) -> Settings<'t> {
    let mut file = root(doc, sink, "edcal.toml");
    let mut settings = Settings::default();
    match file.table("calendar", sink) {
        Some(mut t) => {
            settings.calendar_span = Some(t.span());
            settings.name = t.req_string("name", sink);
            settings.timezone = t.req_string("timezone", sink);
            settings.language = t.string("language", sink);
            settings.holidays = t.string("holidays", sink);
            settings.awareness_builtin = t.bool("awareness", sink);
            t.finish(sink);
        }
        None => {
            if !file.has("calendar") {
                file.require::<()>("calendar", None, sink);
            }
        }
    }
    settings.team = file
        .entries("team", sink)
        .into_iter()
        .map(|(id, table)| (id, table.read()))
        .map(|(id, mut t)| {
            let member = Member {
                span: t.span(),
                name: t.string("name", sink),
                role: t.req_string("role", sink),
                email: t.string("email", sink),
            };
            t.finish(sink);
            (id, member)
        })
        .collect();
    settings.themes = file
        .entries("themes", sink)
        .into_iter()
        .map(|(id, table)| (id, table.read()))
        .map(|(id, mut t)| {
            let theme = Theme {
                span: t.span(),
                label: t.string("label", sink),
                share: t.number("share", sink),
                medical_review: t.bool("medical_review", sink),
                reviewers: t.strings("reviewers", sink),
            };
            t.finish(sink);
            (id, theme)
        })
        .collect();
    settings.awareness = file
        .tables("awareness", sink)
        .into_iter()
        .map(Table::read)
        .map(|mut t| {
            let awareness = Awareness {
                span: t.span(),
                name: t.req_string("name", sink),
                from: t.req_date("from", sink),
                to: t.date("to", sink),
            };
            t.finish(sink);
            awareness
        })
        .collect();
    if let Some(mut t) = file.table("rules", sink) {
        settings.rules = rules(&mut t, sink);
        t.finish(sink);
    }
    if let Some(mut t) = file.table("export", sink) {
        settings.media_base_url = t.string("media_base_url", sink);
        if let Some(mut u) = t.table("utm", sink) {
            settings.utm = Some([
                u.string("source", sink),
                u.string("medium", sink),
                u.string("campaign", sink),
                u.string("content", sink),
            ]);
            u.finish(sink);
        }
        t.finish(sink);
    }
    file.finish(sink);
    settings
}

fn rules<'t>(t: &mut Fields<'t, '_>, sink: &mut Sink<'_>) -> Rules<'t> {
    Rules {
        approve_days_before: t.count("approve_days_before", sink),
        sealed_approvals: t.bool("sealed_approvals", sink),
        allow: t.strings("allow", sink),
        risky_phrases: t.strings("risky_phrases", sink),
        blackouts: t
            .tables("blackout", sink)
            .into_iter()
            .map(Table::read)
            .map(|mut b| {
                let blackout = Blackout {
                    span: b.span(),
                    from: b.req_date("from", sink),
                    to: b.date("to", sink),
                    why: b.string("why", sink),
                };
                b.finish(sink);
                blackout
            })
            .collect(),
        freezes: t
            .tables("freeze", sink)
            .into_iter()
            .map(Table::read)
            .map(|mut f| {
                let freeze = Freeze {
                    span: f.span(),
                    from: day_or_time(&mut f, "from", sink),
                    to: day_or_time(&mut f, "to", sink),
                    why: f.string("why", sink),
                    allow_themes: f.strings("allow_themes", sink),
                };
                f.require("from", freeze.from.as_ref(), sink);
                f.require("to", freeze.to.as_ref(), sink);
                f.finish(sink);
                freeze
            })
            .collect(),
    }
}

fn day_or_time(
    t: &mut Fields<'_, '_>,
    key: &'static str,
    sink: &mut Sink<'_>,
) -> Option<L<DayOrTime>> {
    let value = t.get(key)?;
    if let toml::de::DeValue::Datetime(d) = value.get_ref()
        && d.time.is_none()
    {
        return fields::as_date(value, fields::Key(key), sink).map(|d| d.map(DayOrTime::Day));
    }
    fields::as_datetime(value, fields::Key(key), sink).map(|d| d.map(DayOrTime::Time))
}

/// The `posts_per_week` table to read; a bare number, the form people
/// write first, is reported with the table it stands for.
fn per_week_count<'t, 'i>(t: &mut Fields<'t, 'i>, sink: &mut Sink<'_>) -> Option<Fields<'t, 'i>> {
    let value = t.get("posts_per_week")?;
    if let toml::de::DeValue::Integer(n) = value.get_ref() {
        let n = n.as_str();
        sink.push(
            crate::diagnostic::Diagnostic::new(
                crate::rules::Code::InvalidValue,
                sink.span(value.span()),
                "`posts_per_week` is a table `{ min, max }`, found an integer",
            )
            .label("a weekly target has a minimum and a maximum")
            .help(format!(
                "write `posts_per_week = {{ min = {n}, max = {n} }}` for {n} a week, or `{{ min = {n} }}` for at least {n}"
            )),
        );
        return None;
    }
    t.table("posts_per_week", sink)
}

/// Reads `channels.toml`: every top-level table is a channel.
pub fn channels<'t>(doc: &'t DeTable<'_>, sink: &mut Sink<'_>) -> Vec<Channel<'t>> {
    let file = root(doc, sink, "channels.toml");
    file.into_entries(sink)
        .into_iter()
        .map(|(id, table)| (id, table.read()))
        .map(|(id, mut t)| {
            let before = sink.diagnostics.len();
            let posts_per_week = per_week_count(&mut t, sink);
            let posts_per_week = posts_per_week.map(|mut w| {
                let per_week = PerWeek {
                    span: w.span(),
                    min: w.count("min", sink),
                    max: w.count("max", sink),
                };
                w.finish(sink);
                per_week
            });
            let channel = Channel {
                span: t.span(),
                network: t.req_string("network", sink),
                account: t.string("account", sink),
                audience: t.string("audience", sink),
                audience_kind: t.string("audience_kind", sink),
                posts_per_week,
                max_per_day: t.count("max_per_day", sink),
                min_gap_hours: t.number("min_gap_hours", sink),
                slots: t.strings("slots", sink),
                export: t.string("export", sink),
                media_base_url: t.string("media_base_url", sink),
                id,
            };
            t.finish(sink);
            // A finding inside a channel's table blocks that channel only.
            for d in &mut sink.diagnostics[before..] {
                d.channel.get_or_insert_with(|| channel.id.value.to_owned());
            }
            channel
        })
        .collect()
}

/// Reads `consents.toml`: every top-level table is a consent.
pub fn consents<'t>(doc: &'t DeTable<'_>, sink: &mut Sink<'_>) -> Vec<Consent<'t>> {
    let file = root(doc, sink, "consents.toml");
    file.into_entries(sink)
        .into_iter()
        .map(|(id, table)| (id, table.read()))
        .map(|(id, mut t)| {
            let consent = Consent {
                span: t.span(),
                who: t.req_string("who", sink),
                record: t.string("record", sink),
                networks: t.strings("networks", sink),
                campaign: t.string("campaign", sink),
                until: t.date("until", sink),
                minor: t.bool("minor", sink),
                withdrawn: t.date("withdrawn", sink),
                id,
            };
            t.require("networks", consent.networks.as_ref(), sink);
            t.finish(sink);
            consent
        })
        .collect()
}

/// Reads one campaign file.
pub fn campaign<'t>(doc: &'t DeTable<'_>, sink: &mut Sink<'_>) -> Option<Campaign<'t>> {
    let mut file = root(doc, sink, "a campaign file");
    let campaign = match file.table("campaign", sink) {
        Some(mut t) => {
            let targets = t
                .table("targets", sink)
                .map(|targets| {
                    let entries: Vec<_> = targets_of(targets, sink);
                    entries
                })
                .unwrap_or_default();
            let campaign = Campaign {
                span: t.span(),
                id: t.req_string("id", sink),
                name: t.req_string("name", sink),
                start: t.req_date("start", sink),
                end: t.req_date("end", sink),
                channels: t.strings("channels", sink),
                hashtags: t.strings("hashtags", sink),
                targets,
                milestones: t
                    .tables("milestone", sink)
                    .into_iter()
                    .map(Table::read)
                    .map(|mut m| {
                        let milestone = Milestone {
                            span: m.span(),
                            id: m.string("id", sink),
                            name: m.req_string("name", sink),
                            due: m.date("due", sink),
                            days_before_start: m.count("days_before_start", sink),
                            owner: m.string("owner", sink),
                            done: m.bool("done", sink),
                        };
                        m.finish(sink);
                        milestone
                    })
                    .collect(),
                lead_in_days: t.count("lead_in_days", sink),
                follow_up_days: t.count("follow_up_days", sink),
            };
            t.finish(sink);
            Some(campaign)
        }
        None => {
            if !file.has("campaign") {
                file.require::<()>("campaign", None, sink);
            }
            None
        }
    };
    file.finish(sink);
    campaign
}

/// `[campaign.targets]`: channel id to a count, keys chosen by the user.
fn targets_of<'t>(targets: Fields<'t, '_>, sink: &mut Sink<'_>) -> Vec<(L<&'t str>, L<u32>)> {
    targets
        .raw_entries()
        .filter_map(|(key, value)| {
            let count = fields::as_count(
                value,
                format_args!("the target of `{}`", key.get_ref()),
                sink,
            )?;
            Some((
                Located::new(key.get_ref().as_ref(), sink.span(key.span())),
                count,
            ))
        })
        .collect()
}

/// Reads a posts file: an array of `[[post]]` tables.
pub fn posts<'t>(doc: &'t DeTable<'_>, sink: &mut Sink<'_>) -> Vec<Post<'t>> {
    let mut posts = Vec::new();
    each_post(doc, sink, |post| posts.push(post));
    posts
}

/// Reads a posts file, handing each post to `each` as soon as it is read:
/// the loader resolves it there, and a list of raw posts (900 bytes each)
/// is never built.
pub fn each_post<'t>(doc: &'t DeTable<'_>, sink: &mut Sink<'_>, mut each: impl FnMut(Post<'t>)) {
    let mut file = root(doc, sink, "a posts file");
    for table in file.tables("post", sink) {
        let before = sink.diagnostics.len();
        let mut t = table.read();
        let post = post(&mut t, sink);
        t.finish(sink);
        // A finding inside a post is about that post: it blocks the post,
        // not the file (see `check::Blocked`).
        for d in &mut sink.diagnostics[before..] {
            d.in_post.get_or_insert(post.span);
            if let Some(id) = &post.id {
                d.post.get_or_insert_with(|| id.value.to_owned());
            }
        }
        each(post);
    }
    file.finish(sink);
}

fn post<'t>(t: &mut Fields<'t, '_>, sink: &mut Sink<'_>) -> Post<'t> {
    let approval = |t: &mut Fields<'t, '_>, key: &'static str, sink: &mut Sink<'_>| {
        t.table(key, sink).map(|mut a| {
            let approval = Approval {
                span: a.span(),
                by: a.req_string("by", sink),
                on: a.req_date("on", sink),
                digest: a.string("digest", sink),
            };
            a.finish(sink);
            approval
        })
    };
    Post {
        span: t.span(),
        id: t.req_string("id", sink),
        title: t.req_string("title", sink),
        campaign: t.string("campaign", sink),
        themes: t.strings("themes", sink),
        channels: t.req_strings("channels", sink),
        status: t.req_string("status", sink),
        owner: t.string("owner", sink),
        created: t.date("created", sink),
        approval: approval(t, "approval", sink),
        medical_review: approval(t, "medical_review", sink),
        at: t.datetime("at", sink),
        on: t.date("on", sink),
        between: t.dates("between", sink),
        repeat: t.table("repeat", sink).map(|mut r| {
            let repeat = Repeat {
                span: r.span(),
                every: r.req_string("every", sink),
                interval: r.count("interval", sink),
                until: r.date("until", sink),
                count: r.count("count", sink),
                except: r.dates("except", sink),
                on_closed: r.string("on_closed", sink),
            };
            r.finish(sink);
            repeat
        }),
        text: t.string("text", sink),
        link: t.string("link", sink),
        hashtags: t.strings("hashtags", sink),
        media: media(t, sink),
        variants: t
            .entries("variants", sink)
            .into_iter()
            .map(|(id, table)| (id, table.read()))
            .map(|(channel, mut v)| {
                let before = sink.diagnostics.len();
                let variant = Variant {
                    span: v.span(),
                    text: v.string("text", sink),
                    link: v.string("link", sink),
                    hashtags: v.strings("hashtags", sink),
                    media: media(&mut v, sink),
                    at: v.datetime("at", sink),
                };
                v.finish(sink);
                // A finding in a variant is about that channel of the post.
                for d in &mut sink.diagnostics[before..] {
                    d.channel.get_or_insert_with(|| channel.value.to_owned());
                }
                (channel, variant)
            })
            .collect(),
        notes: t
            .tables("note", sink)
            .into_iter()
            .map(Table::read)
            .map(|mut n| {
                let note = Note {
                    span: n.span(),
                    by: n.req_string("by", sink),
                    on: n.req_date("on", sink),
                    text: n.req_string("text", sink),
                };
                n.finish(sink);
                note
            })
            .collect(),
        published: t
            .entries("published", sink)
            .into_iter()
            .map(|(id, table)| (id, table.read()))
            .map(|(channel, mut p)| {
                let publication = Publication {
                    span: p.span(),
                    url: p.string("url", sink),
                    at: p.datetime("at", sink),
                };
                p.finish(sink);
                (channel, publication)
            })
            .collect(),
        occurrences: t
            .tables("occurrence", sink)
            .into_iter()
            .map(Table::read)
            .map(|mut o| {
                let occurrence = Occurrence {
                    span: o.span(),
                    on: o.req_date("on", sink),
                    skip: o.bool("skip", sink),
                    text: o.string("text", sink),
                    link: o.string("link", sink),
                    media: media(&mut o, sink),
                };
                o.finish(sink);
                occurrence
            })
            .collect(),
    }
}

fn media<'t>(t: &mut Fields<'t, '_>, sink: &mut Sink<'_>) -> Option<Vec<Media<'t>>> {
    if !t.has("media") {
        t.get("media");
        return None;
    }
    Some(
        t.tables("media", sink)
            .into_iter()
            .map(Table::read)
            .map(|mut m| {
                let media = Media {
                    span: m.span(),
                    file: m.req_string("file", sink),
                    alt: m.string("alt", sink),
                    people: m.bool("people", sink),
                    consent: m.string("consent", sink),
                };
                m.finish(sink);
                media
            })
            .collect(),
    )
}
