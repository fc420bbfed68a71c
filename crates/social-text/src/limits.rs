//! What each network accepts: text limits in the network's own unit, plus the few facts a
//! lint needs about media, links, hashtags and forbidden characters.
//!
//! It owns the table as data, each number with its source (the public address it was read from) and whether a primary source confirms both
//! the number and the unit (`verified`). It does not count (that is [`crate::count`]) nor
//! decide severities (that is the caller's job): a lint reads a [`Limit`], counts with
//! its [`Unit`] and compares.
//!
//! Choices made where the sources leave room, each explained at its entry: LinkedIn is
//! counted in UTF-16 units (the stricter reading), TikTok's reported 5-hashtag cap is not
//! a cap here, Bluesky links are [`Links::ViaFacets`], YouTube's hashtag rule is left out.

use std::fmt::Write as _;

use crate::count::Unit;
use crate::network::Network;

/// Which part of a post a limit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The post body: caption, description, commentary.
    Text,
    /// A separate title (YouTube).
    Title,
}

impl Field {
    /// The name used in messages and tables.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Title => "title",
        }
    }
}

/// One maximum length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The part of the post limited.
    pub field: Field,
    /// The unit the network counts `max` in.
    pub unit: Unit,
    /// Inclusive maximum, in `unit`.
    pub max: usize,
    /// Where the number comes from: the public address of the source.
    pub source: &'static str,
    /// A primary source (the network's documentation or reference code) states both the
    /// number and the unit.
    pub verified: bool,
    /// What is uncertain or chosen, for documentation and explanations.
    pub note: &'static str,
}

/// Whether a link typed in the text becomes clickable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Links in the text are clickable.
    Clickable,
    /// Links in the text stay plain text (Instagram and TikTok captions): say "lien en
    /// bio" instead.
    Plain,
    /// Clickable only if the publishing tool attaches link facets to the text (Bluesky):
    /// the official app and API clients that build facets do, a raw text does not. A tool
    /// that only sees the text cannot tell; it may remind, not forbid.
    ViaFacets,
}

/// Everything this module knows about one network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// The network described.
    pub network: Network,
    /// Text limits; a post must satisfy all of them.
    pub limits: &'static [Limit],
    /// The network refuses text-only posts.
    pub needs_media: bool,
    /// Whether links in the text become clickable.
    pub links: Links,
    /// Most hashtags a post may hold, when the network documents a cap.
    pub max_hashtags: Option<usize>,
    /// Characters the network refuses in any text field.
    pub forbidden_chars: &'static [char],
    /// Sources and choices for the fields above.
    pub note: &'static str,
}

/// The profile of `network`.
#[must_use]
pub fn profile(network: Network) -> &'static Profile {
    match network {
        Network::Facebook => &FACEBOOK,
        Network::Instagram => &INSTAGRAM,
        Network::X => &X,
        Network::Linkedin => &LINKEDIN,
        Network::Tiktok => &TIKTOK,
        Network::Youtube => &YOUTUBE,
        Network::Scoopit => &SCOOPIT,
        Network::Threads => &THREADS,
        Network::Bluesky => &BLUESKY,
        Network::Mastodon => &MASTODON,
        Network::Other => &OTHER,
    }
}

/// The text limits of `network` (empty when none is documented).
#[must_use]
pub fn limits(network: Network) -> &'static [Limit] {
    profile(network).limits
}

/// Characters `network` refuses in any text field.
#[must_use]
pub fn forbidden_chars(network: Network) -> &'static [char] {
    profile(network).forbidden_chars
}

/// Every network, in the enum's order (the table's row order).
pub const NETWORKS: [Network; 11] = [
    Network::Facebook,
    Network::Instagram,
    Network::X,
    Network::Linkedin,
    Network::Tiktok,
    Network::Youtube,
    Network::Scoopit,
    Network::Threads,
    Network::Bluesky,
    Network::Mastodon,
    Network::Other,
];

/// The name shown to users.
#[must_use]
pub fn display_name(network: Network) -> &'static str {
    match network {
        Network::Facebook => "Facebook",
        Network::Instagram => "Instagram",
        Network::X => "X",
        Network::Linkedin => "LinkedIn",
        Network::Tiktok => "TikTok",
        Network::Youtube => "YouTube",
        Network::Scoopit => "Scoop.it",
        Network::Threads => "Threads",
        Network::Bluesky => "Bluesky",
        Network::Mastodon => "Mastodon",
        Network::Other => "Other",
    }
}

/// The limits as a Markdown table for the README: one row per limit, and one row saying
/// "none documented" for a network without any.
#[must_use]
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Network | Field | Max | Unit | Verified | Source |\n\
         |---|---|---:|---|---|---|\n",
    );
    for network in NETWORKS {
        let name = display_name(network);
        let limits = limits(network);
        // Writing into a String cannot fail.
        if limits.is_empty() {
            let _ = writeln!(out, "| {name} | - | - | none documented | - | - |");
        }
        for limit in limits {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} |",
                limit.field.name(),
                group_thousands(limit.max),
                limit.unit.name(),
                if limit.verified { "yes" } else { "no" },
                limit.source,
            );
        }
    }
    out
}

