//! Posts: timing, repetition, media, variants and references.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::model::{
    Approval, Calendar, Every, LocalTime, Media, Note, OnClosed, OwnOccurrence, Post, Publication,
    Repeat, RepeatEnd, Status, Timing, Variant, is_url,
};
use crate::raw::{self, Located};
use crate::rules::Code;
use crate::source::Span;
use crate::zone::{self, Trap};

use super::{Resolver, duplicate, unknown};

/// The posts of one file, resolved, and the ids of those left out.
#[derive(Debug, Default)]
pub struct FilePosts {
    // Boxed as in the model (see `Calendar::posts`).
    #[allow(clippy::vec_box)]
    posts: Vec<Box<Post>>,
    left_out: Vec<String>,
}

impl FilePosts {
    /// Resolves one more post of the file against the rest of the calendar
    /// (settings, channels, campaigns, consents). The loader runs one file
    /// per task, in parallel, each post resolved as soon as it is read.
    pub fn add(&mut self, p: raw::Post, calendar: &Calendar, diagnostics: &mut Vec<Diagnostic>) {
        let before = diagnostics.len();
        let id = p.id.as_ref().map(|id| id.value.to_owned());
        let span = p.span;
        let resolved = resolve(&mut Resolver { diagnostics }, p, calendar);
        // What resolving found is about this post (see `check::Blocked`).
        for d in &mut diagnostics[before..] {
            d.in_post.get_or_insert(span);
            if let Some(id) = &id {
                d.post.get_or_insert_with(|| id.clone());
            }
        }
        match resolved {
            Ok(post) => self.posts.push(Box::new(post)),
            Err(Some(id)) => self.left_out.push(id),
            Err(None) => {}
        }
    }
}

/// Joins the posts of every file, in load order, into `calendar`: the first
/// post of each id is kept, the others are reported as `duplicate-id` and
/// left out.
pub fn join_posts(
    calendar: &mut Calendar,
    files: Vec<FilePosts>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut posts = Vec::with_capacity(files.iter().map(|f| f.posts.len()).sum());
    for file in files {
        posts.extend(file.posts);
        calendar.left_out.extend(file.left_out);
    }
    let mut first: HashMap<&str, Span> = HashMap::with_capacity(posts.len());
    let mut keep = Vec::with_capacity(posts.len());
    for post in &posts {
        let id = &post.id;
        match first.entry(id.value.as_str()) {
            Entry::Occupied(seen) => {
                // Both posts are blocked: which one a command means is unclear.
                diagnostics.push(duplicate("post", id, *seen.get()).post(&id.value));
                keep.push(false);
            }
            Entry::Vacant(slot) => {
                slot.insert(id.span);
                keep.push(true);
            }
        }
    }
    drop(first);
    let mut keep = keep.into_iter();
    posts.retain(|post| {
        let kept = keep.next().unwrap_or(true);
        if !kept {
            calendar.left_out.push(post.id.value.clone());
        }
        kept
    });
    calendar.posts = posts;
}

