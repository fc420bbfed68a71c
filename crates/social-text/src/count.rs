//! How long a text is, in the unit a network counts it in.
//!
//! Networks disagree on what a "character" is: TikTok and (by Buffer's reading) LinkedIn
//! count UTF-16 units, so an emoji costs 2; YouTube counts description bytes, so `é`
//! costs 2; Bluesky counts grapheme clusters, so a family emoji costs 1; X weighs code
//! points and discounts links and emoji ([`x`]); Mastodon and Threads have rules of their
//! own. This module owns those units and one function, [`count`], that measures a text in
//! any of them. Which network uses which unit, and how far, is [`crate::limits`]' business.
//!
//! Texts are measured as given: only X normalises to NFC, because X does. Nothing here
//! allocates per character; X and Mastodon allocate a small list when a text holds links.

pub mod x;

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A way of measuring text length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Unicode scalar values (Rust `char`s).
    Chars,
    /// UTF-16 code units: a character outside the Basic Multilingual Plane (most emoji,
    /// "bold" Unicode letters) counts 2.
    Utf16,
    /// UTF-8 bytes: `é` counts 2, `€` 3, most emoji 4.
    Utf8Bytes,
    /// Extended grapheme clusters (what a reader sees as one character), per Unicode
    /// UAX #29 as implemented by `unicode-segmentation`.
    Graphemes,
    /// X's weighted length (twitter-text v3); see [`x`].
    XWeighted,
    /// Mastodon's count: grapheme clusters, each `http(s)` link 23, `@user@domain` as
    /// `@user`; see [`mastodon_chars`].
    MastodonChars,
    /// Threads' count: characters, emoji by their UTF-8 bytes; see [`threads_chars`].
    ThreadsChars,
}

impl Unit {
    /// Every unit, in declaration order.
    pub const ALL: [Unit; 7] = [
        Unit::Chars,
        Unit::Utf16,
        Unit::Utf8Bytes,
        Unit::Graphemes,
        Unit::XWeighted,
        Unit::MastodonChars,
        Unit::ThreadsChars,
    ];

    /// A short lower-case name for messages and tables.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Unit::Chars => "characters",
            Unit::Utf16 => "UTF-16 code units",
            Unit::Utf8Bytes => "UTF-8 bytes",
            Unit::Graphemes => "graphemes",
            Unit::XWeighted => "X weighted characters",
            Unit::MastodonChars => "Mastodon characters",
            Unit::ThreadsChars => "Threads characters",
        }
    }
}

/// The length of `text` in `unit`.
#[must_use]
pub fn count(unit: Unit, text: &str) -> usize {
    match unit {
        Unit::Chars => text.chars().count(),
        Unit::Utf16 => text.encode_utf16().count(),
        Unit::Utf8Bytes => text.len(),
        Unit::Graphemes => text.graphemes(true).count(),
        Unit::XWeighted => x::weighted_length(text),
        Unit::MastodonChars => mastodon_chars(text),
        Unit::ThreadsChars => threads_chars(text),
    }
}

/// The first character that makes a post invalid on X (U+FFFE, U+FEFF or U+FFFF), with
/// its byte offset. U+FEFF is the one that happens: a byte-order mark pasted from a file.
/// Whole-post validity (length included) is [`x::parse`].
#[must_use]
pub fn x_invalid_char(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|(_, c)| x::INVALID_CHARS.contains(c))
}

/// What a link costs on Mastodon (`StatusLengthValidator::URL_PLACEHOLDER_CHARS`).
pub const MASTODON_URL_LENGTH: usize = 23;

