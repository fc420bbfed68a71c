//! Sealed approvals: the digest `edcal approve` and `edcal review` write into
//! `approval.digest` / `medical_review.digest`, and the comparison that says
//! whether what a channel would publish today is still what was approved.
//!
//! A seal answers one question: "is this exactly what the lead (or the
//! physician) said yes to?" It is an integrity check against accidental or
//! unreviewed edits, not a signature: anyone who can write the files can run
//! `edcal approve` again, and git's history says who did. So a short,
//! truncated hash is enough, and it keeps the TOML line readable.
//!
//! # The digest, exactly (version 1)
//!
//! ```text
//! v1:<channel>=<T>.<L>.<M>;<channel>=<T>.<L>.<M>;…
//! ```
//!
//! One entry per channel of the post, sorted by channel id (byte order),
//! separated by `;`. For each channel, three parts separated by `.`, each the
//! first 8 lowercase hex digits (32 bits) of the SHA-256 of a canonical form,
//! or `-` when the part is empty:
//!
//! - `T`, the text: the UTF-8 bytes of the composed text of the channel,
//!   exactly as [`publish::compose`] builds it with [`Link::Column`] (the
//!   variant's text or the post's, trailing white space dropped, the missing
//!   hashtags appended). Never `-`: an empty text is hashed too.
//! - `L`, the link: the UTF-8 bytes of the channel's link (the variant's, else
//!   the post's); `-` when there is none.
//! - `M`, the media: the compact JSON (no spaces, as `serde_json` writes it)
//!   of the array of the channel's media in order (the variant's media, else
//!   the post's), each an array `[file, content, alt]`: `file` as written
//!   (a path relative to the calendar folder, or a URL); `content` is
//!   `"sha256:<64 hex>"` of the file's bytes for a local file, `"url"` for a
//!   URL (edcal does not fetch it: the URL is what is sealed), `"missing"` for
//!   a local file that cannot be read; `alt` is the alt text or `null`. `-`
//!   when the channel has no media.
//!
//! Example: `v1:facebook=3f2a9c1e.-.-;instagram=0b4d7e21.-.9a8b7c6d`.
//!
//! A repeating post's own dates (`[[post.occurrence]]`) are sealed too,
//! in the parts they set: for each one not skipped, by date, the part's
//! bytes above are followed by `0x1E`, the date `YYYY-MM-DD`, `0x1F` and
//! that occurrence's value on the channel (its composed text; its link,
//! empty for `link = ""`; its media's canonical form, empty for
//! `media = []`); a link or media part with no value of its own is then
//! empty bytes rather than `-`. A post without own dates hashes exactly
//! the bytes above: its seals did not change. A skipped date is not
//! sealed: it publishes nothing (as timing, it is not the content).
//!
//! The digest is computed from values, never from the file's bytes: moving a
//! key, reflowing an inline table, changing a comment, `edcal fmt` or
//! `schedule --write` (which only adds `at`) do not break it. Timing is not
//! sealed (the lead approves a content; placing it is `schedule`'s job).
//! Content hashes of local files are in it: an image swapped under the same
//! name breaks the seal.
//!
//! # Comparing
//!
//! A seal is compared channel by channel and part by part, so that
//! `stale-approval` says what changed ("text changed on `facebook`"). A
//! channel added to the post since the seal is a change (nothing was approved
//! for it); a channel removed is not (what remains was approved as it is). A
//! digest that is not a version 1 seal cannot be verified and counts as
//! stale.
//!
//! Seals are verified only when the check could read the media files
//! ([`Calendar::media_sha256`] is `Some`): a calendar read from a git revision
//! or built in a unit test has no seal verdicts.

use std::collections::BTreeMap;
use std::fmt;

use sha2::{Digest as _, Sha256};

use crate::model::{Approval, Calendar, Post, Role};
use crate::publish::{self, Link};

/// The version tag a digest starts with.
pub const VERSION: &str = "v1:";

/// Hex digits kept of each part's SHA-256.
const PART_HEX: usize = 8;