/// `63206` as `63,206`, with a comma between thousands.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

const X_SOURCES: &str = "https://github.com/twitter/twitter-text/blob/master/config/v3.json ; \
                     https://docs.x.com/fundamentals/counting-characters";

static X: Profile = Profile {
    network: Network::X,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::XWeighted,
        max: 280,
        source: X_SOURCES,
        verified: true,
        note: "standard accounts; Premium accounts have 25,000 (Buffer's and upload-post's character-limit guides)",
    }],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: None,
    // A post holding one of these is invalid for twitter-text (`invalidCharsGroup` in
    // https://github.com/twitter/twitter-text/tree/master/js/src/regexp).
    forbidden_chars: &crate::count::x::INVALID_CHARS,
    note: "no hashtag cap is documented (the server caps 50); U+FFFE, U+FEFF and U+FFFF \
           make a post invalid (twitter-text's invalid characters)",
};

static INSTAGRAM: Profile = Profile {
    network: Network::Instagram,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::Chars,
        max: 2200,
        source: "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media",
        verified: false,
        note: "\"Maximum 2200 characters\": the number is Meta's, the unit is not documented \
               (one scheduler counts graphemes); characters are the reading that flags more",
    }],
    needs_media: true,
    links: Links::Plain,
    max_hashtags: Some(5),
    forbidden_chars: &[],
    note: "media required, no text-only post (Instagram content publishing API); caption links are not clickable; \
           5 hashtags since Instagram's December 2025 announcement, the API reference \
           still says 30 (Instagram Graph API media reference); 20 @ tags (Instagram Graph API media reference)",
};

static FACEBOOK: Profile = Profile {
    network: Network::Facebook,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::Chars,
        max: 63_206,
        source: "https://docs.upload-post.com/resources/character-limits/",
        verified: false,
        note: "from schedulers' documentation, unit not documented; Buffer enforces 5,000 \
               (Buffer's character-limit guide), so an export through Buffer has a lower limit",
    }],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "no hashtag cap documented",
};

static LINKEDIN: Profile = Profile {
    network: Network::Linkedin,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::Utf16,
        max: 3000,
        source: "https://ayrshare.com/integration/linkedin ; https://developers.buffer.com/guides/character-limits.md",
        verified: false,
        note: "3,000 \"characters\" for `commentary`; Buffer counts UTF-16 units (an emoji or \
               a \"bold\" Unicode letter counts 2), the stricter reading, kept here",
    }],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "reserved little-format characters must be escaped on API export (LinkedIn little text format), an export \
           concern, not a forbidden character",
};

static TIKTOK: Profile = Profile {
    network: Network::Tiktok,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::Utf16,
        max: 2200,
        source: "https://developers.tiktok.com/doc/content-posting-api-reference-direct-post",
        verified: true,
        note: "video caption (`post_info.title`), \"2200 in UTF-16 runes\"; photo posts have \
               a 90 title and a 4,000 description (TikTok content posting API)",
    }],
    needs_media: true,
    links: Links::Plain,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "video or photos required; caption links not clickable (unconfirmed); a 5-hashtag cap \
           was reported from in-app notices but never announced, so it is not a cap \
           here: a rule may warn past 5",
};

static YOUTUBE: Profile = Profile {
    network: Network::Youtube,
    limits: &[
        Limit {
            field: Field::Title,
            unit: Unit::Chars,
            max: 100,
            source: "https://developers.google.com/youtube/v3/docs/videos",
            verified: true,
            note: "`snippet.title`, \"100 characters\"",
        },
        Limit {
            field: Field::Text,
            unit: Unit::Utf8Bytes,
            max: 5000,
            source: "https://developers.google.com/youtube/v3/docs/videos",
            verified: true,
            note: "`snippet.description`, \"5000 bytes\": each accented letter costs 2",
        },
    ],
    needs_media: true,
    links: Links::Clickable,
    max_hashtags: None,
    forbidden_chars: &['<', '>'],
    note: "video required; title and description \"may contain all valid UTF-8 characters \
           except < and >\" (YouTube Data API, videos); the rule that more than 15 hashtags makes YouTube ignore \
           them all comes from secondary sources only, so it is not a cap here",
};

static SCOOPIT: Profile = Profile {
    network: Network::Scoopit,
    limits: &[],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "no length limit documented (https://www.scoop.it/dev/api/1/urls)",
};

static THREADS: Profile = Profile {
    network: Network::Threads,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::ThreadsChars,
        max: 500,
        source: "https://developers.facebook.com/documentation/threads/posts",
        verified: true,
        note: "500 characters, \"emojis are counted as the number of UTF-8 bytes\"; how Meta \
               delimits an emoji is our reading (see `count::threads_chars`)",
    }],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: Some(1),
    forbidden_chars: &[],
    note: "one topic tag per post; at most 5 links since 22 December 2025 (Threads API, posts)",
};