/// A post of the model, or, when a finding left it out, its id if that id
/// is valid.
fn resolve(
    r: &mut Resolver<'_>,
    mut p: raw::Post,
    calendar: &Calendar,
) -> Result<Post, Option<String>> {
    let tz = calendar.settings.tz;
    let own = std::mem::take(&mut p.occurrences);
    let id_ok = p.id.as_ref().is_some_and(|id| r.id("post", id));
    let status = p.status.as_ref().and_then(|s| {
        r.choice("status", s, &Status::ALL)
            .map(|v| Located::new(v, s.span))
    });
    let channels: Vec<Located<String>> = {
        let names = p.channels.iter().flat_map(|c| &c.value);
        let kept = r.channel_refs(names.clone(), calendar);
        names.filter(|n| kept.contains(&n.value)).fold(
            Vec::new(),
            |mut acc: Vec<Located<String>>, n| {
                if !acc.iter().any(|a| a.value == n.value) {
                    acc.push(n.owned());
                }
                acc
            },
        )
    };
    if let Some(list) = p.channels.as_ref().filter(|c| c.value.is_empty()) {
        let ids: Vec<String> = calendar.channels.keys().map(|c| format!("`{c}`")).collect();
        r.push(
            Diagnostic::new(
                Code::InvalidValue,
                list.span,
                "a post goes out on at least one channel, and `channels` is empty",
            )
            .label("no channel: the post can never go out")
            .help(if ids.is_empty() {
                "define a channel in channels.toml and name it here".to_owned()
            } else {
                format!("name the channels it goes out on, among {}", ids.join(", "))
            }),
        );
    }
    let campaign = p.campaign.as_ref().and_then(|c| {
        if calendar.campaigns.contains_key(c.value) {
            Some(c.value.to_owned())
        } else {
            let d = unknown(
                Code::UnknownCampaign,
                "campaign",
                c,
                calendar.campaigns.keys().map(String::as_str),
                "campaigns/",
            );
            r.push(d);
            None
        }
    });
    let themes = p
        .themes
        .iter()
        .flat_map(|t| &t.value)
        .filter_map(|t| {
            if calendar.themes.contains_key(t.value) {
                Some(t.value.to_owned())
            } else {
                let d = unknown(
                    Code::UnknownTheme,
                    "theme",
                    t,
                    calendar.themes.keys().map(String::as_str),
                    "edcal.toml",
                );
                r.push(d);
                None
            }
        })
        .collect();
    let owner = p.owner.as_ref().and_then(|o| r.member(o, calendar));
    let medical_review = p
        .medical_review
        .as_ref()
        .and_then(|a| approval(r, a, calendar));
    let approval = p.approval.as_ref().and_then(|a| approval(r, a, calendar));
    let timing = timing(r, &p, tz);
    let repeat = p.repeat.as_ref().and_then(|rep| repeat(r, rep, &timing));
    let hashtags = p
        .hashtags
        .iter()
        .flat_map(|h| &h.value)
        .filter_map(|h| r.hashtag(h))
        .collect();
    let media = p
        .media
        .iter()
        .flatten()
        .filter_map(|m| resolve_media(r, m, calendar))
        .collect();
    let mut variants = BTreeMap::new();
    for (channel, v) in &p.variants {
        let before = r.diagnostics.len();
        let at = v.at.as_ref().and_then(|at| local_time(r, at, tz));
        let resolved = Variant {
            text: v.text.as_ref().map(Located::owned),
            link: v.link.as_ref().map(|l| l.value.to_owned()),
            link_span: v.link.as_ref().map(|l| l.span),
            hashtags: v
                .hashtags
                .as_ref()
                .map(|h| h.value.iter().filter_map(|h| r.hashtag(h)).collect()),
            media: v.media.as_ref().map(|m| {
                m.iter()
                    .filter_map(|m| resolve_media(r, m, calendar))
                    .collect()
            }),
            at,
            span: Some(v.span),
        };
        // What a variant's values break is about that channel of the post.
        for d in &mut r.diagnostics[before..] {
            d.channel.get_or_insert_with(|| channel.value.to_owned());
        }
        if !channels.iter().any(|c| c.value == channel.value) {
            let mut d = Diagnostic::new(
                Code::VariantWithoutChannel,
                channel.span,
                format!(
                    "a variant for `{}`, which the post does not target",
                    channel.value
                ),
            )
            .label("not in the post's `channels`")
            .help(format!(
                "add `{}` to `channels` or remove the variant",
                channel.value
            ));
            if let Some(c) = &p.channels {
                d = d.note(c.span, "the post's channels");
            }
            r.push(d);
            continue;
        }
        variants.insert(channel.value.to_owned(), Box::new(resolved));
    }
    let notes = p
        .notes
        .iter()
        .filter_map(|n| {
            let by = r.member(n.by.as_ref()?, calendar);
            Some(Note {
                by: by?,
                on: n.on.as_ref()?.value,
                text: n.text.as_ref()?.value.to_owned(),
                span: n.span,
            })
        })
        .collect();
    let mut published = BTreeMap::new();
    for (channel, pb) in &p.published {
        if !channels.iter().any(|c| c.value == channel.value) {
            r.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    channel.span,
                    format!(
                        "a publication on `{}`, which the post does not target",
                        channel.value
                    ),
                )
                .label("not in the post's `channels`")
                .help(format!(
                    "add `{}` to `channels` or remove `[post.published.{}]`",
                    channel.value, channel.value
                )),
            );
            continue;
        }
        if let Some(url) = &pb.url
            && !is_url(url.value)
        {
            r.invalid(
                url.span,
                format!(
                    "invalid publication URL `{}`: it starts with `https://`",
                    url.value
                ),
            );
            continue;
        }
        published.insert(
            channel.value.to_owned(),
            Publication {
                url: pb.url.as_ref().map(|u| u.value.to_owned()),
                at: pb.at.as_ref().map(|a| a.value),
                span: pb.span,
            },
        );
    }
    let Some(id) = p.id.filter(|_| id_ok) else {
        return Err(None);
    };
    let Some(status) = status else {
        return Err(Some(id.value.to_owned()));
    };
    let mut post = Post {
        id: id.owned(),
        title_span: p.title.as_ref().map_or(p.span, |t| t.span),
        title: p.title.map(|t| t.value.to_owned()).unwrap_or_default(),
        campaign,
        themes,
        channels,
        status,
        owner,
        created: p.created.map(|c| c.value),
        approval,
        medical_review,
        timing,
        repeat,
        text: p.text.as_ref().map(Located::owned),
        link_span: p.link.as_ref().map(|l| l.span),
        link: p.link.map(|l| l.value.to_owned()),
        hashtags,
        media,
        variants,
        notes,
        published,
        span: p.span,
        occurrences: Vec::new(),
    };
    post.occurrences = own_occurrences(r, &own, &post, calendar);
    Ok(post)
}

