//! What a channel publishes: the composed text, once, for lints and exports.
//!
//! What gets published: the channel's text (for one occurrence of a
//! repeating post, its own `text`; else the variant's `text`, else the
//! post's); then, if the post has hashtags the text does not already
//! contain, a blank line and `#Tag #Tag`; the link goes into the scheduler's
//! link column where its format has one, else on its own line at the end.
//!
//! Lengths are measured with the link in the text: the network receives it
//! either way (a link column is attached to the same post), and a URL counts
//! in X's and Mastodon's limits. Trailing white space of the text is dropped:
//! a TOML multi-line string ends with a newline nobody means to publish.

use std::borrow::Cow;

use chrono::NaiveDate;

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
    /// The link, tagged with `[export.utm]` by [`compose_tagged`].
    pub link: Option<Cow<'a, str>>,
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
    compose_with(post, channel, None, link, None)
}

/// [`compose`] for one occurrence of a repeating post (`None`: the post
/// itself): the occurrence's own `text`, `link` and `media` win over the
/// variant's and the post's.
pub fn compose_on<'a>(
    post: &'a Post,
    channel: &str,
    occurrence: Option<NaiveDate>,
    link: Link,
) -> Published<'a> {
    compose_with(post, channel, occurrence, link, None)
}

/// [`compose`] with the link tagged by the calendar's `[export.utm]`: what
/// plans, exports and lengths show. Approvals seal [`compose`]'s, untagged.
pub fn compose_tagged<'a>(
    calendar: &Calendar,
    post: &'a Post,
    channel: &str,
    link: Link,
) -> Published<'a> {
    compose_tagged_on(calendar, post, channel, None, link)
}

/// [`compose_tagged`] for one occurrence (see [`compose_on`]).
pub fn compose_tagged_on<'a>(
    calendar: &Calendar,
    post: &'a Post,
    channel: &str,
    occurrence: Option<NaiveDate>,
    link: Link,
) -> Published<'a> {
    let tagged = calendar.settings.utm.as_ref().and_then(|utm| {
        let url = link_of(post, channel, occurrence)?;
        let network = calendar.channels.get(channel)?.network;
        tag(url, utm, network.name(), channel, post)
    });
    compose_with(post, channel, occurrence, link, tagged)
}

/// The link as written for `channel` on `occurrence`: the occurrence's,
/// else the variant's, else the post's (possibly `""`: none).
fn link_of<'a>(post: &'a Post, channel: &str, occurrence: Option<NaiveDate>) -> Option<&'a str> {
    post.own(occurrence)
        .and_then(|o| o.link.as_deref())
        .or_else(|| post.variants.get(channel).and_then(|v| v.link.as_deref()))
        .or(post.link.as_deref())
}

/// The placeholders of `[export.utm]` templates.
pub const UTM_FIELDS: [&str; 4] = ["network", "channel", "campaign", "post"];

/// `url` with `utm_source`, `utm_medium`, `utm_campaign` and `utm_content`
/// from the templates (in that order, empty ones left out); `None` when
/// the link already carries a `utm_` parameter (it keeps its own) or no
/// template gives a value.
pub fn tag(
    url: &str,
    utm: &[Option<String>; 4],
    network: &str,
    channel: &str,
    post: &Post,
) -> Option<String> {
    let (base, fragment) = url
        .split_once('#')
        .map_or((url, None), |(b, f)| (b, Some(f)));
    let query = base.split_once('?').map(|(_, q)| q);
    if query.is_some_and(|q| q.split('&').any(|p| p.starts_with("utm_"))) {
        return None;
    }
    let mut params = Vec::new();
    for (name, template) in ["utm_source", "utm_medium", "utm_campaign", "utm_content"]
        .iter()
        .zip(utm)
    {
        let Some(template) = template else { continue };
        let value = template
            .replace("{network}", network)
            .replace("{channel}", channel)
            .replace("{campaign}", post.campaign.as_deref().unwrap_or(""))
            .replace("{post}", &post.id.value);
        if !value.is_empty() {
            params.push(format!("{name}={}", encode_query(&value)));
        }
    }
    if params.is_empty() {
        return None;
    }
    let joiner = match query {
        None => "?",
        Some("") => "",
        Some(_) => "&",
    };
    let mut out = format!("{base}{joiner}{}", params.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

/// Percent-encodes a query value: everything but RFC 3986's unreserved
/// characters.
fn encode_query(value: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn compose_with<'a>(
    post: &'a Post,
    channel: &str,
    occurrence: Option<NaiveDate>,
    link: Link,
    tagged: Option<String>,
) -> Published<'a> {
    let variant = post.variants.get(channel);
    let own = post.own(occurrence);
    let written: Option<&'a Located<String>> = own
        .and_then(|o| o.text.as_ref())
        .or_else(|| variant.and_then(|v| v.text.as_ref()))
        .or(post.text.as_ref());
    let hashtags: &'a [String] = variant
        .and_then(|v| v.hashtags.as_deref())
        .unwrap_or(&post.hashtags);
    // A variant's (or an occurrence's) `link = ""` removes the post's link.
    let url = link_of(post, channel, occurrence).filter(|url| !url.is_empty());
    let body = written.map_or("", |t| t.value.trim_end());
    let mut text = String::with_capacity(body.len() + 64);
    text.push_str(body);
    let mut missing = hashtags.iter().filter(|tag| !contains_hashtag(body, tag));
    if let Some(first) = missing.next() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push('#');
        text.push_str(first);
        for tag in missing {
            text.push_str(" #");
            text.push_str(tag);
        }
    }
    // A link the text already holds is not added again (untagged: the
    // text is the author's).
    let in_body = url.is_some_and(|u| body.contains(u));
    let url: Option<Cow<'a, str>> = match tagged {
        Some(tagged) => Some(Cow::Owned(tagged)),
        None => url.map(Cow::Borrowed),
    };
    if let (Some(url), Link::InText) = (&url, link)
        && !in_body
    {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(url);
    }
    Published {
        text,
        link: url,
        media: post.media_on(channel, occurrence),
        hashtags,
        text_span: written.map_or(post.span, |t| t.span),
        written: written.map_or("", |t| t.value.as_str()),
    }
}

