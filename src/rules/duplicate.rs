//! `duplicate-text`: the same composed text twice on one channel within 30
//! days.
//!
//! X refuses a post that repeats one the account published recently, and on
//! every network followers see the same words twice. Texts are compared as
//! the channel publishes them (hashtags and link included), case and runs of
//! white space aside. Empty texts are not compared (an idea without words yet
//! duplicates nothing). The occurrences of one repeating post are compared
//! only on X: elsewhere the repetition is the team's choice (a weekly
//! digest), on X it would be refused.

use std::collections::HashMap;

use chrono::Duration;
use social_text::network::Network;

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Fixed};
use crate::publish::{self, Link};
use crate::rules::Code;

/// How far apart two identical texts are reported.
pub const WINDOW_DAYS: i64 = 30;

/// `fixed` is [`Calendar::fixed`]: sorted by channel, then time.
pub fn check(calendar: &Calendar, fixed: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    let window = Duration::days(WINDOW_DAYS);
    // The latest pair seen on the current channel with each text.
    let mut latest: HashMap<String, &Fixed<'_>> = HashMap::new();
    let mut channel = "";
    for pair in fixed {
        if pair.channel != channel {
            latest.clear();
            channel = pair.channel;
        }
        let Some(network) = calendar.channels.get(pair.channel).map(|c| c.network) else {
            continue;
        };
        let published = publish::compose(pair.post, pair.channel, Link::InText);
        let key = normalized(&published.text);
        if key.is_empty() {
            continue;
        }
        if let Some(earlier) = latest.get(&key)
            && pair.time.instant - earlier.time.instant <= window
            && (!std::ptr::eq(earlier.post, pair.post) || network == Network::X)
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
                    publish::compose(earlier.post, pair.channel, Link::InText).text_span,
                    "published first here",
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
    }
}
