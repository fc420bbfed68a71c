//! X's weighted length: a port of twitter-text 3.1's `parseTweet` with `config/v3.json`.
//!
//! The text is put in NFC, then walked: a link counts 23 whatever its length, an emoji
//! entity counts 2 whatever its length, and every other code point counts 1 if it lies in
//! U+0000..U+10FF, U+2000..U+200D, U+2010..U+201F or U+2032..U+2037, else 2. A post is
//! valid when its length is between 1 and 280 and it holds none of U+FFFE, U+FEFF, U+FFFF.
//!
//! For a French clinic this means: accented letters, `«»`, `’`, `–`, `—`, the no-break
//! space U+00A0 weigh 1; the narrow no-break space U+202F that French typography puts
//! before `;:!?`, the ellipsis `…`, `€`, `•`, `→`, `™` weigh 2; a bare
//! `clinique-exemple.fr` is a link (23) but the domain of an e-mail address is not.
//!
//! It owns the walk and the weights; finding links is the `url` module's job, finding emoji
//! `emoji`'s, and the top-level domains live in `tld`. The tests below hold every
//! weighted-length vector of twitter-text's `conformance/validate.yml`
//! (<https://github.com/twitter/twitter-text/tree/master/conformance>). During the port
//! the result was also compared with the reference library itself (npm `twitter-text`
//! 3.1.0 on Node 20) on about 1.2 million generated texts (French prose, links and near
//! links, emoji sequences, every code point up to U+1FFFF alone and with selectors, skin
//! tones, ZWJ and keycaps): no difference.

mod emoji;
mod tld;
pub(crate) mod url;

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The limit of a standard (non-Premium) account, `maxWeightedTweetLength` in v3.json.
pub const MAX_WEIGHTED_LENGTH: usize = 280;

/// What a link counts, `transformedURLLength`: the length of a `t.co` link.
pub const URL_LENGTH: usize = 23;

/// What an emoji entity counts, `defaultWeight / scale`.
const EMOJI_WEIGHT: usize = 2;

/// Code points that make a post invalid (`invalidCharsGroup`).
pub const INVALID_CHARS: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// What `parseTweet` says of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    /// The weighted length (280 is the limit).
    pub weighted_length: usize,
    /// Length in 1..=280 and no invalid character.
    pub valid: bool,
}

/// The weighted length of `text`.
#[must_use]
pub fn weighted_length(text: &str) -> usize {
    parse(text).weighted_length
}

/// Weighted length and validity of `text`, as twitter-text's `parseTweet` with the v3
/// configuration.
#[must_use]
pub fn parse(text: &str) -> Parsed {
    parse_with(text, Emoji::Discounted)
}

/// Whether emoji entities count 2 (v3) or code point by code point (v2, kept for its
/// conformance vectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Emoji {
    Discounted,
    #[cfg(test)]
    PerCodePoint,
}

fn parse_with(text: &str, emoji: Emoji) -> Parsed {
    let text = nfc(text);
    let text = text.as_ref();
    let urls = url::extract(text, url::Protocol::Optional);
    let mut urls = urls.iter();
    let mut emojis = match emoji {
        Emoji::Discounted => Some(emoji::Entities::new(text)),
        #[cfg(test)]
        Emoji::PerCodePoint => None,
    };

    let mut length = 0;
    let mut invalid = false;
    let mut at = 0;
    let mut next_url = urls.next();
    let mut next_emoji = emojis.as_mut().and_then(Iterator::next);
    while at < text.len() {
        // Entities are found on the whole text beforehand, as in the library: one that
        // starts inside a link (or an emoji) already stepped over is never seen.
        while next_url.is_some_and(|u| u.start < at) {
            next_url = urls.next();
        }
        while next_emoji.as_ref().is_some_and(|e| e.start < at) {
            next_emoji = emojis.as_mut().and_then(Iterator::next);
        }
        if let Some(link) = next_url.filter(|u| u.start == at) {
            length += URL_LENGTH;
            at = step_utf16(text, at, link.skip_utf16, &mut length);
            continue;
        }
        if let Some(entity) = next_emoji.clone().filter(|e| e.start == at) {
            length += EMOJI_WEIGHT;
            at = entity.end;
            continue;
        }
        // Plain text up to the next entity, weighed code point by code point.
        let stop = [
            next_url.map(|u| u.start),
            next_emoji.as_ref().map(|e| e.start),
        ]
        .into_iter()
        .flatten()
        .fold(text.len(), usize::min);
        for c in text[at..stop].chars() {
            length += char_weight(c);
            invalid |= INVALID_CHARS.contains(&c);
        }
        at = stop;
    }
    Parsed {
        weighted_length: length,
        valid: (1..=MAX_WEIGHTED_LENGTH).contains(&length) && !invalid,
    }
}