/// A repeating post's `[[post.occurrence]]`, checked against its
/// occurrence dates: each `on` one of them (on some channel), once; `skip`
/// alone; none on a post that does not repeat.
fn own_occurrences(
    r: &mut Resolver<'_>,
    own: &[raw::Occurrence],
    post: &Post,
    calendar: &Calendar,
) -> Vec<OwnOccurrence> {
    let Some(first) = own.first() else {
        return Vec::new();
    };
    let Some(repeat) = &post.repeat else {
        r.push(
            Diagnostic::new(
                Code::InvalidValue,
                first.span,
                "`[[post.occurrence]]` on a post that does not repeat",
            )
            .label("only a repeating post has occurrences")
            .help("add `repeat = { every = \"week\", until = … }` to the post, or remove its `[[post.occurrence]]`"),
        );
        return Vec::new();
    };
    let mut dates: Vec<NaiveDate> = post
        .channel_ids()
        .filter_map(|c| post.at(c))
        .flat_map(|at| crate::occurrence::expand(calendar, repeat, at.value))
        .map(|o| o.date)
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let mut out: Vec<OwnOccurrence> = Vec::new();
    let mut seen: BTreeMap<NaiveDate, Span> = BTreeMap::new();
    for o in own {
        let Some(on) = &o.on else { continue };
        if dates.binary_search(&on.value).is_err() {
            let nearest = nearest(&dates, on.value);
            let help = if nearest.is_empty() {
                "the post has no occurrence: see its `repeat`".to_owned()
            } else {
                format!(
                    "the nearest occurrences are {}",
                    nearest
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )
            };
            r.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    on.span,
                    format!("`{}` is not an occurrence of `{}`", on.value, post.id.value),
                )
                .label("no occurrence on this date")
                .help(help),
            );
            continue;
        }
        if let Some(earlier) = seen.get(&on.value) {
            r.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    on.span,
                    format!("`[[post.occurrence]]` for `{}` twice", on.value),
                )
                .label("a second time")
                .note(*earlier, "first here")
                .help("merge the two into one `[[post.occurrence]]`"),
            );
            continue;
        }
        seen.insert(on.value, on.span);
        let skip = o.skip.as_ref().is_some_and(|s| s.value);
        if skip && (o.text.is_some() || o.link.is_some() || o.media.is_some()) {
            let key = [
                o.text.as_ref().map(|_| "text"),
                o.link.as_ref().map(|_| "link"),
                o.media.as_ref().map(|_| "media"),
            ]
            .into_iter()
            .flatten()
            .next()
            .unwrap_or("text");
            r.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    o.skip.as_ref().map_or(o.span, |s| s.span),
                    format!(
                        "`skip = true` with `{key}`: a skipped occurrence publishes nothing"
                    ),
                )
                .label("skips the occurrence")
                .help("keep `on` and `skip = true` alone, or remove `skip` to give the date its own content"),
            );
            continue;
        }
        out.push(OwnOccurrence {
            on: on.value,
            skip,
            text: o.text.as_ref().map(Located::owned),
            link: o.link.as_ref().map(|l| l.value.to_owned()),
            link_span: o.link.as_ref().map(|l| l.span),
            media: o.media.as_ref().map(|m| {
                m.iter()
                    .filter_map(|m| resolve_media(r, m, calendar))
                    .collect()
            }),
            span: o.span,
        });
    }
    out.sort_by_key(|o| o.on);
    out
}

