//! What changed in the plan between two versions of a calendar: posts added
//! and removed, (post, channel) pairs moved in time, and posts whose content
//! or status changed. The Monday-meeting view: "what moved since last week".
//!
//! Pure: it takes two checked [`Calendar`]s and returns a [`Diff`]; reading
//! the old version (git) and printing are the command's job. Posts are
//! matched by id. A pair is *moved* when its time (the variant's `at`, else
//! the post's) differs, `None` standing for unplaced; only channels the post
//! has in both versions are compared, a channel added or removed shows as a
//! change of `channels`. Every other difference is a *changed* field, named
//! by its key in the file (`text`, `variants.x.text`, `status`…). Output is
//! sorted by post id, then channel, so the same files give the same bytes.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::model::{Approval, Calendar, Media, Post, Status, Timing, Variant};

#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Diff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub moved: Vec<Moved>,
    pub changed: Vec<Changed>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Moved {
    pub post: String,
    pub channel: String,
    /// RFC 3339 with the calendar's offset on that day; `None`: unplaced.
    #[serde(serialize_with = "rfc3339")]
    pub from: Option<DateTime<FixedOffset>>,
    #[serde(serialize_with = "rfc3339")]
    pub to: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Changed {
    pub post: String,
    /// Keys as written in the file, in a fixed order.
    pub fields: Vec<String>,
    /// The status before and after, when it changed (for the table).
    #[serde(skip)]
    pub status: Option<(Status, Status)>,
}

#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`
fn rfc3339<S: serde::Serializer>(
    time: &Option<DateTime<FixedOffset>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(t) => serializer.serialize_str(&t.to_rfc3339()),
        None => serializer.serialize_none(),
    }
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty()
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Calendar, new: &Calendar) -> Diff {
    let mut diff = Diff::default();
    for post in &new.posts {
        if find(old, &post.id.value).is_none() {
            diff.added.push(post.id.value.clone());
        }
    }
    for post in &old.posts {
        let Some(now) = find(new, &post.id.value) else {
            diff.removed.push(post.id.value.clone());
            continue;
        };
        for channel in post.channel_ids() {
            if !now.channel_ids().any(|c| c == channel) {
                continue;
            }
            let from = time(post, channel);
            let to = time(now, channel);
            if from != to {
                diff.moved.push(Moved {
                    post: post.id.value.clone(),
                    channel: channel.to_owned(),
                    from,
                    to,
                });
            }
        }
        let fields = changed_fields(post, now);
        if !fields.is_empty() {
            diff.changed.push(Changed {
                post: post.id.value.clone(),
                fields,
                status: (post.status.value != now.status.value)
                    .then_some((post.status.value, now.status.value)),
            });
        }
    }
    diff.added.sort();
    diff.added.dedup();
    diff.removed.sort();
    diff.removed.dedup();
    diff.moved
        .sort_by(|a, b| (&a.post, &a.channel).cmp(&(&b.post, &b.channel)));
    diff.changed.sort_by(|a, b| a.post.cmp(&b.post));
    diff
}

fn time(post: &Post, channel: &str) -> Option<DateTime<FixedOffset>> {
    post.at(channel).map(|at| at.value.instant.fixed_offset())
}

fn find<'a>(calendar: &'a Calendar, id: &str) -> Option<&'a Post> {
    calendar
        .posts
        .iter()
        .find(|p| p.id.value == id)
        .map(|p| &**p)
}

/// The keys whose values differ, `at` left out (that is `moved`).
fn changed_fields(old: &Post, new: &Post) -> Vec<String> {
    let mut fields = Vec::new();
    let mut compare = |key: &str, same: bool| {
        if !same {
            fields.push(key.to_owned());
        }
    };
    compare("title", old.title == new.title);
    compare("campaign", old.campaign == new.campaign);
    compare("themes", old.themes == new.themes);
    compare("channels", old.channel_ids().eq(new.channel_ids()));
    compare("status", old.status.value == new.status.value);
    compare("owner", old.owner == new.owner);
    compare("created", old.created == new.created);
    compare(
        "approval",
        approval(old.approval.as_ref()) == approval(new.approval.as_ref()),
    );
    compare(
        "medical_review",
        approval(old.medical_review.as_ref()) == approval(new.medical_review.as_ref()),
    );
    compare("on", day(&old.timing) == day(&new.timing));
    compare("between", window(&old.timing) == window(&new.timing));
    compare("repeat", repeat(old) == repeat(new));
    compare("text", text(old.text.as_ref()) == text(new.text.as_ref()));
    compare("link", old.link == new.link);
    compare("hashtags", old.hashtags == new.hashtags);
    compare("media", media(&old.media) == media(&new.media));
    let mut channels: Vec<&String> = old.variants.keys().chain(new.variants.keys()).collect();
    channels.sort();
    channels.dedup();
    let empty = Variant::default();
    for channel in channels {
        let (a, b) = (
            old.variants.get(channel).map_or(&empty, |v| &**v),
            new.variants.get(channel).map_or(&empty, |v| &**v),
        );
        let key = |field: &str| format!("variants.{channel}.{field}");
        compare(&key("text"), text(a.text.as_ref()) == text(b.text.as_ref()));
        compare(&key("link"), a.link == b.link);
        compare(&key("hashtags"), a.hashtags == b.hashtags);
        compare(
            &key("media"),
            a.media.as_deref().map(media) == b.media.as_deref().map(media),
        );
    }
    fields
}