/// The lowercase hex SHA-256 of `bytes`, all 64 digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn part(bytes: &[u8]) -> String {
    let mut h = sha256_hex(bytes);
    h.truncate(PART_HEX);
    h
}

/// What a seal holds for one channel: the three parts, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub text: String,
    pub link: String,
    pub media: String,
}

/// A whole seal: channel id to parts, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seal(pub BTreeMap<String, Parts>);

impl fmt::Display for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(VERSION)?;
        for (i, (channel, p)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(";")?;
            }
            write!(f, "{channel}={}.{}.{}", p.text, p.link, p.media)?;
        }
        Ok(())
    }
}

impl Seal {
    /// Reads a digest as written; `None` when it is not a version 1 seal.
    pub fn parse(digest: &str) -> Option<Seal> {
        let body = digest.trim().strip_prefix(VERSION)?;
        let mut seal = BTreeMap::new();
        for entry in body.split(';').filter(|e| !e.is_empty()) {
            let (channel, parts) = entry.split_once('=')?;
            let mut it = parts.split('.');
            let (text, link, media) = (it.next()?, it.next()?, it.next()?);
            if it.next().is_some() || !crate::resolve::is_id(channel) {
                return None;
            }
            let ok = |p: &str| {
                p == "-" || (p.len() == PART_HEX && p.bytes().all(|b| b.is_ascii_hexdigit()))
            };
            if !(ok(text) && ok(link) && ok(media)) {
                return None;
            }
            seal.insert(
                channel.to_owned(),
                Parts {
                    text: text.to_ascii_lowercase(),
                    link: link.to_ascii_lowercase(),
                    media: media.to_ascii_lowercase(),
                },
            );
        }
        (!seal.is_empty()).then_some(Seal(seal))
    }
}

/// How a local media file's content is known: its SHA-256 (hex) by path;
/// `None` for a file that cannot be read.
pub type Content<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The canonical media form of one channel (see the module doc), or `None`
/// when the channel has no media.
pub fn media_form(post: &Post, channel: &str, content: Content<'_>) -> Option<String> {
    media_rows(post.media_for(channel), content)
}

/// The canonical form of a list of media, `None` when empty.
fn media_rows(media: &[crate::model::Media], content: Content<'_>) -> Option<String> {
    if media.is_empty() {
        return None;
    }
    let rows: Vec<(&str, String, Option<&str>)> = media
        .iter()
        .map(|m| {
            let c = if m.is_url() {
                "url".to_owned()
            } else {
                content(&m.file.value)
                    .map_or_else(|| "missing".to_owned(), |h| format!("sha256:{h}"))
            };
            (m.file.value.as_str(), c, m.alt.as_deref())
        })
        .collect();
    Some(serde_json::to_string(&rows).expect("strings serialise"))
}

/// The parts of one channel of `post`.
pub fn parts(post: &Post, channel: &str, content: Content<'_>) -> Parts {
    let published = publish::compose(post, channel, Link::Column);
    let mut text = published.text.into_bytes();
    let mut link = published.link.map(|l| l.into_owned().into_bytes());
    let mut media = media_form(post, channel, content).map(String::into_bytes);
    // A repeating post's own dates, each part that one sets (see the
    // module doc): nothing is appended for a post without them, so their
    // seals stay what they were.
    for own in post.occurrences.iter().filter(|o| !o.skip) {
        let on = publish::compose_on(post, channel, Some(own.on), Link::Column);
        if own.text.is_some() {
            occurrence_suffix(&mut text, own.on, on.text.as_bytes());
        }
        if own.link.is_some() {
            let link = link.get_or_insert_with(Vec::new);
            occurrence_suffix(link, own.on, on.link.as_deref().unwrap_or("").as_bytes());
        }
        if own.media.is_some() {
            let form = media_rows(on.media, content).unwrap_or_default();
            occurrence_suffix(media.get_or_insert_with(Vec::new), own.on, form.as_bytes());
        }
    }
    Parts {
        text: part(&text),
        link: link.map_or_else(|| "-".to_owned(), |l| part(&l)),
        media: media.map_or_else(|| "-".to_owned(), |m| part(&m)),
    }
}