/// The occurrence dates nearest to `date`: the last before and the first
/// after, when they exist.
fn nearest(dates: &[NaiveDate], date: NaiveDate) -> Vec<NaiveDate> {
    let i = dates.partition_point(|d| *d < date);
    let mut out = Vec::new();
    if i > 0 {
        out.push(dates[i - 1]);
    }
    if let Some(after) = dates.get(i) {
        out.push(*after);
    }
    out
}

fn approval(r: &mut Resolver<'_>, a: &raw::Approval, calendar: &Calendar) -> Option<Approval> {
    let by = r.member(a.by.as_ref()?, calendar)?;
    Some(Approval {
        by,
        on: a.on.as_ref()?.value,
        digest: a.digest.as_ref().map(|d| d.value.to_owned()),
        span: a.span,
    })
}

/// A local time that happens exactly once, or the trap it falls in.
pub(crate) fn local_time(
    r: &mut Resolver<'_>,
    at: &Located<chrono::NaiveDateTime>,
    tz: chrono_tz::Tz,
) -> Option<Located<LocalTime>> {
    match zone::resolve(tz, at.value) {
        Ok(time) => Some(Located::new(time, at.span)),
        Err(Trap::Gap) => {
            r.push(
                Diagnostic::new(
                    Code::NonexistentTime,
                    at.span,
                    format!(
                        "{} does not exist in {tz}: clocks spring forward over it",
                        at.value.format("%Y-%m-%d %H:%M")
                    ),
                )
                .label("in the daylight-saving gap")
                .help("pick a time outside the gap, e.g. an hour later"),
            );
            None
        }
        Err(Trap::Fold) => {
            r.push(
                Diagnostic::new(
                    Code::AmbiguousTime,
                    at.span,
                    format!(
                        "{} happens twice in {tz}: clocks fall back over it",
                        at.value.format("%Y-%m-%d %H:%M")
                    ),
                )
                .label("in the daylight-saving fold")
                .help("pick a time outside the fold, e.g. after 03:00"),
            );
            None
        }
    }
}

