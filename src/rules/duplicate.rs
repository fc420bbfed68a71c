//! `duplicate-text`: the same composed text twice on one channel within 30
//! days.
//!
//! X refuses a post that repeats one the account published recently, and on
//! every network followers see the same words twice. Texts are compared as
//! the channel publishes them (hashtags and link included), case and runs of
//! white space aside. Empty texts are not compared (an idea without words yet
//! duplicates nothing), nor ideas; a published post is the first of two,
//! never the one reported. The occurrences of one repeating post are compared
//! only on X, and reported once: elsewhere the repetition is the team's
//! choice (a weekly digest), on X it would be refused.

use std::collections::HashSet;

use chrono::Duration;
use social_text::network::Network;

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Post, Status};
use crate::occurrence::Fixed;
use crate::publish::{self, Link};
use crate::rules::Code;

/// How far apart two identical texts are reported.
pub const WINDOW_DAYS: i64 = 30;

/// `fixed` is [`Calendar::fixed`], or a part of it holding whole channels:
/// sorted by channel, then time. Channels are independent, so `check` runs
/// one task per channel.
pub fn check(
    calendar: &Calendar,
    fixed: &[Fixed<'_>],
    known: &Keys<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let window = Duration::days(WINDOW_DAYS);
    let keys = keys(fixed, known, window);
    // The latest pair seen on the current channel with each text.
    let mut latest: rustc_hash::FxHashMap<u64, &Fixed<'_>> = rustc_hash::FxHashMap::default();
    // Repeating posts already reported on a channel: once each.
    let mut repeated: HashSet<(&str, &str)> = HashSet::new();
    let mut channel = "";
    let mut network = None;
    for (pair, key) in fixed.iter().zip(keys) {
        if pair.channel != channel {
            latest.clear();
            channel = pair.channel;
            network = calendar.channels.get(channel).map(|c| c.network);
        }
        let (Some(key), Some(network)) = (key, network) else {
            continue;
        };
        // A published post is history, but still the first of two.
        let published_already = pair.status == Status::Published;
        let published =
            || publish::compose_on(pair.post, pair.channel, pair.occurrence, Link::InText);
        // The earlier pair with the same hash, when within the window and
        // the texts are the same (the time is compared first: it is cheap,
        // and most texts that come back do after more than 30 days).
        let earlier = latest
            .insert(key, pair)
            .filter(|earlier| pair.time.instant - earlier.time.instant <= window)
            .filter(|_| !published_already)
            .filter(|earlier| {
                let text = publish::compose_on(
                    earlier.post,
                    pair.channel,
                    earlier.occurrence,
                    Link::InText,
                )
                .text;
                normalized(&text) == normalized(&published().text)
            });
        let same_post = earlier.is_some_and(|earlier| std::ptr::eq(earlier.post, pair.post));
        if let Some(earlier) = earlier
            && same_post
            && network == Network::X
            && repeated.insert((pair.post.id.value.as_str(), pair.channel))
        {
            out.push(
                Diagnostic::new(
                    Code::DuplicateText,
                    published().text_span,
                    format!(
                        "`{}` repeats the same text on `{}` ({}, then {})",
                        pair.post.id.value,
                        pair.channel,
                        earlier.time.local.format("%Y-%m-%d"),
                        pair.time.local.format("%Y-%m-%d"),
                    ),
                )
                .label("the same text at every occurrence")
                .help(format!(
                    "X refuses an exact duplicate: take `{}` off the repetition, or write each occurrence as its own post",
                    pair.channel
                ))
                .post(&pair.post.id.value)
                .channel(pair.channel),
            );
        } else if let Some(earlier) = earlier
            && !same_post
        {
            let days = (pair.time.local.date() - earlier.time.local.date()).num_days();
            out.push(
                Diagnostic::new(
                    Code::DuplicateText,
                    published().text_span,
                    format!(
                        "`{}` publishes on `{}` the same text as `{}`, {days} day{} earlier ({})",
                        pair.id(),
                        pair.channel,
                        earlier.id(),
                        if days == 1 { "" } else { "s" },
                        earlier.time.local.format("%Y-%m-%d %H:%M"),
                    ),
                )
                .label("the same text")
                .note(
                    publish::compose_on(
                        earlier.post,
                        pair.channel,
                        earlier.occurrence,
                        Link::InText,
                    )
                    .text_span,
                    "the same text first here",
                )
                .help(format!(
                    "reword one of them, or give `{}` its own `[post.variants.{}]` text{}",
                    pair.post.id.value,
                    pair.channel,
                    if network == Network::X {
                        " (X refuses an exact duplicate)"
                    } else {
                        ""
                    }
                ))
                .post(&pair.post.id.value)
                .channel(pair.channel),
            );
        }
    }
}

/// The hashes ([`key`]) of the composed texts of posts on their channels,
/// by post (its address) and channel: what [`keys_of`] gives. Hashed with
/// rustc's FxHash: these keys are addresses and channel ids, not input
/// anyone chooses, and SipHash took a third of building and reading the map
/// of 200,000 pairs.
pub type Keys<'a> = rustc_hash::FxHashMap<(usize, &'a str), Option<u64>>;