static BLUESKY: Profile = Profile {
    network: Network::Bluesky,
    limits: &[
        Limit {
            field: Field::Text,
            unit: Unit::Graphemes,
            max: 300,
            source: "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json",
            verified: true,
            note: "`maxGraphemes: 300`",
        },
        Limit {
            field: Field::Text,
            unit: Unit::Utf8Bytes,
            max: 3000,
            source: "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json",
            verified: true,
            note: "`maxLength: 3000` (bytes)",
        },
    ],
    needs_media: false,
    links: Links::ViaFacets,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "links and mentions are clickable only through `app.bsky.richtext.facet` (Bluesky lexicons)",
};

static MASTODON: Profile = Profile {
    network: Network::Mastodon,
    limits: &[Limit {
        field: Field::Text,
        unit: Unit::MastodonChars,
        max: 500,
        source: "https://neet.github.io/masto.js/interfaces/mastodon.v2.InstanceStatusesConfiguration.html",
        verified: false,
        note: "the default; each server sets its own (`configuration.statuses.max_characters` \
               of `/api/v2/instance`); the content warning counts too; the counting rules come \
               from `StatusLengthValidator` as seen in Mastodon-derived code (unconfirmed)",
    }],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "limits are per server",
};

static OTHER: Profile = Profile {
    network: Network::Other,
    limits: &[],
    needs_media: false,
    links: Links::Clickable,
    max_hashtags: None,
    forbidden_chars: &[],
    note: "no known rules",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_is_its_own_network() {
        for network in NETWORKS {
            assert_eq!(profile(network).network, network);
        }
    }

    #[test]
    fn every_limit_has_a_source_url_and_a_positive_max() {
        for network in NETWORKS {
            for limit in limits(network) {
                assert!(limit.source.starts_with("https://"), "{network:?}");
                assert!(limit.max > 0);
                assert!(!limit.note.is_empty());
            }
        }
    }

    #[test]
    fn key_facts() {
        let x = limits(Network::X);
        assert_eq!((x[0].unit, x[0].max), (Unit::XWeighted, 280));
        assert_eq!(limits(Network::Linkedin)[0].unit, Unit::Utf16);
        assert_eq!(limits(Network::Bluesky).len(), 2);
        assert!(limits(Network::Scoopit).is_empty());
        assert!(limits(Network::Other).is_empty());
        assert_eq!(forbidden_chars(Network::Youtube), ['<', '>']);
        assert!(forbidden_chars(Network::X).contains(&'\u{FEFF}'));
        assert!(forbidden_chars(Network::Instagram).is_empty());
        assert_eq!(profile(Network::Instagram).max_hashtags, Some(5));
        assert_eq!(profile(Network::Threads).max_hashtags, Some(1));
        assert_eq!(profile(Network::Tiktok).max_hashtags, None);
        assert_eq!(profile(Network::Instagram).links, Links::Plain);
        assert_eq!(profile(Network::Bluesky).links, Links::ViaFacets);
        let needs_media: Vec<_> = NETWORKS
            .into_iter()
            .filter(|n| profile(*n).needs_media)
            .collect();
        assert_eq!(
            needs_media,
            [Network::Instagram, Network::Tiktok, Network::Youtube]
        );
    }

    #[test]
    fn a_french_description_against_youtube() {
        // 2,500 "é" are 2,500 characters but 5,000 bytes: exactly at YouTube's limit.
        let text = "é".repeat(2500);
        let description = limits(Network::Youtube)
            .iter()
            .find(|l| l.field == Field::Text)
            .unwrap();
        assert_eq!(
            crate::count::count(description.unit, &text),
            description.max
        );
    }

    #[test]
    fn markdown_table_renders_every_limit() {
        let table = markdown_table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "| Network | Field | Max | Unit | Verified | Source |"
        );
        assert_eq!(lines[1], "|---|---|---:|---|---|---|");
        // 11 limits + 2 networks without one.
        assert_eq!(lines.len(), 2 + 11 + 2);
        assert!(
            lines[2..]
                .iter()
                .all(|l| l.starts_with("| ") && l.ends_with(" |"))
        );
        assert!(table.contains(&format!(
            "| X | text | 280 | X weighted characters | yes | {X_SOURCES} |"
        )));
        assert!(table.contains("| Facebook | text | 63,206 | characters | no | https://docs.upload-post.com/resources/character-limits/ |"));
        assert!(table.contains("| YouTube | title | 100 | characters | yes | https://developers.google.com/youtube/v3/docs/videos |"));
        assert!(table.contains("| YouTube | text | 5,000 | UTF-8 bytes | yes | https://developers.google.com/youtube/v3/docs/videos |"));
        assert!(table.contains("| Bluesky | text | 300 | graphemes | yes | https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json |"));
        assert!(table.contains("| Scoop.it | - | - | none documented | - | - |"));
        assert!(table.contains("| Other | - | - | none documented | - | - |"));
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(5), "5");
        assert_eq!(group_thousands(280), "280");
        assert_eq!(group_thousands(2200), "2,200");
        assert_eq!(group_thousands(63_206), "63,206");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }
}
