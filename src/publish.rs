//! What a channel publishes: the composed text, once, for lints and exports.
//!
//! What gets published: the channel's text (its variant's `text`,
//! else the post's); then, if the post has hashtags the text does not already
//! contain, a blank line and `#Tag #Tag`; the link goes into the scheduler's
//! link column where its format has one, else on its own line at the end.
//!
//! Lengths are measured with the link in the text: the network receives it
//! either way (a link column is attached to the same post), and a URL counts
//! in X's and Mastodon's limits. Trailing white space of the text is dropped:
//! a TOML multi-line string ends with a newline nobody means to publish.

use crate::model::{Calendar, Located, Media, Post};
use crate::source::Span;

/// Where the link goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// On its own line at the end of the text.
    InText,
    /// Left out of the text: the export format has a link column.
    Column,
}

/// One channel's publication of a post.
#[derive(Debug, Clone)]
pub struct Published<'a> {
    pub text: String,
    pub link: Option<&'a str>,
    pub media: &'a [Media],
    /// The hashtags of the pair (variant's or post's), without `#`.
    pub hashtags: &'a [String],
    /// Where the text was written: the variant's `text`, else the post's,
    /// else the post itself.
    pub text_span: Span,
    /// The written text, before hashtags and link were added.
    pub written: &'a str,
}

/// Composes what `channel` publishes of `post`.
pub fn compose<'a>(post: &'a Post, channel: &str, link: Link) -> Published<'a> {
    let variant = post.variants.get(channel);
    let written: Option<&'a Located<String>> =
        variant.and_then(|v| v.text.as_ref()).or(post.text.as_ref());
    let hashtags: &'a [String] = variant
        .and_then(|v| v.hashtags.as_deref())
        .unwrap_or(&post.hashtags);
    // A variant's `link = ""` removes the post's link on that channel.
    let url = variant
        .and_then(|v| v.link.as_deref())
        .or(post.link.as_deref())
        .filter(|url| !url.is_empty());
    let body = written.map_or("", |t| t.value.trim_end());
    let mut text = String::with_capacity(body.len() + 64);
    text.push_str(body);
    let missing: Vec<&String> = hashtags
        .iter()
        .filter(|tag| !contains_hashtag(body, tag))
        .collect();
    if !missing.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for (i, tag) in missing.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push('#');
            text.push_str(tag);
        }
    }
    if let (Some(url), Link::InText) = (url, link)
        && !body.contains(url)
    {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(url);
    }
    Published {
        text,
        link: url,
        media: post.media_for(channel),
        hashtags,
        text_span: written.map_or(post.span, |t| t.span),
        written: written.map_or("", |t| t.value.as_str()),
    }
}

/// Whether `text` has `#tag` as a whole hashtag (case-insensitive, as the
/// networks match hashtags).
pub fn contains_hashtag(text: &str, tag: &str) -> bool {
    let tag_lower = tag.to_lowercase();
    hashtags_in(text).any(|found| found.to_lowercase() == tag_lower)
}

/// The hashtags written in a text, without `#`.
pub fn hashtags_in(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('#').filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '&') {
            return None;
        }
        let rest = &text[i + 1..];
        let end = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
            .map_or(rest.len(), |(j, _)| j);
        (end > 0 && !rest[..end].chars().all(|c| c.is_ascii_digit())).then_some(&rest[..end])
    })
}

/// The calendar-wide view used by the plan: the composed text's length on a
/// channel and the network's limit, counted the network's way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub length: usize,
    pub limit: usize,
}

/// Measures the main text limit of `channel`'s network for `post`; `None`
/// when the network has no documented limit or the channel is unknown.
pub fn measure(calendar: &Calendar, post: &Post, channel: &str) -> Option<Measure> {
    let network = calendar.channels.get(channel)?.network;
    let limit = social_text::limits::limits(network)
        .iter()
        .find(|l| l.field == social_text::limits::Field::Text)?;
    let published = compose(post, channel, Link::InText);
    Some(Measure {
        length: social_text::count::count(limit.unit, &published.text),
        limit: limit.max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_found_as_whole_tags() {
        let text = "Octobre Rose #OctobreRose, voir #Dépistage2026 et C# ou #1 &#39;";
        let found: Vec<&str> = hashtags_in(text).collect();
        assert_eq!(found, ["OctobreRose", "Dépistage2026"]);
        assert!(contains_hashtag(text, "octobrerose"));
        assert!(!contains_hashtag(text, "Octobre"));
    }

    #[test]
    fn an_empty_variant_link_removes_the_link_on_its_channel() {
        let checked = crate::testing::checked(
            &[
                (
                    "channels.toml",
                    "[facebook]\nnetwork = \"facebook\"\n[instagram]\nnetwork = \"instagram\"\n",
                ),
                (
                    "posts/p.toml",
                    "[[post]]\nid = \"p\"\ntitle = \"P\"\nchannels = [\"facebook\", \"instagram\"]\n\
                     status = \"draft\"\ntext = \"Collecte de sang.\"\nlink = \"https://example.org/don\"\n\
                     [post.variants.instagram]\nlink = \"\"\n",
                ),
            ],
            "2026-10-01",
        );
        let post = &checked.calendar.posts[0];
        let facebook = compose(post, "facebook", Link::InText);
        assert_eq!(facebook.link, Some("https://example.org/don"));
        assert_eq!(facebook.text, "Collecte de sang.\nhttps://example.org/don");
        let instagram = compose(post, "instagram", Link::InText);
        assert_eq!(instagram.link, None);
        assert_eq!(instagram.text, "Collecte de sang.");
        assert!(
            !checked
                .diagnostics
                .iter()
                .any(|d| d.code == crate::rules::Code::LinkNotClickable),
            "{:?}",
            checked.diagnostics
        );
    }
}