/// The hashes of the texts of `posts` on each of their channels, computed
/// with the publishing rules while each post is at hand (reaching 100,000
/// posts again, in the pairs' order of time, took most of this rule's
/// time). Only the posts that can be reported are hashed, and not the
/// occurrences of a repeating post (each may have its own text): `check`
/// hashes the others itself.
pub fn keys_of<'a>(posts: &'a [Box<Post>], out: &mut Vec<((usize, &'a str), Option<u64>)>) {
    let mut buffer = String::new();
    for post in posts {
        if post.repeat.is_some()
            || matches!(
                post.status.value,
                Status::Idea | Status::Published | Status::Cancelled
            )
        {
            continue;
        }
        // Channels without a variant publish the same text: hashed once.
        let mut shared = None;
        for channel in post.channel_ids() {
            let mut hash = || {
                let text = publish::compose_on(post, channel, None, Link::InText).text;
                key(&text, &mut buffer)
            };
            let key = if post.variants.contains_key(channel) {
                hash()
            } else {
                *shared.get_or_insert_with(hash)
            };
            out.push(((address(post), channel), key));
        }
    }
}

fn address(post: &Post) -> usize {
    std::ptr::from_ref(post) as usize
}

/// The hash of the composed text of each pair of `fixed` that can matter
/// (see [`key`]): `None` for an idea, a text without words, and a pair that
/// cannot be reported and is not within the window before one that can (an
/// archive's years of history are not composed). Taken from `known` when
/// it has them.
fn keys(fixed: &[Fixed<'_>], known: &Keys<'_>, window: Duration) -> Vec<Option<u64>> {
    // A pair that can be reported: neither an idea nor published.
    let reportable = |pair: &Fixed<'_>| !matches!(pair.status, Status::Idea | Status::Published);
    let mut keys = Vec::with_capacity(fixed.len());
    let mut buffer = String::new();
    // The index of the next reportable pair, at or after the current one.
    let mut next = 0;
    for (i, pair) in fixed.iter().enumerate() {
        while next < fixed.len() && (next < i || !reportable(&fixed[next])) {
            next += 1;
        }
        let matters = reportable(pair)
            || fixed.get(next).is_some_and(|later| {
                later.channel == pair.channel && later.time.instant - pair.time.instant <= window
            });
        let key = if !matters || pair.status == Status::Idea {
            None
        } else if let Some(&key) = pair
            .occurrence
            .is_none()
            .then(|| known.get(&(address(pair.post), pair.channel)))
            .flatten()
        {
            key
        } else {
            let text =
                publish::compose_on(pair.post, pair.channel, pair.occurrence, Link::InText).text;
            key(&text, &mut buffer)
        };
        keys.push(key);
    }
    keys
}

/// A hash of [`normalized`] `text`, `None` for a text without words.
/// `buffer` is reused from pair to pair: hashing the normalized bytes at
/// once is several times faster than hashing them a character at a time.
fn key(text: &str, buffer: &mut String) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    normalize_into(text, buffer);
    if buffer.is_empty() {
        return None;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    buffer.hash(&mut hasher);
    Some(hasher.finish())
}

/// The text as compared: lowercase, white space collapsed to one space.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalized`] into `out`, which is cleared first.
fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // ASCII runs copied and lowercased as bytes, the rest a character
        // at a time.
        let mut rest = word;
        while !rest.is_empty() {
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            let start = out.len();
            out.push_str(&rest[..ascii]);
            out[start..].make_ascii_lowercase();
            rest = &rest[ascii..];
            if let Some(c) = rest.chars().next() {
                for lower in c.to_lowercase() {
                    out.push(lower);
                }
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNELS: &str = "[facebook]\nnetwork = \"facebook\"\n\n[x]\nnetwork = \"x\"\n";

    fn post(id: &str, status: &str, at: &str, text: &str, extra: &str) -> String {
        format!(
            "[[post]]\nid = \"{id}\"\ntitle = \"t\"\nchannels = [\"facebook\", \"x\"]\n\
             status = \"{status}\"\nat = {at}\ntext = \"{text}\"\n{extra}\n"
        )
    }

    /// The duplicate-text messages of a calendar of `posts`, as `check`
    /// finds them, and as the rule finds them with no hash computed ahead
    /// (every text composed in the pairs' order): the two must agree.
    fn found(posts: &[String]) -> Vec<String> {
        let checked = crate::testing::checked(
            &[
                ("channels.toml", CHANNELS),
                ("posts/p.toml", &posts.concat()),
            ],
            "2026-08-01",
        );
        let messages = |diagnostics: &[Diagnostic]| -> Vec<String> {
            let mut m: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.code == Code::DuplicateText)
                .map(|d| d.message.clone())
                .collect();
            m.sort();
            m
        };
        let fixed = checked.calendar.fixed();
        let mut alone = Vec::new();
        for channel in fixed.chunk_by(|a, b| a.channel == b.channel) {
            check(&checked.calendar, channel, &Keys::default(), &mut alone);
        }
        let in_check = messages(&checked.diagnostics);
        assert_eq!(in_check, messages(&alone));
        in_check
    }

    #[test]
    fn history_is_the_first_of_two_within_the_window_only() {
        let sent = "approval = { by = \"lead\", on = 2026-05-01 }";
        let found = found(&[
            post(
                "old",
                "published",
                "2026-06-01T10:00:00",
                "Même texte",
                sent,
            ),
            post(
                "recent",
                "published",
                "2026-08-20T10:00:00",
                "Autre texte",
                sent,
            ),
            post("a", "draft", "2026-08-25T10:00:00", "AUTRE   texte", ""),
            post("b", "draft", "2026-09-15T10:00:00", "Même texte", ""),
        ]);
        assert_eq!(
            found,
            [
                "`a` publishes on `facebook` the same text as `recent`, 5 days earlier (2026-08-20 10:00)",
                "`a` publishes on `x` the same text as `recent`, 5 days earlier (2026-08-20 10:00)",
            ]
        );
    }

    #[test]
    fn a_repeating_text_is_reported_once_and_on_x_only() {
        let found = found(&[post(
            "weekly",
            "draft",
            "2026-09-07T10:00:00",
            "Chaque semaine",
            "repeat = { every = \"week\", count = 3 }",
        )]);
        assert_eq!(
            found,
            ["`weekly` repeats the same text on `x` (2026-09-07, then 2026-09-14)"]
        );
    }

    #[test]
    fn texts_compare_without_case_or_spacing() {
        assert_eq!(normalized("  Bonjour\n\nà  TOUS "), "bonjour à tous");
        assert_eq!(normalized(""), "");
        let key = |text: &str| key(text, &mut String::new());
        assert_eq!(key("  Bonjour\n\nà  TOUS "), key("bonjour à tous"));
        assert_eq!(key("Bonjour\tÀ tous"), key("bonjour à TOUS"));
        assert_ne!(key("bonjour à tous"), key("bonjour à tout"));
        assert_eq!(key(" \n "), None);
    }
}