/// `text` in NFC, borrowed when it already is (the usual case: no allocation).
fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(text.nfc().collect()),
    }
}

/// The weight of one code point from v3.json's ranges.
fn char_weight(c: char) -> usize {
    match u32::from(c) {
        0..=4351 | 8192..=8205 | 8208..=8223 | 8242..=8247 => 1,
        _ => 2,
    }
}

/// Steps over `units` UTF-16 units from byte `at` and returns the new byte offset.
///
/// The library skips a link by its UTF-16 length; in its one quirk (see
/// [`url::Url::skip_utf16`]) the skip can end inside a surrogate pair, and the lone low
/// surrogate it lands on is then weighed on its own, at 2. That weight is added here.
fn step_utf16(text: &str, mut at: usize, mut units: usize, length: &mut usize) -> usize {
    while units > 0 {
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        if c.len_utf16() > units {
            *length += 2;
            break;
        }
        units -= c.len_utf16();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v2(text: &str) -> Parsed {
        parse_with(text, Emoji::PerCodePoint)
    }

    #[test]
    fn documented_examples() {
        // The examples of X's "Counting characters" page,
        // https://docs.x.com/fundamentals/counting-characters.
        assert_eq!(weighted_length("café"), 4);
        assert_eq!(weighted_length("cafe\u{301}"), 4);
        assert_eq!(weighted_length("https://example.com/very/long/path"), 23);
        assert_eq!(weighted_length("👨‍👩‍👧‍👦"), 2);
        assert_eq!(weighted_length("日"), 2);
        assert_eq!(weighted_length("Hello, world! 👋"), 16);
    }

    #[test]
    fn french_typography() {
        // "Bonjour\u{202F}!" = 7 letters (1 each) + U+202F (2) + "!" (1) = 10.
        assert_eq!(weighted_length("Bonjour\u{202F}!"), 10);
        // The same with a plain no-break space U+00A0 (in U+0000..U+10FF): 9.
        assert_eq!(weighted_length("Bonjour\u{A0}!"), 9);
        // "« Santé »" with U+00A0 inside the guillemets: 9 code points, all weight 1.
        assert_eq!(weighted_length("«\u{A0}Santé\u{A0}»"), 9);
        // The same with U+202F, as typography tools insert: 7 + 2 × 2 = 11.
        assert_eq!(weighted_length("«\u{202F}Santé\u{202F}»"), 11);
        // "l’hôpital…" = 9 code points of weight 1 (’ is U+2019, in U+2010..U+201F) + … (2).
        assert_eq!(weighted_length("l’hôpital…"), 11);
        // "25 €" = "25 " (3) + € U+20AC (2).
        assert_eq!(weighted_length("25 €"), 5);
        // "œ" U+0153 and "–" U+2013 and "—" U+2014 weigh 1.
        assert_eq!(weighted_length("œ – —"), 5);
        // A bullet list: "• a" = • U+2022 (2) + " a" (2).
        assert_eq!(weighted_length("• a"), 4);
    }

    #[test]
    fn french_links_and_addresses() {
        // "Infos : clinique-exemple.fr" = "Infos : " (8, with ASCII spaces) + link (23).
        assert_eq!(weighted_length("Infos : clinique-exemple.fr"), 31);
        // A trailing dot is not part of the link: 23 + 1.
        assert_eq!(weighted_length("clinique-exemple.fr."), 24);
        // An e-mail address is not a link: 27 code points of weight 1.
        assert_eq!(weighted_length("contact@clinique-exemple.fr"), 27);
        // In parentheses: "(voir " (6) + link (23) + ")" (1).
        assert_eq!(weighted_length("(voir https://a.fr/x)"), 30);
        // ".sante" is not a top-level domain: "x.sante" is 7 plain characters.
        assert_eq!(weighted_length("x.sante"), 7);
        // ".paris" is: a link.
        assert_eq!(weighted_length("x.paris"), 23);
        // Mentions and hashtags count as typed.
        assert_eq!(weighted_length("@CHU_Toulouse #OctobreRose"), 26);
    }

    #[test]
    fn a_french_post() {
        // "Octobre" 7 + U+202F 2 + "Rose" 4 + U+00A0 1
        // + ": dépistage gratuit à la clinique, RDV sur " 43 (accents weigh 1)
        // + the bare link with its path 23 + " ! " 3 + 🎀 2 + " #OctobreRose" 13 = 98.
        let post = "Octobre\u{202F}Rose\u{A0}: dépistage gratuit à la clinique, RDV sur \
                    www.clinique-exemple.fr/octobre-rose ! 🎀 #OctobreRose";
        assert_eq!(weighted_length(post), 98);
    }

    #[test]
    fn library_quirks_are_reproduced() {
        // Values from twitter-text 3.1 itself. A domain may start on the low half of an
        // emoji, so this bare `bit.ly` after `-` is still a link (and U+FEFF is invalid).
        assert_eq!(
            parse("$💋-…–bit.ly]\u{FEFF}[C"),
            Parsed {
                weighted_length: 35,
                valid: false
            }
        );
        // `indexOf` places the link on the first `bit.ly`, then steps over
        // "bit.ly/path".len() = 11 units and counts the rest ("t.ly/path.") as text.
        assert_eq!(weighted_length("co-bit.ly1️⃣bit.ly/path."), 36);
        // A group after a non-ending character is not part of the path: the link is
        // `http://a.com/z`, then ".(y)" counts 4.
        assert_eq!(weighted_length("http://a.com/z.(y)"), 27);
        assert_eq!(weighted_length("Ct.co/z.((y))中国"), 33);
        // An accented letter may start a bare domain.
        assert_eq!(weighted_length("a ébit.ly"), 25);
    }

    #[test]
    fn emoji_entities() {
        // ❤️ (U+2764 U+FE0F) is one entity: 2, not 2 + 2.
        assert_eq!(weighted_length("\u{2764}\u{FE0F}"), 2);
        // © alone is text (weight 1); with U+FE0F it is an emoji (2).
        assert_eq!(weighted_length("©"), 1);
        assert_eq!(weighted_length("©\u{FE0F}"), 2);
        // A digit with U+FE0F but no keycap is the digit (1) then a lone U+FE0F entity (2).
        assert_eq!(weighted_length("1\u{FE0F}"), 3);
        assert_eq!(weighted_length("1\u{FE0F}\u{20E3}"), 2);
        // 👩‍⚕️ (woman health worker) is one entity; 🧑‍⚕️ (Emoji 12.1) is 2 + 1 + 2.
        assert_eq!(weighted_length("👩‍⚕️"), 2);
        assert_eq!(weighted_length("🧑‍⚕️"), 5);
        // Flags: 🇫🇷 is one entity.
        assert_eq!(weighted_length("🇫🇷"), 2);
    }

    #[test]
    fn invalid_characters() {
        assert!(parse("abc").valid);
        assert!(!parse("").valid);
        assert!(!parse("a\u{FEFF}b").valid);
        assert!(!parse(&"a".repeat(281)).valid);
        assert!(parse(&"a".repeat(280)).valid);
    }

    /// One weighted-length case of `conformance/validate.yml`.
    struct Case {
        description: &'static str,
        text: String,
        weighted_length: usize,
        valid: bool,
    }

    fn case(description: &'static str, text: &str, weighted_length: usize, valid: bool) -> Case {
        Case {
            description,
            text: text.to_owned(),
            weighted_length,
            valid,
        }
    }

    fn check(cases: &[Case], parse: fn(&str) -> Parsed) {
        for c in cases {
            let got = parse(&c.text);
            assert_eq!(
                got,
                Parsed {
                    weighted_length: c.weighted_length,
                    valid: c.valid
                },
                "{}",
                c.description
            );
        }
    }

    const POEM: &str = "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。\
        朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。\
        朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。\
        泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。\
        独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。";

    const KANA: &str = "あいうえおかきくけこ";

    /// The cases shared by `WeightedTweetsCounterTest` (v2) and
    /// `WeightedTweetsWithDiscountedEmojiCounterTest` (v3), where both give the same
    /// numbers.
    fn shared_cases() -> Vec<Case> {
        let x = "xxxxxxxxxx-";
        let long_url = format!(
            "https://{}.com/foo",
            "somesuperlongurl".repeat(249) // one 3,984-character label
        );
        vec![
            case("Regular Tweet with url", "Hi http://test.co", 26, true),
            case("Just url", "http://test.co", 23, true),
            case(
                "Long tweet, overflow at char index 280",
                &format!("285 chars-{}", x.repeat(25)),
                285,
                false,
            ),
            case(
                "Long tweet with url in the middle, overflow at char index 284",
                &format!("285 chars- http://www.twitter.com/jack {}", x.repeat(24)),
                299,
                false,
            ),
            case(
                "Long tweet with url at the end, overflow at char index 265",
                &format!("{} http://www.twitter.com/jack ", x.repeat(24)),
                289,
                false,
            ),
            case(
                "10 url string, no overflow",
                &"https://www.twitter.com/aloha ".repeat(10),
                240,
                true,
            ),
            case("160 CJK char, overflow at char index 140", POEM, 320, false),
            case(
                "160 emoji char, overflow at char index 140",
                &"😷".repeat(160),
                320,
                false,
            ),
            case(
                "3 latin char + 160 CJK char, overflow at char index 141",
                &format!("the{POEM}"),
                323,
                false,
            ),
            case(
                "282 chars with a normalized character within valid range but outside 280",
                &format!("282 chars-{}xxxxxA\u{301}x", x.repeat(24)),
                281,
                false,
            ),
            case(
                "Count unicode emoji chars inside the basic multilingual plane",
                "😷👾😡🔥💩",
                10,
                true,
            ),
            case(
                "Handle long url with invalid domain labels and short url",
                &format!(
                    "Long url with invalid domain labels and a short url: {long_url} {long_url} \
                     {long_url} https://validurl.com"
                ),
                12079,
                false,
            ),
            case(
                "Handle a 64 character domain without protocol",
                &format!("{}s.com", "randomurl".repeat(7)),
                68,
                true,
            ),
            case(
                "Do not allow > 140 CJK characters by virtue of CJK chars greater than 63 \
                 punycode encoded chars in the host",
                &format!("{} http://{}あいう.com", KANA.repeat(12), KANA.repeat(5)),
                358,
                false,
            ),
            case(
                "Allow > 140 CJK characters by virtue of CJK chars less than 63 punycode \
                 encoded chars in the host",
                &format!("{} http://{}あい.com", KANA.repeat(12), KANA.repeat(5)),
                264,
                true,
            ),
        ]
    }

    #[test]
    fn conformance_weighted_tweets_counter_v2() {
        // conformance/validate.yml, WeightedTweetsCounterTest (config v2: no emoji entities).
        let mut cases = shared_cases();
        cases.extend([
            case("'Á' is normalized into 1 char", "A\u{301}B", 2, true),
            case("שּׁ is normalized into 3 chars", "A\u{FB2C}", 4, true),
            case(
                "Count a mix of single byte single word, and double word unicode characters",
                "H🐱☺👨‍👩‍👧‍👦",
                16,
                true,
            ),
            case(
                "Count unicode emoji chars outside the basic multilingual plane with skin \
                 tone modifiers",
                "🙋🏽👨‍🎤",
                9,
                true,
            ),
            case(
                "Handle General Punctuation Characters with visible spaces(u2000-200A)",
                "This is a tweet with general punctuation characters: \
                 \u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\
                 \u{2009}\u{200A}\u{200B}\u{200C}\u{200D} ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷",
                112,
                true,
            ),
        ]);
        check(&cases, v2);
    }

    #[test]
    fn conformance_weighted_tweets_with_discounted_emoji_v3() {
        // conformance/validate.yml, WeightedTweetsWithDiscountedEmojiCounterTest (v3).
        let mut cases = shared_cases();
        cases.extend([
            case(
                "Count a mix of single byte single word, and double word unicode characters",
                "H🐱☺👨‍👩‍👧‍👦",
                7,
                true,
            ),
            case(
                "Count unicode emoji chars outside the basic multilingual plane with skin \
                 tone modifiers",
                "🙋🏽👨‍🎤",
                4,
                true,
            ),
            case(
                "Handle General Punctuation Characters with visible spaces(u2000-200A), no \
                 ZWJ/ZWNJ",
                "This is a tweet with general punctuation characters: \
                 \u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\
                 \u{2009}\u{200A}\u{200B} ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷",
                110,
                true,
            ),
            case("140 family emoji", &"👨‍👩‍👧‍👦".repeat(140), 280, true),
            case(
                "Emoji with a leading character in the latin range is counted as 2",
                "1\u{20E3}",
                2,
                true,
            ),
            case(
                "Unicode 10.0 emoji",
                "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
                34,
                true,
            ),
            case("Unicode 9.0 emoji", "Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29, true),
        ]);
        check(&cases, parse);
    }

    #[test]
    fn conformance_unicode_directional_marker_counter() {
        // conformance/validate.yml, UnicodeDirectionalMarkerCounterTest (default config).
        check(
            &[
                case(
                    "Handle invalid characters",
                    "ABC\u{202A}\u{FFFF}ABC\u{FFFE}",
                    12,
                    false,
                ),
                case(
                    "Tweet text containing directional characters should be considered valid",
                    "\u{2066}\u{202A}http://foobar.پاکستان/\u{202C}\u{2069}",
                    31,
                    true,
                ),
            ],
            parse,
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    use super::weighted_length;

    /// Text mixing what trips counters: French typography, URLs and
    /// near-URLs, emoji sequences, CJK, combining marks, e-mail addresses.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "café",
            "cafe\u{301}",
            "é",
            "\u{202F}",
            "\u{A0}",
            "…",
            "€",
            "’",
            "«",
            "»",
            " ",
            "\n",
            "https://example.org/a",
            "clinique.fr",
            "www.x.com",
            "a@b.fr",
            "http://",
            ".fr",
            "👨\u{200D}👩\u{200D}👧",
            "👋🏽",
            "🇫🇷",
            "1\u{FE0F}\u{20E3}",
            "❤\u{FE0F}",
            "日本",
            "#Santé",
            "@clinique",
            "(",
            ")",
            ".",
            "\u{FEFF}",
            "\u{FFFF}",
            "x",
            "Z",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(text in any::<String>()) {
            let _ = weighted_length(&text);
        }

        #[test]
        fn composed_and_decomposed_spellings_count_the_same(text in tricky_text()) {
            let nfc: String = text.nfc().collect();
            let nfd: String = text.nfd().collect();
            prop_assert_eq!(weighted_length(&nfc), weighted_length(&nfd));
            prop_assert_eq!(weighted_length(&text), weighted_length(&nfc));
        }

    }
}
