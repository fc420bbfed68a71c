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

use std::collections::{HashMap, HashSet};

use chrono::Duration;
use social_text::network::Network;

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Status};
use crate::occurrence::Fixed;
use crate::publish::{self, Link};
use crate::rules::Code;

/// How far apart two identical texts are reported.
pub const WINDOW_DAYS: i64 = 30;

/// `fixed` is [`Calendar::fixed`]: sorted by channel, then time.
pub fn check(calendar: &Calendar, fixed: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    let window = Duration::days(WINDOW_DAYS);
    // The latest pair seen on the current channel with each text.
    let mut latest: HashMap<u64, &Fixed<'_>> = HashMap::new();
    // Repeating posts already reported on a channel: once each.
    let mut repeated: HashSet<(&str, &str)> = HashSet::new();
    let mut channel = "";
    for pair in fixed {
        if pair.channel != channel {
            latest.clear();
            channel = pair.channel;
        }
        let Some(network) = calendar.channels.get(pair.channel).map(|c| c.network) else {
            continue;
        };
        // An idea is a note, not a post; a published post is history, but
        // still the first of two.
        if pair.post.status.value == Status::Idea {
            continue;
        }
        let published_already = pair.post.status.value == Status::Published;
        let published = publish::compose_on(pair.post, pair.channel, pair.occurrence, Link::InText);
        // A hash of the normalized text, not the text: 100,000 texts kept
        // as keys would cost tens of MiB. A match is confirmed on the texts.
        let Some(key) = key(&published.text) else {
            continue;
        };
        let same_text = |earlier: &Fixed<'_>| {
            normalized(
                &publish::compose_on(earlier.post, pair.channel, earlier.occurrence, Link::InText)
                    .text,
            ) == normalized(&published.text)
        };
        let same_post = latest
            .get(&key)
            .is_some_and(|earlier| std::ptr::eq(earlier.post, pair.post));
        let matches = latest.get(&key).is_some_and(|earlier| same_text(earlier));
        if published_already {
            // Not reported: what went out cannot change.
        } else if same_post
            && matches
            && let Some(earlier) = latest.get(&key)
            && network == Network::X
            && pair.time.instant - earlier.time.instant <= window
            && repeated.insert((pair.post.id.value.as_str(), pair.channel))
        {
            out.push(
                Diagnostic::new(
                    Code::DuplicateText,
                    published.text_span,
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
        } else if !same_post
            && matches
            && let Some(earlier) = latest.get(&key)
            && pair.time.instant - earlier.time.instant <= window
        {
            let days = (pair.time.local.date() - earlier.time.local.date()).num_days();
            out.push(
                Diagnostic::new(
                    Code::DuplicateText,
                    published.text_span,
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
        latest.insert(key, pair);
    }
}

/// A hash of [`normalized`] `text`, computed without building it; `None`
/// for a text without words.
fn key(text: &str) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut words = 0usize;
    for word in text.split_whitespace() {
        ' '.hash(&mut hasher);
        for c in word.chars().flat_map(char::to_lowercase) {
            c.hash(&mut hasher);
        }
        words += 1;
    }
    (words > 0).then(|| hasher.finish())
}

/// The text as compared: lowercase, white space collapsed to one space.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_compare_without_case_or_spacing() {
        assert_eq!(normalized("  Bonjour\n\nà  TOUS "), "bonjour à tous");
        assert_eq!(normalized(""), "");
        assert_eq!(key("  Bonjour\n\nà  TOUS "), key("bonjour à tous"));
        assert_ne!(key("bonjour à tous"), key("bonjour à tout"));
        assert_eq!(key(" \n "), None);
    }
}