/// At most one of `at`, `on`, `between`; the first written wins when several
/// are, after `timing-conflict` is reported.
fn timing(r: &mut Resolver<'_>, p: &raw::Post, tz: chrono_tz::Tz) -> Timing {
    let given: Vec<(&str, Span)> = [
        p.at.as_ref().map(|a| ("at", a.span)),
        p.on.as_ref().map(|o| ("on", o.span)),
        p.between.as_ref().map(|b| ("between", b.span)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if given.len() > 1 {
        let mut sorted = given.clone();
        sorted.sort_by_key(|(_, span)| span.start);
        let names: Vec<&str> = given.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::new(
            Code::TimingConflict,
            sorted[1].1,
            format!(
                "a post has {}: at most one is allowed",
                super::list(&names).replace(" or ", " and ")
            ),
        )
        .label(format!("`{}` here", sorted[1].0))
        .help("keep `at` for a fixed time, `on` for a fixed day, `between` for a window");
        d = d.note(sorted[0].1, format!("`{}` here", sorted[0].0));
        r.push(d);
    }
    if let Some(at) = &p.at {
        return local_time(r, at, tz).map_or(Timing::Open, Timing::At);
    }
    if let Some(on) = &p.on {
        return Timing::On(on.clone());
    }
    if let Some(between) = &p.between {
        let dates = &between.value;
        if dates.len() != 2 {
            r.invalid(
                between.span,
                format!(
                    "`between` takes two dates, a first and a last day, found {}",
                    dates.len()
                ),
            );
            return Timing::Open;
        }
        if dates[1].value < dates[0].value {
            r.bad_window(dates[0].span, dates[1].span, dates[0].value, dates[1].value);
            return Timing::Open;
        }
        return Timing::Between(Located::new((dates[0].value, dates[1].value), between.span));
    }
    Timing::Open
}

fn repeat(r: &mut Resolver<'_>, rep: &raw::Repeat, timing: &Timing) -> Option<Repeat> {
    let every = rep.every.as_ref().and_then(|e| {
        r.choice(
            "every",
            e,
            &[
                ("day", Every::Day),
                ("week", Every::Week),
                ("month", Every::Month),
                ("year", Every::Year),
            ],
        )
    });
    let on_closed = rep
        .on_closed
        .as_ref()
        .and_then(|o| {
            r.choice(
                "on_closed",
                o,
                &[
                    ("skip", OnClosed::Skip),
                    ("before", OnClosed::Before),
                    ("after", OnClosed::After),
                ],
            )
        })
        .unwrap_or_default();
    let interval = match &rep.interval {
        Some(i) if i.value == 0 => {
            r.invalid(i.span, "`interval` must be 1 or more");
            return None;
        }
        Some(i) => i.value,
        None => 1,
    };
    let end = match (&rep.until, &rep.count) {
        (Some(until), None) => RepeatEnd::Until(until.value),
        (None, Some(count)) if count.value > 0 => RepeatEnd::Count(count.value),
        (None, Some(count)) => {
            r.invalid(count.span, "`count` must be 1 or more");
            return None;
        }
        (Some(_), Some(count)) => {
            r.invalid(count.span, "`repeat` takes `until` or `count`, not both");
            return None;
        }
        (None, None) => {
            r.push(
                Diagnostic::new(
                    Code::MissingKey,
                    rep.span,
                    "`repeat` has neither `until` nor `count`",
                )
                .help("a repetition must end: add `until = 2026-12-31` or `count = 4`"),
            );
            return None;
        }
    };
    if !matches!(timing, Timing::At(_)) {
        r.push(
            Diagnostic::new(Code::MissingKey, rep.span, "a repeating post has no `at`")
                .help("`at` gives the first occurrence's date and time; add it to the post"),
        );
        return None;
    }
    Some(Repeat {
        every: every?,
        interval,
        end,
        except: rep
            .except
            .iter()
            .flat_map(|e| &e.value)
            .map(|e| e.value)
            .collect(),
        on_closed,
        span: rep.span,
    })
}

fn resolve_media(r: &mut Resolver<'_>, m: &raw::Media, calendar: &Calendar) -> Option<Media> {
    let file = m.file.as_ref()?;
    if !is_url(file.value) {
        let path = std::path::Path::new(file.value);
        let escapes = path.is_absolute()
            || file.value.starts_with('/')
            || file.value.contains('\\')
            || path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if escapes || file.value.is_empty() {
            r.push(
                Diagnostic::new(Code::InvalidValue, file.span, format!("invalid media path `{}`", file.value))
                    .help("local media are relative to the calendar folder, with `/`, and stay inside it (e.g. `media/or26/marche.jpg`); other media are `https://` URLs"),
            );
            return None;
        }
    }
    let consent = m.consent.as_ref().and_then(|c| {
        if calendar.consents.contains_key(c.value) {
            Some(c.owned())
        } else {
            let d = unknown(
                Code::UnknownConsent,
                "consent",
                c,
                calendar.consents.keys().map(String::as_str),
                "consents.toml",
            );
            r.push(d);
            None
        }
    });
    Some(Media {
        file: file.owned(),
        alt: m.alt.as_ref().map(|a| a.value.to_owned()),
        people: m.people.as_ref().is_some_and(|p| p.value),
        consent_unresolved: m.consent.is_some() && consent.is_none(),
        consent,
        span: m.span,
    })
}