/// Whether `text` has `#tag` as a whole hashtag (case-insensitive, as the
/// networks match hashtags).
pub fn contains_hashtag(text: &str, tag: &str) -> bool {
    hashtags_in(text).any(|found| lowercase(found).eq(lowercase(tag)))
}

fn lowercase(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase)
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
    measure_on(calendar, post, channel, None)
}

/// [`measure`] for one occurrence (see [`compose_on`]).
pub fn measure_on(
    calendar: &Calendar,
    post: &Post,
    channel: &str,
    occurrence: Option<NaiveDate>,
) -> Option<Measure> {
    let network = calendar.channels.get(channel)?.network;
    let limit = social_text::limits::limits(network)
        .iter()
        .find(|l| l.field == social_text::limits::Field::Text)?;
    let published = compose_tagged_on(calendar, post, channel, occurrence, Link::InText);
    Some(Measure {
        length: social_text::count::count(limit.unit, &published.text),
        limit: limit.max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_tags_are_appended_unless_the_link_has_its_own() {
        let checked = crate::testing::checked(
            &[(
                "posts/p.toml",
                "[[post]]\nid = \"p1\"\ntitle = \"T\"\nchannels = [\"fb\"]\nstatus = \"draft\"\n",
            )],
            "2026-12-01",
        );
        let post = &checked.calendar.posts[0];
        let utm = [
            Some("{network}".to_owned()),
            Some("social".to_owned()),
            Some("{campaign}".to_owned()),
            Some("{post} é".to_owned()),
        ];
        let tag = |url: &str| super::tag(url, &utm, "facebook", "fb", post);
        assert_eq!(
            tag("https://x.example/a").as_deref(),
            Some(
                "https://x.example/a?utm_source=facebook&utm_medium=social&utm_content=p1%20%C3%A9"
            )
        );
        assert_eq!(
            tag("https://x.example/a?b=1#top").as_deref(),
            Some(
                "https://x.example/a?b=1&utm_source=facebook&utm_medium=social&utm_content=p1%20%C3%A9#top"
            )
        );
        assert_eq!(tag("https://x.example/a?utm_source=presse"), None);
    }

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
        assert_eq!(facebook.link.as_deref(), Some("https://example.org/don"));
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

    #[test]
    fn an_occurrence_publishes_its_own_text_link_and_media() {
        let checked = crate::testing::checked(
            &[
                (
                    "channels.toml",
                    "[facebook]\nnetwork = \"facebook\"\n[instagram]\nnetwork = \"instagram\"\n",
                ),
                (
                    "posts/p.toml",
                    "[[post]]\nid = \"p\"\ntitle = \"P\"\nchannels = [\"facebook\", \"instagram\"]\n\
                     status = \"draft\"\nat = 2026-12-04T12:00:00\nrepeat = { every = \"week\", count = 3 }\n\
                     text = \"Conseil.\"\nlink = \"https://example.org/a\"\nhashtags = [\"Sante\"]\n\
                     [post.variants.instagram]\ntext = \"Conseil (lien en bio).\"\nlink = \"\"\n\
                     [[post.occurrence]]\non = 2026-12-11\ntext = \"Grippe.\"\nlink = \"https://example.org/grippe\"\n\
                     media = [{ file = \"https://example.org/g.jpg\", alt = \"Un vaccin\" }]\n",
                ),
            ],
            "2026-10-01",
        );
        let post = &checked.calendar.posts[0];
        let on = "2026-12-11".parse().ok();
        // The occurrence's text wins over the variant's and the post's;
        // hashtags still come from the post.
        let own = compose_on(post, "instagram", on, Link::InText);
        assert_eq!(own.text, "Grippe.\n\n#Sante\nhttps://example.org/grippe");
        assert_eq!(own.media.len(), 1);
        assert_eq!(own.written, "Grippe.");
        // Another date, or no date, is the post as written.
        let other = compose_on(post, "instagram", "2026-12-18".parse().ok(), Link::InText);
        assert_eq!(other.text, "Conseil (lien en bio).\n\n#Sante");
        assert!(other.media.is_empty());
        assert_eq!(
            compose(post, "facebook", Link::Column).text,
            compose_on(post, "facebook", None, Link::Column).text
        );
        assert_eq!(
            compose_on(post, "facebook", on, Link::Column)
                .link
                .as_deref(),
            Some("https://example.org/grippe")
        );
    }
}