/// Appends one occurrence's value to a part's bytes:
/// `0x1E YYYY-MM-DD 0x1F value` (ASCII record and unit separators, which
/// no text of a calendar holds: edcal refuses control characters).
fn occurrence_suffix(bytes: &mut Vec<u8>, on: chrono::NaiveDate, value: &[u8]) {
    bytes.push(0x1e);
    bytes.extend_from_slice(on.format("%Y-%m-%d").to_string().as_bytes());
    bytes.push(0x1f);
    bytes.extend_from_slice(value);
}

/// The seal of what every channel of `post` publishes now.
pub fn seal(post: &Post, content: Content<'_>) -> Seal {
    Seal(
        post.channel_ids()
            .map(|c| (c.to_owned(), parts(post, c, content)))
            .collect(),
    )
}

/// What changed on one channel since a seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    Text,
    Link,
    Media,
    /// The channel was not in the seal.
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub channel: String,
    pub what: What,
}

/// Whether a seal still holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The approval has no digest (written by hand).
    Unsealed,
    /// Everything sealed is still what would be published.
    Current,
    /// Sealed, and these changed since (in channel order).
    Changed(Vec<Change>),
    /// The digest is not a seal edcal can read.
    Unreadable,
}

impl Verdict {
    pub fn is_stale(&self) -> bool {
        matches!(self, Verdict::Changed(_) | Verdict::Unreadable)
    }
}

/// Compares `digest` with what `post` publishes now.
pub fn verify(post: &Post, digest: &str, content: Content<'_>) -> Verdict {
    let Some(sealed) = Seal::parse(digest) else {
        return Verdict::Unreadable;
    };
    let now = seal(post, content);
    let mut changes = Vec::new();
    for (channel, parts) in &now.0 {
        let Some(old) = sealed.0.get(channel) else {
            changes.push(Change {
                channel: channel.clone(),
                what: What::Added,
            });
            continue;
        };
        for (what, a, b) in [
            (What::Text, &old.text, &parts.text),
            (What::Link, &old.link, &parts.link),
            (What::Media, &old.media, &parts.media),
        ] {
            if a != b {
                changes.push(Change {
                    channel: channel.clone(),
                    what,
                });
            }
        }
    }
    if changes.is_empty() {
        Verdict::Current
    } else {
        Verdict::Changed(changes)
    }
}

/// "text changed on `facebook`, link and media changed on `x`, `tiktok` was
/// not part of it".
pub fn describe(changes: &[Change]) -> String {
    let mut by_channel: Vec<(&str, Vec<What>)> = Vec::new();
    for c in changes {
        match by_channel.last_mut() {
            Some((ch, whats)) if *ch == c.channel => whats.push(c.what),
            _ => by_channel.push((&c.channel, vec![c.what])),
        }
    }
    let phrases: Vec<String> = by_channel
        .iter()
        .map(|(channel, whats)| {
            if whats.contains(&What::Added) {
                return format!("channel `{channel}` was added since");
            }
            let names: Vec<&str> = whats
                .iter()
                .map(|w| match w {
                    What::Text => "text",
                    What::Link => "link",
                    What::Media => "media",
                    What::Added => "channel",
                })
                .collect();
            let list = match names.as_slice() {
                [one] => (*one).to_owned(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            format!("{list} changed on `{channel}`")
        })
        .collect();
    phrases.join("; ")
}

/// The media lookup of a checked calendar: what `check` read.
fn calendar_content(calendar: &Calendar) -> Option<impl Fn(&str) -> Option<String> + '_> {
    let map = calendar.media_sha256.as_ref()?;
    Some(move |path: &str| map.get(path).cloned())
}

/// The verdict on one approval or review of `post`; `None` when there is
/// nothing to say (no approval) or the calendar's media were not read.
pub fn verdict(calendar: &Calendar, post: &Post, approval: Option<&Approval>) -> Option<Verdict> {
    let approval = approval?;
    let Some(digest) = &approval.digest else {
        return Some(Verdict::Unsealed);
    };
    let content = calendar_content(calendar)?;
    Some(verify(post, digest, &content))
}

/// Whether the approval or the medical review of `post` is stale.
pub fn is_stale(calendar: &Calendar, post: &Post) -> bool {
    [post.approval.as_ref(), post.medical_review.as_ref()]
        .into_iter()
        .any(|a| verdict(calendar, post, a).is_some_and(|v| v.is_stale()))
}

/// Whether `post` needs a physician's review (one of its themes asks).
pub fn needs_review(calendar: &Calendar, post: &Post) -> bool {
    post.themes
        .iter()
        .any(|t| calendar.themes.get(t).is_some_and(|t| t.medical_review))
}

/// With `[rules] sealed_approvals`: the lead's approval, or the physician's
/// review the post needs, carries no digest. `None` when the calendar does
/// not ask for seals.
pub fn unsealed(calendar: &Calendar, post: &Post) -> Option<&'static str> {
    if !calendar.rules.sealed_approvals {
        return None;
    }
    let by_role = |a: Option<&Approval>, role: Role| {
        a.is_some_and(|a| calendar.team.get(&a.by).is_some_and(|m| m.role == role))
    };
    if by_role(post.approval.as_ref(), Role::Lead)
        && post.approval.as_ref().is_some_and(|a| a.digest.is_none())
    {
        return Some("approval");
    }
    if needs_review(calendar, post)
        && by_role(post.medical_review.as_ref(), Role::Physician)
        && post
            .medical_review
            .as_ref()
            .is_some_and(|a| a.digest.is_none())
    {
        return Some("medical review");
    }
    None
}