/// Mastodon's length: grapheme clusters, where each `http://` or `https://` link counts
/// 23 and a mention `@user@domain` counts as `@user` (Mastodon's `StatusLengthValidator`,
/// <https://github.com/mastodon/mastodon/blob/main/app/validators/status_length_validator.rb>).
///
/// Approximations, all small: links are found with twitter-text's pattern with the
/// protocol required (Mastodon's own pattern derives from it and also accepts a few other
/// schemes such as `gemini:`); a username is ASCII letters, digits and `_`, with `.` or
/// `-` inside; graphemes are counted between links and mentions, so a combining mark
/// glued to the end of a link is counted apart. The content warning counts too: add
/// `count(Unit::MastodonChars, cw)` (Mastodon joins both texts before counting).
#[must_use]
pub fn mastodon_chars(text: &str) -> usize {
    let urls = x::url::extract(text, x::url::Protocol::Required);
    let mut urls = urls.iter().peekable();
    let mut total = 0;
    let mut counted_to = 0;
    let mut mentions_from = 0;
    loop {
        // Overlapping entities: the one that starts first wins, as in Mastodon's
        // `remove_overlapping_entities`.
        while urls.next_if(|u| u.start < counted_to).is_some() {}
        if mentions_from < counted_to {
            mentions_from = counted_to;
        }
        let mention = mastodon_mention(text, mentions_from);
        let (span, cost) = match (urls.peek(), mention) {
            (Some(url), Some((span, cost))) if span.start < url.start => (span, cost),
            (Some(url), _) => {
                let span = url.start..url.end;
                urls.next();
                (span, MASTODON_URL_LENGTH)
            }
            (None, Some(mention)) => mention,
            (None, None) => break,
        };
        total += text[counted_to..span.start].graphemes(true).count() + cost;
        counted_to = span.end;
    }
    total + text[counted_to..].graphemes(true).count()
}

/// The next mention at or after byte `from`, as its span and what it counts (`@` plus
/// the username). Mastodon's `Account::MENTION_RE`: an `@` not preceded by a word
/// character, `=` or `/`; a username; an optional `@domain`; and, from twitter-text, not
/// followed by `@`, an accented Latin letter or `://`.
fn mastodon_mention(text: &str, from: usize) -> Option<(Range<usize>, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut search = from;
    while let Some(offset) = text[search..].find('@') {
        let at = search + offset;
        search = at + 1;
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| is_word(c) || c == '=' || c == '/')
        {
            continue;
        }
        // Username: name characters, then groups of `.`/`-` followed by name characters.
        let bytes = text.as_bytes();
        let name_run = |from: usize| bytes[from..].iter().take_while(|b| is_name(**b)).count();
        let first = name_run(at + 1);
        if first == 0 {
            continue;
        }
        let mut name_end = at + 1 + first;
        loop {
            let seps = bytes[name_end..]
                .iter()
                .take_while(|b| matches!(b, b'.' | b'-'))
                .count();
            let more = if seps > 0 {
                name_run(name_end + seps)
            } else {
                0
            };
            if more == 0 {
                break;
            }
            name_end += seps + more;
        }
        // Domain: `@`, then word characters, dots and dashes ending on a word character,
        // two characters at least.
        let mut end = name_end;
        if text[end..].starts_with('@') {
            let domain_start = end + 1;
            let mut last_word_end = None;
            for (i, c) in text[domain_start..].char_indices() {
                if is_word(c) {
                    if i > 0 {
                        last_word_end = Some(domain_start + i + c.len_utf8());
                    }
                } else if !matches!(c, '.' | '-') {
                    break;
                }
            }
            if let Some(domain_end) = last_word_end {
                end = domain_end;
            }
        }
        let after = &text[end..];
        if after.starts_with(['@', '\u{FF20}'])
            || after.starts_with("://")
            || after.chars().next().is_some_and(x::url::is_latin_accent)
        {
            search = end;
            continue;
        }
        return Some((at..end, 1 + name_end - (at + 1)));
    }
    None
}

/// Threads' length. Meta documents 500 "characters" and that "emojis are counted as the
/// number of UTF-8 bytes" (<https://developers.facebook.com/documentation/threads/posts>).
/// Read here as: each grapheme cluster that is an
/// emoji counts its UTF-8 bytes (`👋` 4, `❤️` 6 with its U+FE0F, a family 25), every other
/// cluster counts its code points (`é` 1, or 2 if typed decomposed).
///
/// A cluster is an emoji when it holds an `Extended_Pictographic` code point, a regional
/// indicator (flags) or the keycap mark U+20E3. That includes text-style symbols such as
/// `©`, `™` or `↔` (2 or 3 bytes): Meta does not say how it treats them, and counting
/// them high errs on the side of warning early.
#[must_use]
pub fn threads_chars(text: &str) -> usize {
    text.graphemes(true)
        .map(|cluster| {
            let emoji = cluster.chars().any(|c| {
                in_ranges(c, EXTENDED_PICTOGRAPHIC)
                    || ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
                    || c == '\u{20E3}'
            });
            if emoji {
                cluster.len()
            } else {
                cluster.chars().count()
            }
        })
        .sum()
}