fn text(text: Option<&crate::model::Located<String>>) -> Option<&str> {
    text.map(|t| t.value.as_str())
}

fn approval(a: Option<&Approval>) -> Option<(&str, chrono::NaiveDate, Option<&str>)> {
    a.map(|a| (a.by.as_str(), a.on, a.digest.as_deref()))
}

fn day(timing: &Timing) -> Option<chrono::NaiveDate> {
    match timing {
        Timing::On(on) => Some(on.value),
        _ => None,
    }
}

fn window(timing: &Timing) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    match timing {
        Timing::Between(between) => Some(between.value),
        _ => None,
    }
}

/// A repetition without its span, as comparable text.
fn repeat(post: &Post) -> Option<String> {
    post.repeat.as_ref().map(|r| {
        format!(
            "{:?} {} {:?} {:?} {:?}",
            r.every, r.interval, r.end, r.except, r.on_closed
        )
    })
}

type MediaKey<'a> = (&'a str, Option<&'a str>, bool, Option<&'a str>);

fn media(media: &[Media]) -> Vec<MediaKey<'_>> {
    media
        .iter()
        .map(|m| {
            (
                m.file.value.as_str(),
                m.alt.as_deref(),
                m.people,
                m.consent.as_ref().map(|c| c.value.as_str()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::load::{Memory, load_from};

    const SETTINGS: &str = "[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\n";
    const CHANNELS: &str = "[facebook]\nnetwork = \"facebook\"\n[x]\nnetwork = \"x\"\n";

    fn calendar(posts: &str) -> Calendar {
        let files: BTreeMap<String, Vec<u8>> = [
            ("edcal.toml", SETTINGS),
            ("channels.toml", CHANNELS),
            ("posts/p.toml", posts),
        ]
        .into_iter()
        .map(|(path, text)| (path.to_owned(), text.as_bytes().to_vec()))
        .collect();
        let loaded = load_from(Path::new("t"), &Memory(files)).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let checked = crate::check::check(loaded, |_| today, &|_| true);
        assert_eq!(checked.errors(), 0, "{:?}", checked.diagnostics);
        checked.calendar
    }

    const BEFORE: &str = r#"
[[post]]
id = "a"
title = "A"
channels = ["facebook", "x"]
status = "draft"
at = 2026-10-05T12:30:00
text = "un"

[[post]]
id = "gone"
title = "Gone"
channels = ["x"]
status = "idea"
"#;

    const AFTER: &str = r#"
[[post]]
id = "new"
title = "New"
channels = ["x"]
status = "idea"

[[post]]
id = "a"
title = "A"
channels = ["facebook", "x"]
status = "review"
at = 2026-10-06T12:30:00
text = "deux"

[post.variants.x]
text = "court"
"#;

    #[test]
    fn added_removed_moved_and_changed() {
        let diff = diff(&calendar(BEFORE), &calendar(AFTER));
        assert_eq!(diff.added, ["new"]);
        assert_eq!(diff.removed, ["gone"]);
        let moved: Vec<_> = diff
            .moved
            .iter()
            .map(|m| {
                (
                    m.channel.as_str(),
                    m.from.unwrap().to_rfc3339(),
                    m.to.unwrap().to_rfc3339(),
                )
            })
            .collect();
        assert_eq!(
            moved,
            [
                (
                    "facebook",
                    "2026-10-05T12:30:00+02:00".to_owned(),
                    "2026-10-06T12:30:00+02:00".to_owned()
                ),
                (
                    "x",
                    "2026-10-05T12:30:00+02:00".to_owned(),
                    "2026-10-06T12:30:00+02:00".to_owned()
                ),
            ]
        );
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(
            diff.changed[0].fields,
            ["status", "text", "variants.x.text"]
        );
        assert_eq!(
            diff.changed[0].status,
            Some((Status::Draft, Status::Review))
        );
    }

    #[test]
    fn the_same_files_make_no_diff_even_reordered() {
        let reordered = format!(
            "{}\n{}",
            &BEFORE[BEFORE.find("[[post]]\nid = \"gone\"").unwrap()..],
            &BEFORE[..BEFORE.find("[[post]]\nid = \"gone\"").unwrap()]
        );
        assert!(diff(&calendar(BEFORE), &calendar(&reordered)).is_empty());
    }

    #[test]
    fn json_has_exactly_the_four_keys_and_null_for_unplaced() {
        let placed = "[[post]]\nid = \"a\"\ntitle = \"A\"\nchannels = [\"x\"]\nstatus = \"idea\"\nat = 2026-12-01T09:00:00\n";
        let open = "[[post]]\nid = \"a\"\ntitle = \"A\"\nchannels = [\"x\"]\nstatus = \"idea\"\n";
        let json = serde_json::to_value(diff(&calendar(placed), &calendar(open))).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "added": [],
                "removed": [],
                "moved": [{ "post": "a", "channel": "x", "from": "2026-12-01T09:00:00+01:00", "to": null }],
                "changed": [],
            })
        );
    }
}