/// The SHA-256 of every local media file of the posts that carry a seal,
/// read through `content`; what [`crate::check`] stores in
/// [`Calendar::media_sha256`]. Only sealed posts' files are read, so that a
/// calendar without seals never reads its videos.
pub fn media_hashes(calendar: &Calendar, content: Content<'_>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for post in &calendar.posts {
        let sealed = [&post.approval, &post.medical_review]
            .iter()
            .any(|a| a.as_ref().is_some_and(|a| a.digest.is_some()));
        if !sealed {
            continue;
        }
        for media in post.all_media().filter(|m| !m.is_url()) {
            if out.contains_key(&media.file.value) {
                continue;
            }
            if let Some(h) = content(&media.file.value) {
                out.insert(media.file.value.clone(), h);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNELS: &str =
        "[facebook]\nnetwork = \"facebook\"\n[instagram]\nnetwork = \"instagram\"\n";

    fn post(text: &str) -> crate::check::Checked {
        crate::testing::checked(
            &[("channels.toml", CHANNELS), ("posts/p.toml", text)],
            "2026-10-01",
        )
    }

    fn content(path: &str) -> Option<String> {
        match path {
            "media/a.jpg" => Some(sha256_hex(b"image a")),
            "media/b.jpg" => Some(sha256_hex(b"image b")),
            _ => None,
        }
    }

    fn digest_of(text: &str) -> String {
        let checked = post(text);
        seal(&checked.calendar.posts[0], &content).to_string()
    }

    const BASE: &str = r#"
[[post]]
id = "p"
title = "P"
channels = ["instagram", "facebook"]
status = "draft"
text = """
Bonjour à tous.
"""
link = "https://example.org/a"
hashtags = ["OctobreRose"]

[[post.media]]
file = "media/a.jpg"
alt = "Une image"
"#;

    #[test]
    fn the_digest_has_the_documented_shape() {
        let d = digest_of(BASE);
        let re = |s: &str| {
            let body = s.strip_prefix("v1:").unwrap();
            let entries: Vec<&str> = body.split(';').collect();
            assert_eq!(entries.len(), 2, "{s}");
            assert!(entries[0].starts_with("facebook="), "sorted: {s}");
            assert!(entries[1].starts_with("instagram="), "{s}");
            for e in entries {
                let parts: Vec<&str> = e.split_once('=').unwrap().1.split('.').collect();
                assert_eq!(parts.len(), 3);
                assert!(parts.iter().all(|p| p.len() == 8), "{s}");
            }
        };
        re(&d);
        assert_eq!(Seal::parse(&d).unwrap().to_string(), d);
        let checked = post(BASE);
        let p = &checked.calendar.posts[0];
        let text = publish::compose(p, "facebook", Link::Column).text;
        assert_eq!(text, "Bonjour à tous.\n\n#OctobreRose");
        assert!(d.contains(&format!("facebook={}.", &sha256_hex(text.as_bytes())[..8])));
        assert_eq!(
            media_form(p, "facebook", &content).unwrap(),
            format!(
                "[[\"media/a.jpg\",\"sha256:{}\",\"Une image\"]]",
                sha256_hex(b"image a")
            )
        );
    }

    #[test]
    fn the_digest_is_stable_under_reformatting() {
        let reformatted = r#"
# a comment, keys moved, strings re-quoted, tables inlined
[[post]]
status = 'draft'
channels = [ "facebook",
  "instagram" ]
hashtags = [ 'OctobreRose' ]
id = "p"
link = 'https://example.org/a'
media = [ { alt = "Une image", file = "media/a.jpg" } ]
text = "Bonjour à tous.\n"   # same value, basic string
title = "Another title, not published"
at = 2026-10-05T12:30:00
"#;
        assert_eq!(digest_of(BASE), digest_of(reformatted));
    }

    #[test]
    fn the_digest_changes_with_text_link_media_and_alt() {
        let base = digest_of(BASE);
        let edits = [
            ("Bonjour à tous.", "Bonjour à toutes."),
            ("example.org/a", "example.org/b"),
            ("media/a.jpg", "media/b.jpg"),
            ("Une image", "Une autre image"),
            ("[\"OctobreRose\"]", "[\"OctobreRose\", \"Sante\"]"),
        ];
        for (from, to) in edits {
            let d = digest_of(&BASE.replace(from, to));
            assert_ne!(d, base, "{from} -> {to}");
        }
    }

    #[test]
    fn a_swapped_file_under_the_same_name_breaks_the_seal() {
        let checked = post(BASE);
        let p = &checked.calendar.posts[0];
        let d = seal(p, &content).to_string();
        let swapped = |path: &str| (path == "media/a.jpg").then(|| sha256_hex(b"another image"));
        assert_eq!(
            verify(p, &d, &swapped),
            Verdict::Changed(vec![
                Change {
                    channel: "facebook".into(),
                    what: What::Media
                },
                Change {
                    channel: "instagram".into(),
                    what: What::Media
                },
            ])
        );
    }

    #[test]
    fn verify_names_what_changed_per_channel() {
        let d = digest_of(BASE);
        let edited = BASE.replace(
            "alt = \"Une image\"\n",
            "alt = \"Une image\"\n\n[post.variants.instagram]\ntext = \"Autre texte\"\nlink = \"https://example.org/i\"\n",
        );
        let checked = post(&edited);
        let v = verify(&checked.calendar.posts[0], &d, &content);
        let Verdict::Changed(changes) = &v else {
            panic!("{v:?}")
        };
        assert_eq!(describe(changes), "text and link changed on `instagram`");
        assert_eq!(
            verify(&post(BASE).calendar.posts[0], &d, &content),
            Verdict::Current
        );
    }

    #[test]
    fn added_channels_are_changes_and_removed_ones_are_not() {
        let one = BASE.replace("[\"instagram\", \"facebook\"]", "[\"facebook\"]");
        let d_one = digest_of(&one);
        let checked = post(BASE);
        let v = verify(&checked.calendar.posts[0], &d_one, &content);
        let Verdict::Changed(changes) = &v else {
            panic!("{v:?}")
        };
        assert_eq!(describe(changes), "channel `instagram` was added since");
        let d_two = digest_of(BASE);
        assert_eq!(
            verify(&post(&one).calendar.posts[0], &d_two, &content),
            Verdict::Current
        );
    }

    #[test]
    fn unreadable_digests_are_stale() {
        let checked = post(BASE);
        let p = &checked.calendar.posts[0];
        for d in [
            "",
            "v1:",
            "sha256:abc",
            "v1:facebook=zz.-.-",
            "v2:facebook=12345678.-.-",
        ] {
            assert_eq!(verify(p, d, &content), Verdict::Unreadable, "{d}");
        }
    }
}