/// Whether `c` lies in one of the sorted, disjoint inclusive ranges of `table`. Shared
/// with the emoji tables of [`x`].
fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    let c = u32::from(c);
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The `Extended_Pictographic` property of Unicode 17.0, merged into ranges, as shipped in
/// the emoji table of `unicode-segmentation` 1.13.3 (which takes it from `emoji-data.txt`).
const EXTENDED_PICTOGRAPHIC: &[(u32, u32)] = &[
    (0xA9, 0xA9),
    (0xAE, 0xAE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x2604),
    (0x260E, 0x260E),
    (0x2611, 0x2611),
    (0x2614, 0x2615),
    (0x2618, 0x2618),
    (0x261D, 0x261D),
    (0x2620, 0x2620),
    (0x2622, 0x2623),
    (0x2626, 0x2626),
    (0x262A, 0x262A),
    (0x262E, 0x262F),
    (0x2638, 0x263A),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2648, 0x2653),
    (0x265F, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x2668, 0x2668),
    (0x267B, 0x267B),
    (0x267E, 0x267F),
    (0x2692, 0x2697),
    (0x2699, 0x2699),
    (0x269B, 0x269C),
    (0x26A0, 0x26A1),
    (0x26A7, 0x26A7),
    (0x26AA, 0x26AB),
    (0x26B0, 0x26B1),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26C8, 0x26C8),
    (0x26CE, 0x26CF),
    (0x26D1, 0x26D1),
    (0x26D3, 0x26D4),
    (0x26E9, 0x26EA),
    (0x26F0, 0x26F5),
    (0x26F7, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2702, 0x2702),
    (0x2705, 0x2705),
    (0x2708, 0x270D),
    (0x270F, 0x270F),
    (0x2712, 0x2712),
    (0x2714, 0x2714),
    (0x2716, 0x2716),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2728, 0x2728),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2763, 0x2764),
    (0x2795, 0x2797),
    (0x27A1, 0x27A1),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F004, 0x1F004),
    (0x1F02C, 0x1F02F),
    (0x1F094, 0x1F09F),
    (0x1F0AF, 0x1F0B0),
    (0x1F0C0, 0x1F0C0),
    (0x1F0CF, 0x1F0D0),
    (0x1F0F6, 0x1F0FF),
    (0x1F170, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1AE, 0x1F1E5),
    (0x1F201, 0x1F20F),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F25F),
    (0x1F266, 0x1F321),
    (0x1F324, 0x1F393),
    (0x1F396, 0x1F397),
    (0x1F399, 0x1F39B),
    (0x1F39E, 0x1F3F0),
    (0x1F3F3, 0x1F3F5),
    (0x1F3F7, 0x1F3FA),
    (0x1F400, 0x1F4FD),
    (0x1F4FF, 0x1F53D),
    (0x1F549, 0x1F54E),
    (0x1F550, 0x1F567),
    (0x1F56F, 0x1F570),
    (0x1F573, 0x1F57A),
    (0x1F587, 0x1F587),
    (0x1F58A, 0x1F58D),
    (0x1F590, 0x1F590),
    (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A5),
    (0x1F5A8, 0x1F5A8),
    (0x1F5B1, 0x1F5B2),
    (0x1F5BC, 0x1F5BC),
    (0x1F5C2, 0x1F5C4),
    (0x1F5D1, 0x1F5D3),
    (0x1F5DC, 0x1F5DE),
    (0x1F5E1, 0x1F5E1),
    (0x1F5E3, 0x1F5E3),
    (0x1F5E8, 0x1F5E8),
    (0x1F5EF, 0x1F5EF),
    (0x1F5F3, 0x1F5F3),
    (0x1F5FA, 0x1F64F),
    (0x1F680, 0x1F6C5),
    (0x1F6CB, 0x1F6D2),
    (0x1F6D5, 0x1F6E5),
    (0x1F6E9, 0x1F6E9),
    (0x1F6EB, 0x1F6F0),
    (0x1F6F3, 0x1F6FF),
    (0x1F7DA, 0x1F7FF),
    (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F),
    (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8AF),
    (0x1F8BC, 0x1F8BF),
    (0x1F8C2, 0x1F8CF),
    (0x1F8D9, 0x1F8FF),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1F9FF),
    (0x1FA58, 0x1FA5F),
    (0x1FA6E, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_units() {
        // "Santé 👋": S a n t é space + 👋 (U+1F44B).
        let text = "Santé 👋";
        assert_eq!(count(Unit::Chars, text), 7);
        assert_eq!(count(Unit::Utf16, text), 8);
        // "Sant" 4 bytes, "é" 2, space 1, 👋 4.
        assert_eq!(count(Unit::Utf8Bytes, text), 11);
        assert_eq!(count(Unit::Graphemes, text), 7);
        assert_eq!(count(Unit::XWeighted, text), 8);
        // A family is 7 chars, 11 UTF-16 units, 25 bytes, 1 grapheme.
        let family = "👨‍👩‍👧‍👦";
        assert_eq!(count(Unit::Chars, family), 7);
        assert_eq!(count(Unit::Utf16, family), 11);
        assert_eq!(count(Unit::Utf8Bytes, family), 25);
        assert_eq!(count(Unit::Graphemes, family), 1);
        // Decomposed "é" (e + U+0301): 2 chars, 1 grapheme.
        assert_eq!(count(Unit::Chars, "e\u{301}"), 2);
        assert_eq!(count(Unit::Graphemes, "e\u{301}"), 1);
    }

    #[test]
    fn youtube_bytes() {
        // "Prévention" is 10 characters but 11 bytes (é = C3 A9).
        assert_eq!(count(Unit::Utf8Bytes, "Prévention"), 11);
        assert_eq!(count(Unit::Chars, "Prévention"), 10);
    }

    #[test]
    fn mastodon() {
        // A link counts 23 whatever its length: "Voir " (5) + 23.
        assert_eq!(
            count(
                Unit::MastodonChars,
                "Voir https://www.clinique-exemple.fr/actualites/octobre-rose-2026"
            ),
            28
        );
        // A bare domain is not a link on Mastodon: counted as typed.
        assert_eq!(count(Unit::MastodonChars, "clinique-exemple.fr"), 19);
        // "@sante@social.example" counts as "@sante" (6); " merci" (6).
        assert_eq!(
            count(Unit::MastodonChars, "@sante@social.example merci"),
            12
        );
        // A local mention is unchanged.
        assert_eq!(count(Unit::MastodonChars, "@sante merci"), 12);
        // An e-mail address is not a mention (the `@` follows a word character).
        assert_eq!(count(Unit::MastodonChars, "a@b.fr"), 6);
        // Graphemes: a family emoji counts 1.
        assert_eq!(count(Unit::MastodonChars, "👨‍👩‍👧‍👦 !"), 3);
        // Link then mention then text.
        assert_eq!(
            count(Unit::MastodonChars, "https://a.fr/x @bob@b.example ok"),
            23 + 1 + 4 + 3
        );
    }

    #[test]
    fn threads() {
        // "Bonjour 👋": 8 characters + 4 bytes for the emoji.
        assert_eq!(count(Unit::ThreadsChars, "Bonjour 👋"), 12);
        // ❤️ = U+2764 (3 bytes) + U+FE0F (3 bytes).
        assert_eq!(count(Unit::ThreadsChars, "\u{2764}\u{FE0F}"), 6);
        // Flag 🇫🇷: two regional indicators, 8 bytes.
        assert_eq!(count(Unit::ThreadsChars, "🇫🇷"), 8);
        // Keycap 1️⃣: 1 + 3 + 3 bytes.
        assert_eq!(count(Unit::ThreadsChars, "1\u{FE0F}\u{20E3}"), 7);
        // Accented text: one each.
        assert_eq!(count(Unit::ThreadsChars, "Santé"), 5);
    }

    #[test]
    fn x_invalid_characters() {
        assert_eq!(x_invalid_char("ok"), None);
        assert_eq!(x_invalid_char("a\u{FEFF}b"), Some((1, '\u{FEFF}')));
    }

    #[test]
    fn extended_pictographic_is_sorted() {
        for pair in EXTENDED_PICTOGRAPHIC.windows(2) {
            assert!(pair[0].1 + 1 < pair[1].0, "{pair:x?}");
        }
        assert!(in_ranges('😀', EXTENDED_PICTOGRAPHIC));
        assert!(!in_ranges('a', EXTENDED_PICTOGRAPHIC));
    }
}
