//! Where twitter-text sees links in a text, so that each can be counted as 23.
//!
//! A port of twitter-text 3.1's `extractUrlsWithIndices` and of the regular expression
//! behind it (`regexp/extractUrl.js` and its parts), written as a hand scanner that makes
//! the same choices the regex engine makes: the leftmost match, the most subdomains that
//! still end in a known top-level domain, a path that stops before a trailing `.` or `)`,
//! a query that stops before a trailing `?` or `.`. Then the library's own filters: labels
//! of 1 to 63 characters once punycoded, at most 4,096 UTF-16 units, no bare domain right
//! after `-`, `_`, `.` or `/` (so the domain of `contact@clinique.fr` is not a link: `@`
//! cannot precede a link at all), a bare domain kept only for its ASCII part, and `t.co`
//! links cut after their slug.
//!
//! It owns finding links; it must not weigh them (that is [`super`]'s job) and it knows
//! nothing of emoji.
//!
//! The library runs its regex on UTF-16 units; where that shows (a domain starting on the
//! low half of an emoji, `indexOf` placing a bare domain on an earlier copy of itself),
//! the scanner reproduces it, and says so where it does. Known, deliberate gap:
//! JavaScript's case-insensitive matching also folds a few exotic characters into the
//! Latin and Cyrillic ranges (U+1C80..U+1C88 for instance); this scanner folds ASCII and
//! simple lower-case mappings only.

use std::ops::Range;

use super::tld;

/// Whether a link needs `http://` or `https://` to be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// X's default: `clinique-exemple.fr` is a link.
    Optional,
    /// Mastodon's rule: only `http://` and `https://` links count as links.
    Required,
}

/// One link entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    /// Byte offset where the entity starts.
    pub(crate) start: usize,
    /// Byte offset where the link text really ends.
    pub(crate) end: usize,
    /// How many UTF-16 units twitter-text steps over for this entity. Equal to the UTF-16
    /// length of `start..end` except in one quirk of the library: a bare domain made of
    /// several ASCII parts followed by a path (see [`extract`]).
    pub(crate) skip_utf16: usize,
}

/// The link-length limit of `extractUrlsWithIndices`, protocol included.
const MAX_URL_LENGTH: usize = 4096;
/// The longest `t.co` slug twitter-text accepts.
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// The longest DNS label, counted after punycode encoding.
const MAX_LABEL_LENGTH: usize = 63;

/// All link entities of `text`, in order. Allocates only when there is a link.
///
/// A bare domain (no protocol) keeps only its ASCII-looking parts: `日本.com` gives no
/// link, `foo.com日本.com` gives `foo.com`. When such a domain has a path, the library
/// glues the path onto its *last* ASCII part and steps over that many UTF-16 units from
/// the part's start, even when non-ASCII text sat between the part and the path; the
/// walk in [`super`] reproduces that through [`Url::skip_utf16`].
pub(crate) fn extract(text: &str, protocol: Protocol) -> Vec<Url> {
    let mut urls = Vec::new();
    // The library's own shortcut, which also keeps prose without links cheap.
    let needed = match protocol {
        Protocol::Optional => '.',
        Protocol::Required => ':',
    };
    if !text.contains(needed) {
        return urls;
    }
    let mut finder = Finder::new(text);
    let mut from = 0;
    while let Some((before, m)) = finder.find(from) {
        // The global regex resumes after the whole match, whether kept or not.
        from = m.url.end;
        if !is_valid(text, &m) {
            continue;
        }
        if m.protocol_len == 0 {
            if protocol == Protocol::Required || matches!(before, Some('-' | '_' | '.' | '/')) {
                continue;
            }
            let domain = &text[m.domain.clone()];
            let first_new = urls.len();
            let mut searched_to = 0;
            for part in AsciiDomains::new(domain) {
                // The library locates each part with `indexOf` from the end of the
                // previous one, so a part that also occurs earlier (`bit.ly` in
                // `bit.ly1⃣bit.ly`) is placed at that earlier occurrence.
                let matched_at = part.start;
                let part = &domain[part];
                let found = domain[searched_to..]
                    .find(part)
                    .map_or(matched_at, |i| searched_to + i);
                searched_to = found + part.len();
                let start = m.domain.start + found;
                urls.push(Url {
                    start,
                    end: start + part.len(),
                    skip_utf16: utf16_len(part),
                });
            }
            if m.has_path
                && let Some(last) = urls[first_new..].last_mut()
            {
                last.skip_utf16 =
                    last.skip_utf16 + utf16_len(&text[m.url.clone()]) - utf16_len(domain);
                last.end = m.url.end;
            }
        } else {
            let end = match tco_end(&text[m.url.clone()]) {
                Some(Ok(len)) => m.url.start + len,
                Some(Err(TooLongSlug)) => continue,
                None => m.url.end,
            };
            urls.push(Url {
                start: m.url.start,
                end,
                skip_utf16: utf16_len(&text[m.url.start..end]),
            });
        }
    }
    urls
}

/// One match of the link pattern, before the library's filters.
struct Match {
    url: Range<usize>,
    protocol_len: usize,
    domain: Range<usize>,
    has_path: bool,
    /// The match starts on the low half of the surrogate pair at `url.start`: that half
    /// alone is in the link, one UTF-16 unit shorter than the whole character.
    starts_mid_char: bool,
}

/// The link pattern's search over one text, with two memos that keep it linear where the
/// regex is quadratic: a text gets a match attempt after every space or punctuation
/// mark, and each attempt reads the word that follows.
struct Finder<'a> {
    text: &'a str,
    /// A run of label characters (domain characters, `-`, `_`) already measured: a label
    /// starting anywhere inside it ends where it ends.
    run: Range<usize>,
    /// A chain of labels without `_` that ends in no top-level domain: a domain starting
    /// inside it, after its first character, cannot end in one either.
    dead_chain: Range<usize>,
}

impl<'a> Finder<'a> {
    fn new(text: &'a str) -> Self {
        Finder {
            text,
            run: 0..0,
            dead_chain: 0..0,
        }
    }

    /// The leftmost match at or after `from`, with the character consumed before it
    /// (`None` when the match starts the text, or when it is the first half of a
    /// surrogate pair).
    ///
    /// The library matches UTF-16 units, and the high half of a surrogate pair is a
    /// valid preceding character: after an emoji, a domain can start on its low half. So
    /// for a character outside the BMP the scanner first tries a domain that starts
    /// *inside* it, as the regex does. That is how `$💋-bit.ly` holds a link while
    /// `-bit.ly` does not (a bare domain right after `-` is refused, but here the domain
    /// starts with the emoji).
    fn find(&mut self, from: usize) -> Option<(Option<char>, Match)> {
        let text = self.text;
        for (offset, c) in text[from..].char_indices() {
            let at = from + offset;
            if c.len_utf16() == 2
                && let Some(domain_end) = self.domain_end(at)
            {
                return Some((None, finish_match(text, at, 0, at..domain_end, true)));
            }
            if can_precede(c)
                && let Some(m) = self.match_at(at + c.len_utf8())
            {
                return Some((Some(c), m));
            }
            // The pattern's `^` alternative comes after the preceding-character one.
            if at == 0
                && let Some(m) = self.match_at(0)
            {
                return Some((None, m));
            }
        }
        None
    }

    /// The link that starts exactly at `start`: optional protocol, domain, port, path,
    /// query.
    fn match_at(&mut self, start: usize) -> Option<Match> {
        let rest = &self.text[start..];
        let protocol_len = ["https://", "http://"]
            .into_iter()
            .find(|p| starts_with_ignore_ascii_case(rest, p))
            .map_or(0, str::len);
        let (protocol_len, domain_end) = match self.domain_end(start + protocol_len) {
            Some(end) => (protocol_len, end),
            // The protocol is optional: the regex backtracks to "no protocol" (which
            // fails on `http:` anyway, but costs nothing to mirror).
            None if protocol_len > 0 => (0, self.domain_end(start)?),
            None => return None,
        };
        let domain = start + protocol_len..domain_end;
        Some(finish_match(self.text, start, protocol_len, domain, false))
    }

    /// End of the domain starting at `start`: labels followed by dots, then a known
    /// top-level domain or a punycode label. Subdomain labels may hold `_`, the last label
    /// may not; both start and end with a domain character. The regex takes as many
    /// subdomains as it can and gives them back one by one until a top-level domain
    /// follows, so the answer is the longest chain that works.
    fn domain_end(&mut self, start: usize) -> Option<usize> {
        let text = self.text;
        // Cheap refusals first: no domain character, or a first label not followed by
        // a dot (most words), or a chain already known to lead nowhere.
        if !text[start..].chars().next().is_some_and(is_domain_char)
            || !text[self.run_end(start)..].starts_with('.')
            || (self.dead_chain.start < start && start < self.dead_chain.end)
        {
            return None;
        }
        let mut best = None;
        let mut underscore = false;
        let mut at = start;
        loop {
            let run_end = self.run_end(at);
            let run_text = &text[at..run_end];
            let well_formed = run_text.chars().next().is_some_and(is_domain_char)
                && run_text.chars().next_back().is_some_and(is_domain_char);
            if !well_formed || !text[run_end..].starts_with('.') {
                // The terminating run is left out: a start inside it may make a
                // well-formed label of it.
                if best.is_none() && !underscore {
                    self.dead_chain = start..at;
                }
                return best;
            }
            let tld_at = run_end + 1;
            if run_text.contains('_') {
                underscore = true;
            } else if let Some(len) = tld_len(text, tld_at) {
                best = Some(tld_at + len);
            }
            at = tld_at;
        }
    }

    /// End of the run of label characters that contains `at`.
    fn run_end(&mut self, at: usize) -> usize {
        if !(self.run.start <= at && at < self.run.end) {
            let rest = &self.text[at..];
            let len = rest
                .char_indices()
                .find(|&(_, c)| !(is_domain_char(c) || c == '-' || c == '_'))
                .map_or(rest.len(), |(i, _)| i);
            self.run = at..at + len;
        }
        self.run.end.max(at)
    }
}

/// Port, path and query after a domain.
fn finish_match(
    text: &str,
    start: usize,
    protocol_len: usize,
    domain: Range<usize>,
    starts_mid_char: bool,
) -> Match {
    let mut end = domain.end;
    // Port: `:` and one or more digits.
    if text[end..].starts_with(':') {
        let digits = text[end + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    let has_path = text[end..].starts_with('/');
    if has_path {
        end = path_end(text, end + 1);
    }
    if text[end..].starts_with('?') {
        end = query_end(text, end + 1).unwrap_or(end);
    }
    Match {
        url: start..end,
        protocol_len,
        domain,
        has_path,
        starts_mid_char,
    }
}

/// Byte length of the top-level domain at `at`, or of a punycode label (`xn--...`).
/// A listed domain must not be followed by an ASCII letter or digit, `@`, `+` or `-`
/// (the lookahead of `validGTLD`/`validCCTLD`); the end of `text` is fine.
fn tld_len(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let boundary = |len: usize| {
        !rest[len..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-'))
    };
    // Labels with non-ASCII letters are tried first, longest first, as in the library's
    // alternation; a pure ASCII label must then be the whole run of letters and digits,
    // since anything shorter is followed by a letter or digit.
    // Only `vermögensberater` and `vermögensberatung` start with an ASCII letter.
    let first = rest.bytes().next()?;
    if !first.is_ascii() || first.eq_ignore_ascii_case(&b'v') {
        for label in tld::NON_ASCII {
            if let Some(len) = prefix_len_ignore_case(rest, label)
                && boundary(len)
            {
                return Some(len);
            }
        }
    }
    let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if (1..=MAX_ASCII_TLD).contains(&run) && boundary(run) {
        let mut lower = [0u8; MAX_ASCII_TLD];
        for (dst, src) in lower.iter_mut().zip(rest.bytes()) {
            *dst = src.to_ascii_lowercase();
        }
        let lower = &lower[..run];
        if tld::ASCII
            .binary_search_by(|probe| probe.as_bytes().cmp(lower))
            .is_ok()
        {
            return Some(run);
        }
    }
    if starts_with_ignore_ascii_case(rest, "xn--") {
        let tail = rest[4..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if tail > 0 {
            return Some(4 + tail);
        }
    }
    None
}

/// Longer than any ASCII top-level domain in the list (the longest has 24 letters).
const MAX_ASCII_TLD: usize = 32;

/// End of a path whose first character (after `/`) is at `start`.
///
/// The path is read from a run of path characters and balanced parenthesis groups. The
/// library's pattern repeats "anything ending with an ending character (letter, digit,
/// `+ - = _ # /`)" or "one group" (its ending-character alternation is spliced in without
/// brackets, which makes a lone group an alternative of its own). So the path goes to the
/// last ending character of the run, then takes the groups that follow right away:
/// `/page.` and `/page)` lose their last character, `/Primer_(film)` keeps its group,
/// `/z.(y)` keeps only `/z`. With no ending character the path is `/` alone.
fn path_end(text: &str, start: usize) -> usize {
    let mut at = start;
    let mut end = start;
    while let Some(c) = text[at..].chars().next() {
        if is_path_char(c) {
            at += c.len_utf8();
            if is_path_ending_char(c) {
                end = at;
            }
        } else if c == '(' {
            match parens_end(text, at) {
                Some(after) => at = after,
                None => break,
            }
        } else {
            break;
        }
    }
    while text[end..].starts_with('(') {
        match parens_end(text, end) {
            Some(after) => end = after,
            None => break,
        }
    }
    end
}

/// End of a balanced group at `open` (which holds `(`): `(x)` or `(x(y)z)`, two levels at
/// most, as in Wikipedia links like `/Primer_(film)`.
fn parens_end(text: &str, open: usize) -> Option<usize> {
    let run = |from: usize| {
        from + text[from..]
            .char_indices()
            .find(|&(_, c)| !is_path_char(c))
            .map_or(text.len() - from, |(i, _)| i)
    };
    let inner = open + 1;
    let after_inner = run(inner);
    let rest = &text[after_inner..];
    if rest.starts_with(')') && after_inner > inner {
        return Some(after_inner + 1);
    }
    if rest.starts_with('(') {
        let nested = after_inner + 1;
        let after_nested = run(nested);
        if after_nested > nested && text[after_nested..].starts_with(')') {
            let tail = run(after_nested + 1);
            if text[tail..].starts_with(')') {
                return Some(tail + 1);
            }
        }
    }
    None
}

/// End of a query whose first character (after `?`) is at `start`: the run of query
/// characters cut back to its last ending character, or `None` if it has none (then the
/// `?` is not part of the link).
fn query_end(text: &str, start: usize) -> Option<usize> {
    let mut end = None;
    for (i, b) in text[start..].bytes().enumerate() {
        if !is_query_char(b) {
            break;
        }
        if is_query_ending_char(b) {
            end = Some(start + i + 1);
        }
    }
    end
}

/// The library's filters on a raw match (`isValidUrl` in `extractUrlsWithIndices`).
fn is_valid(text: &str, m: &Match) -> bool {
    let domain = &text[m.domain.clone()];
    if domain.starts_with("xn--") && AsciiDomains::new(domain).next().is_none() {
        return false;
    }
    if !domain.split('.').enumerate().all(|(i, label)| {
        let len = punycoded_len(label, i == 0 && m.starts_mid_char);
        (1..=MAX_LABEL_LENGTH).contains(&len)
    }) {
        return false;
    }
    // The default protocol counts when there is none; when there is one it is counted
    // twice (once in the link), as the library does.
    let protocol = if m.protocol_len == 0 {
        "https://".len()
    } else {
        m.protocol_len
    };
    let url = utf16_len(&text[m.url.clone()]) - usize::from(m.starts_mid_char);
    protocol + url <= MAX_URL_LENGTH
}

struct TooLongSlug;

/// For a `t.co` link, the length of the part twitter-text keeps: protocol, host, slug and
/// an optional query. `None` when the link is not a `t.co` link with a slug.
fn tco_end(url: &str) -> Option<Result<usize, TooLongSlug>> {
    let prefix = ["https://t.co/", "http://t.co/"]
        .into_iter()
        .find(|p| starts_with_ignore_ascii_case(url, p))?
        .len();
    let slug = url[prefix..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if slug == 0 {
        return None;
    }
    if slug > MAX_TCO_SLUG_LENGTH {
        return Some(Err(TooLongSlug));
    }
    let end = prefix + slug;
    if url[end..].starts_with('?')
        && let Some(query) = query_end(url, end + 1)
    {
        return Some(Ok(query));
    }
    Some(Ok(end))
}

/// The ASCII-looking domains inside a bare domain (`validAsciiDomain`, run globally over
/// the domain alone, so its end counts as the end of the text).
struct AsciiDomains<'a> {
    domain: &'a str,
    at: usize,
}

impl<'a> AsciiDomains<'a> {
    fn new(domain: &'a str) -> Self {
        AsciiDomains { domain, at: 0 }
    }
}

impl Iterator for AsciiDomains<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while let Some(c) = self.domain[self.at..].chars().next() {
            let start = self.at;
            if let Some(end) = ascii_domain_end(self.domain, start) {
                self.at = end;
                return Some(start..end);
            }
            self.at += c.len_utf8();
        }
        None
    }
}

/// End of the longest chain of ASCII-ish labels (`-`, letters, digits, Latin accented
/// letters) and dots starting at `start`, ended by a top-level domain.
fn ascii_domain_end(domain: &str, start: usize) -> Option<usize> {
    let mut best = None;
    let mut at = start;
    loop {
        let run = domain[at..]
            .char_indices()
            .find(|&(_, c)| !(c == '-' || c.is_ascii_alphanumeric() || is_latin_accent(c)))
            .map_or(domain.len() - at, |(i, _)| i);
        if run == 0 || !domain[at + run..].starts_with('.') {
            return best;
        }
        at += run + 1;
        if let Some(len) = tld_len(domain, at) {
            best = Some(at + len);
        }
    }
}

/// Length of `label` once `punycode.toASCII` has encoded it: sub-labels split at the
/// ideographic and full-width dots, each non-ASCII one as `xn--` + RFC 3492 encoding.
/// `low_half_first`: the label starts on the low half of a surrogate pair, which the
/// library encodes as a code point of its own.
fn punycoded_len(label: &str, low_half_first: bool) -> usize {
    let mut total = 0;
    for (i, part) in label
        .split(['\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .enumerate()
    {
        total += usize::from(i > 0);
        total += if part.is_ascii() {
            part.len()
        } else {
            let low_half = low_half_first && i == 0;
            4 + punycode_len(|| {
                part.chars().enumerate().map(move |(j, c)| {
                    let c = u32::from(c);
                    if low_half && j == 0 {
                        0xDC00 + ((c - 0x10000) & 0x3FF)
                    } else {
                        c
                    }
                })
            })
        };
    }
    total
}

/// Length of the RFC 3492 encoding of the code points `input()` yields, stopping early
/// once it is past what any caller needs to know (a label longer than 63 is rejected
/// whatever its length).
// n, q, k, t are RFC 3492's names; the code reads best next to the RFC with them.
#[allow(clippy::many_single_char_names)]
fn punycode_len<I: Iterator<Item = u32>>(input: impl Fn() -> I) -> usize {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    const CAP: usize = MAX_LABEL_LENGTH + 1;

    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    }

    let total = u32::try_from(input().count()).unwrap_or(u32::MAX);
    let basic = u32::try_from(input().filter(|&c| c < 0x80).count()).unwrap_or(0);
    let mut out = basic as usize + usize::from(basic > 0);
    let (mut n, mut delta, mut bias, mut handled) = (0x80u32, 0u32, 72u32, basic);
    while handled < total && out <= CAP {
        let Some(m) = input().filter(|&c| c >= n).min() else {
            break;
        };
        delta = delta.saturating_add((m - n).saturating_mul(handled + 1));
        n = m;
        for c in input() {
            if c < n {
                delta = delta.saturating_add(1);
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.saturating_add(1);
        n += 1;
    }
    out
}

/// Characters allowed just before a link: anything but ASCII letters and digits, `@`,
/// `＠`, `$`, `#`, `＃` and the three invalid characters.
fn can_precede(c: char) -> bool {
    !(c.is_ascii_alphanumeric()
        || matches!(
            c,
            '@' | '\u{FF20}' | '$' | '#' | '\u{FF03}' | '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'
        ))
}

/// Domain characters: anything but ASCII punctuation (except `"` and `` ` ``, which the
/// library forgot), spaces, the invalid characters and the directional marks.
fn is_domain_char(c: char) -> bool {
    if c.is_ascii() {
        // The same answer as below, faster for the common case.
        return c.is_ascii_alphanumeric()
            || matches!(c, '"' | '`')
            || (c.is_ascii_control() && !matches!(c, '\t'..='\r'));
    }
    let punct = c.is_ascii_punctuation() && !matches!(c, '"' | '`');
    let space = matches!(
        c,
        '\u{09}'..='\u{0D}'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{180E}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    );
    let other = matches!(
        c,
        '\u{FFFE}'
            | '\u{FEFF}'
            | '\u{FFFF}'
            | '\u{202A}'..='\u{202E}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2066}'..='\u{2069}'
    );
    !(punct || space || other)
}

/// Latin letters with accents, and combining diacritics (`latinAccentChars`).
pub(crate) fn is_latin_accent(c: char) -> bool {
    matches!(
        c,
        '\u{C0}'..='\u{D6}'
            | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{24F}'
            | '\u{253}'
            | '\u{254}'
            | '\u{256}'
            | '\u{257}'
            | '\u{259}'
            | '\u{25B}'
            | '\u{263}'
            | '\u{268}'
            | '\u{26F}'
            | '\u{272}'
            | '\u{289}'
            | '\u{28B}'
            | '\u{2BB}'
            | '\u{300}'..='\u{36F}'
            | '\u{1E00}'..='\u{1EFF}'
    )
}

fn is_letter_like(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin_accent(c) || ('\u{400}'..='\u{4FF}').contains(&c)
}

/// Characters of a path (`validGeneralUrlPathChars`); `(` and `)` only come in groups.
fn is_path_char(c: char) -> bool {
    is_letter_like(c)
        || matches!(
            c,
            '!' | '*'
                | '\''
                | ';'
                | ':'
                | '='
                | '+'
                | ','
                | '.'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '\u{2013}'
                | '_'
                | '~'
                | '@'
                | '|'
                | '&'
        )
}

/// Characters a path may end with (`validUrlPathEndingChars`, groups aside).
fn is_path_ending_char(c: char) -> bool {
    is_letter_like(c) || matches!(c, '+' | '-' | '=' | '_' | '#' | '/')
}

fn is_query_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!?*'@();:&=+$/%#[]-_.,~|".contains(&b)
}

fn is_query_ending_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_&=#/".contains(&b)
}

fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Bytes of `s` matched by `prefix` compared character by character after simple
/// lower-casing (`prefix` is lower case), or `None`.
fn prefix_len_ignore_case(s: &str, prefix: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for want in prefix.chars() {
        let (_, got) = chars.next()?;
        let mut lower = got.to_lowercase();
        if lower.next() != Some(want) || lower.next().is_some() {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<&str> {
        extract(text, Protocol::Optional)
            .into_iter()
            .map(|u| &text[u.start..u.end])
            .collect()
    }

    fn links_with_protocol(text: &str) -> Vec<&str> {
        extract(text, Protocol::Required)
            .into_iter()
            .map(|u| &text[u.start..u.end])
            .collect()
    }

    #[test]
    fn tld_tables_are_sorted() {
        assert!(tld::ASCII.windows(2).all(|w| w[0] < w[1]));
        assert!(tld::ASCII.iter().all(|t| t.len() <= MAX_ASCII_TLD));
        assert!(
            tld::NON_ASCII
                .windows(2)
                .all(|w| w[0].chars().count() >= w[1].chars().count())
        );
        assert_eq!(tld::ASCII.len() + tld::NON_ASCII.len(), 1259 + 315);
    }

    #[test]
    fn french_links() {
        assert_eq!(
            links("RDV sur clinique-exemple.fr."),
            ["clinique-exemple.fr"]
        );
        assert_eq!(
            links("(voir https://www.has-sante.fr/jcms/c_2838/fr)"),
            ["https://www.has-sante.fr/jcms/c_2838/fr"]
        );
        assert_eq!(
            links("Écrivez à contact@clinique-exemple.fr"),
            Vec::<&str>::new()
        );
        assert_eq!(
            links("fichier.pdf et www.ameli.fr/assure"),
            ["www.ameli.fr/assure"]
        );
        assert_eq!(links("version 2.0, 3.14 €"), Vec::<&str>::new());
        assert_eq!(
            links("https://exemple.fr/page?id=3&x=."),
            ["https://exemple.fr/page?id=3&x="]
        );
    }

    /// Every link-extraction case of twitter-text's `conformance/extract.yml` (sections
    /// `urls`, `urls_with_indices`, `urls_with_directional_markers`,
    /// `tco_urls_with_params`): description, text, the links expected.
    const EXTRACT_YML: &[(&str, &str, &[&str])] = &[
        (
            "urls: Extract a lone URL",
            "http://example.com",
            &["http://example.com"],
        ),
        (
            "urls: Extract a lone unicode url",
            "http://ああ.com",
            &["http://ああ.com"],
        ),
        (
            "urls: Extract a lone unicode url with -",
            "http://あ-あ.com",
            &["http://あ-あ.com"],
        ),
        (
            "urls: Extract valid URL: http://google.com",
            "text http://google.com",
            &["http://google.com"],
        ),
        (
            "urls: Extract valid URL: http://foobar.com/#",
            "text http://foobar.com/#",
            &["http://foobar.com/#"],
        ),
        (
            "urls: Extract valid URL: http://google.com/#foo",
            "text http://google.com/#foo",
            &["http://google.com/#foo"],
        ),
        (
            "urls: Extract valid URL: http://google.com/#search?q=iphone%20-filter%3Alinks",
            "text http://google.com/#search?q=iphone%20-filter%3Alinks",
            &["http://google.com/#search?q=iphone%20-filter%3Alinks"],
        ),
        (
            "urls: Extract valid URL: http://twitter.com/#search?q=iphone%20-filter%3Alinks",
            "text http://twitter.com/#search?q=iphone%20-filter%3Alinks",
            &["http://twitter.com/#search?q=iphone%20-filter%3Alinks"],
        ),
        (
            "urls: Extract valid URL: http://somedomain.com/index.php?path=/abc/def/",
            "text http://somedomain.com/index.php?path=/abc/def/",
            &["http://somedomain.com/index.php?path=/abc/def/"],
        ),
        (
            "urls: Extract valid URL: http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html",
            "text http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html",
            &["http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html"],
        ),
        (
            "urls: Extract valid URL: http://somehost.com:3000",
            "text http://somehost.com:3000",
            &["http://somehost.com:3000"],
        ),
        (
            "urls: Extract valid URL: http://xo.com/~matthew+%ff-x",
            "text http://xo.com/~matthew+%ff-x",
            &["http://xo.com/~matthew+%ff-x"],
        ),
        (
            "urls: Extract valid URL: http://xo.com/~matthew+%ff-,.;x",
            "text http://xo.com/~matthew+%ff-,.;x",
            &["http://xo.com/~matthew+%ff-,.;x"],
        ),
        (
            "urls: Extract valid URL: http://xo.com/,.;x",
            "text http://xo.com/,.;x",
            &["http://xo.com/,.;x"],
        ),
        (
            "urls: Extract valid URL: http://en.wikipedia.org/wiki/Primer_(film)",
            "text http://en.wikipedia.org/wiki/Primer_(film)",
            &["http://en.wikipedia.org/wiki/Primer_(film)"],
        ),
        (
            "urls: Extract valid URL: http://www.ams.org/bookstore-getitem/item=mbk-59",
            "text http://www.ams.org/bookstore-getitem/item=mbk-59",
            &["http://www.ams.org/bookstore-getitem/item=mbk-59"],
        ),
        (
            "urls: Extract valid URL: http://✪df.ws/ejp",
            "text http://✪df.ws/ejp",
            &["http://✪df.ws/ejp"],
        ),
        (
            "urls: Extract valid URL: http://example.com/",
            "test http://example.comだよね.comtest/hogehoge",
            &["http://example.com"],
        ),
        (
            "urls: Extract valid URL: http://chilp.it/?77e8fd",
            "text http://chilp.it/?77e8fd",
            &["http://chilp.it/?77e8fd"],
        ),
        (
            "urls: Extract valid URL: http://x.com/oneletterdomain",
            "text http://x.com/oneletterdomain",
            &["http://x.com/oneletterdomain"],
        ),
        (
            "urls: Extract valid URL: http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx",
            "text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx",
            &["http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"],
        ),
        (
            "urls: Extract valid URL with hyphen as query ending char: https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-",
            "text https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-",
            &[
                "https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-",
            ],
        ),
        (
            "urls: DO NOT extract invalid URL: http://no-tld",
            "text http://no-tld",
            &[],
        ),
        (
            "urls: DO NOT extract invalid URL: http://tld-too-short.x",
            "text http://tld-too-short.x",
            &[],
        ),
        (
            "urls: DO NOT extract invalid URL with invalid preceding character: (http://twitter.com",
            "(http://twitter.com",
            &["http://twitter.com"],
        ),
        (
            "urls: Extract a very long hyphenated sub-domain URL (single letter hyphens)",
            "text http://word-and-a-number-8-ftw.domain.com/",
            &["http://word-and-a-number-8-ftw.domain.com/"],
        ),
        (
            "urls: DO NOT Extract a hyphenated TLD (even though it's usually a typo)",
            "text http://domain.com-that-you-should-have-put-a-space-after",
            &[],
        ),
        (
            "urls: Extract URL ending with # value",
            "text http://foo.com?#foo text",
            &["http://foo.com?#foo"],
        ),
        (
            "urls: Extract URLs without protocol on (com|org|edu|gov|net) domains",
            "foo.com foo.net foo.org foo.edu foo.gov",
            &["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"],
        ),
        (
            "urls: Extract URLs without protocol not on (com|org|edu|gov|net) domains",
            "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp",
            &["foo.co.jp", "www.foo.co.uk", "foo.jp"],
        ),
        (
            "urls: Extract URLs without protocol on ccTLD with slash",
            "t.co/abcde bit.ly/abcde",
            &["t.co/abcde", "bit.ly/abcde"],
        ),
        (
            "urls: Extract URLs with protocol on ccTLD domains",
            "http://foo.jp http://fooooo.jp",
            &["http://foo.jp", "http://fooooo.jp"],
        ),
        (
            "urls: Extract URLs with a - or + at the end of the path",
            "Go to http://example.com/a+ or http://example.com/a-",
            &["http://example.com/a+", "http://example.com/a-"],
        ),
        (
            "urls: Extract URLs with longer paths ending in -",
            "Go to http://example.com/view/slug-url-?foo=bar",
            &["http://example.com/view/slug-url-?foo=bar"],
        ),
        (
            "urls: Extract URLs with an en dash in the path",
            "Go to https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud please",
            &["https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud"],
        ),
        (
            "urls: Extract URLs beginning with a space",
            "@user Try http:// example.com/path",
            &["example.com/path"],
        ),
        (
            "urls: Extract long URL without protocol surrounded by CJK characters",
            "これは日本語です。example.com/path/index.html中国語example.com/path한국",
            &["example.com/path/index.html", "example.com/path"],
        ),
        (
            "urls: Extract short URL without protocol surrounded by CJK characters",
            "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde",
            &[
                "twitter.com",
                "example.com",
                "t.co/abcde",
                "twitter.com",
                "example2.com",
                "twitter.com/abcde",
            ],
        ),
        (
            "urls: Extract URLs with and without protocol surrounded by CJK characters",
            "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.comテストexample2.comテストhttp://twitter.com/abcde",
            &[
                "http://twitter.com/",
                "example.com",
                "http://t.co/abcde",
                "twitter.com",
                "example2.com",
                "http://twitter.com/abcde",
            ],
        ),
        (
            "urls: Extract URLs with protocol and path containing Cyrillic characters",
            "Go to http://twitter.com/Русские_слова",
            &["http://twitter.com/Русские_слова"],
        ),
        (
            "urls: Extract non-ASCII host name URLs with protocol, but ignore host names bigger than 63 characters. Also handle exceptions for non-ASCII hostnames longer than 256 characters",
            "http://exampleこれは日本語です.com/path/index.html http://あああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああ.com/path/index.html",
            &["http://exampleこれは日本語です.com/path/index.html"],
        ),
        (
            "urls: Extract short URLs without protocol on ccTLD domains without path",
            "twitter.jp日本語it.so中国語foo.jp it.so foo.jp",
            &["twitter.jp", "it.so", "foo.jp", "it.so", "foo.jp"],
        ),
        (
            "urls: DO NOT extract invalid URL",
            "Hello http://xn--はじめよう.com/index.html",
            &[],
        ),
        (
            "urls: DO NOT Extract URL with domain preceeded by underscore: http://domain-begin_dash_2314352345_dfasd.foo-cow_4352.com",
            "text http://domain-dash_2314352345_dfasd.foo-cow_4352.com",
            &[],
        ),
        (
            "urls: DO NOT Extract URLs with a - or + in the middle of an email address",
            "Email me at name.al-lastname@foo.com or name.al+lastname@foo.com",
            &[],
        ),
        (
            "urls: Extract URLs with a - in the middle",
            "Find my page at name.al-lastname.com",
            &["name.al-lastname.com"],
        ),
        (
            "urls: Extract some (tv|co) short URLs without protocol on ccTLD domains without path",
            "MLB.tv vine.co twitch.tv t.co",
            &["MLB.tv", "vine.co", "twitch.tv", "t.co"],
        ),
        (
            "urls: Extract URLs beginning with a non-breaking space (U+00A0)",
            "@user Try http:// example.com/path",
            &["example.com/path"],
        ),
        (
            "urls: Extract URLs with underscores and dashes in the subdomain",
            "test http://sub_domain-dash.twitter.com",
            &["http://sub_domain-dash.twitter.com"],
        ),
        (
            "urls: Extract URL with minimum number of valid characters",
            "test http://a.b.cd",
            &["http://a.b.cd"],
        ),
        (
            "urls: Extract URLs containing underscores and dashes",
            "test http://a_b.c-d.com",
            &["http://a_b.c-d.com"],
        ),
        (
            "urls: Extract URLs containing dashes in the subdomain",
            "test http://a-b.c.com",
            &["http://a-b.c.com"],
        ),
        (
            "urls: Extract URLs with dashes in the domain name",
            "test http://twitter-dash.com",
            &["http://twitter-dash.com"],
        ),
        (
            "urls: Extract URLs with lots of symbols then a period",
            "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188",
            &[
                "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188",
            ],
        ),
        (
            "urls: DO NOT extract URLs containing leading dashes in the subdomain",
            "test http://-leadingdash.twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing leading dashes in the domain with a subdomain",
            "test http://leadingdash.-twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing trailing dashes in the subdomain",
            "test http://trailingdash-.twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing trailing dashes in the domain with a subdomain",
            "test http://trailingdash.twitter-.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing leading underscores in the subdomain",
            "test http://_leadingunderscore.twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing leading underscores in the domain with a subdomain",
            "test http://leadingunderscore._twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing trailing underscores in the subdomain",
            "test http://trailingunderscore_.twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing trailing underscores in the domain with a subdomain",
            "test http://trailingunderscore.twitter_.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing leading dashes in the domain name",
            "test http://-twitter.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing trailing dashes in the domain name",
            "test http://twitter-.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing underscores in the domain name",
            "test http://twitter_underscore.com",
            &[],
        ),
        (
            "urls: DO NOT extract URLs containing underscores in the tld",
            "test http://twitter.c_o_m",
            &[],
        ),
        (
            "urls: Extract valid URL http://www.foo.com/foo/path-with-period./",
            "test http://www.foo.com/foo/path-with-period./",
            &["http://www.foo.com/foo/path-with-period./"],
        ),
        (
            "urls: Extract valid URL http://www.foo.org.za/foo/bar/688.1",
            "test http://www.foo.org.za/foo/bar/688.1",
            &["http://www.foo.org.za/foo/bar/688.1"],
        ),
        (
            "urls: Extract valid URL http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0",
            "test http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0",
            &["http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0"],
        ),
        (
            "urls: Extract valid URL http://foo.com/bar/123/foo_&_bar/",
            "test http://foo.com/bar/123/foo_&_bar/",
            &["http://foo.com/bar/123/foo_&_bar/"],
        ),
        (
            "urls: Extract valid URL http://www.cp.sc.edu/events/65",
            "test http://www.cp.sc.edu/events/65 test",
            &["http://www.cp.sc.edu/events/65"],
        ),
        (
            "urls: Extract valid URL http://www.andersondaradio.no.comunidades.net/",
            "http://www.andersondaradio.no.comunidades.net/ test test",
            &["http://www.andersondaradio.no.comunidades.net/"],
        ),
        (
            "urls: Extract valid URL ELPAÍS.com",
            "test ELPAÍS.com",
            &["ELPAÍS.com"],
        ),
        (
            "urls: DO NOT include period at the end of URL",
            "test http://twitter.com/.",
            &["http://twitter.com/"],
        ),
        (
            "urls: Extract a URL with '?' in fragment",
            "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment&type=resize&height=20&ackdata",
            &[
                "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment&type=resize&height=20&ackdata",
            ],
        ),
        (
            "urls: Extract a URL with '?' in fragment in a text",
            "text http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment&type=resize&height=20&ackdata text",
            &[
                "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment&type=resize&height=20&ackdata",
            ],
        ),
        (
            "urls: Extract a URL with a ton of trailing periods",
            "Test a ton of periods http://example.com/path..........................................",
            &["http://example.com/path"],
        ),
        (
            "urls: Extract a URL with a ton of trailing commas",
            "Test a ton of periods http://example.com/,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
            &["http://example.com/"],
        ),
        (
            "urls: Extract a URL with a ton of trailing '!'",
            "Test a ton of periods http://example.com/path/!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            &["http://example.com/path/"],
        ),
        (
            "urls: DO NOT extract URLs in hashtag or @mention",
            "#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde",
            &[],
        ),
        (
            "urls: Extract a t.co URL with a trailing apostrophe",
            "I really like http://t.co/pbY2NfTZ's website",
            &["http://t.co/pbY2NfTZ"],
        ),
        (
            "urls: Extract a t.co URL with a trailing hyphen",
            "Check this site out http://t.co/FNkPfmii- it's great",
            &["http://t.co/FNkPfmii"],
        ),
        (
            "urls: Extract a t.co URL with a trailing colon",
            "According to http://t.co/ulYGBYSo: the internet is cool",
            &["http://t.co/ulYGBYSo"],
        ),
        (
            "urls: Extract a t.co URL with a long path",
            "I really like http://t.co/abcdefghijklmnopqrstuvwxyz0123456789",
            &["http://t.co/abcdefghijklmnopqrstuvwxyz0123456789"],
        ),
        (
            "urls: DO NOT extract URLs with > 40 characters in a t.co slug",
            "I really like http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234",
            &[],
        ),
        (
            "urls: Extract domain followed by Japanese characters",
            "example.comてすとですtwitter.みんなです",
            &["example.com", "twitter.みんな"],
        ),
        (
            "urls: Extract URL before newline",
            "http://twitter.com\u{A}http://example.com\u{A}http://example.com/path\u{A}example.com/path\u{A}it.so\u{A}it.so/abcde",
            &[
                "http://twitter.com",
                "http://example.com",
                "http://example.com/path",
                "example.com/path",
                "it.so",
                "it.so/abcde",
            ],
        ),
        (
            "urls: DO NOT extract URL if preceded by $",
            "$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA",
            &[],
        ),
        (
            "urls: DO NOT extract .bz2 file name as URL",
            "long.test.tar.bz2 test.tar.bz2 tar.bz2",
            &[],
        ),
        (
            "urls: DO NOT extract URL with gTLD followed by @ sign",
            "john.doe.gov@mail.com",
            &[],
        ),
        (
            "urls: DO NOT extract URL with ccTLD followed by @ sign",
            "john.doe.jp@mail.com",
            &[],
        ),
        (
            "urls_with_indices: Extract a URL",
            "text http://google.com",
            &["http://google.com"],
        ),
        (
            "urls_with_indices: Extract a URL from a Japanese tweet",
            "皆さん見てください！ http://google.com",
            &["http://google.com"],
        ),
        (
            "urls_with_indices: Extract URLs without protocol on ccTLD with slash",
            "t.co/abcde bit.ly/abcde",
            &["t.co/abcde", "bit.ly/abcde"],
        ),
        (
            "urls_with_indices: Extract URLs without protocol surrounded by CJK characters",
            "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde",
            &[
                "twitter.com",
                "example.com",
                "t.co/abcde",
                "twitter.com",
                "example2.com",
                "twitter.com/abcde",
            ],
        ),
        (
            "urls_with_indices: Extract URLs with and without protocol surrounded by CJK characters",
            "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.comテストexample2.comテストhttp://twitter.com/abcde",
            &[
                "http://twitter.com/",
                "example.com",
                "http://t.co/abcde",
                "twitter.com",
                "example2.com",
                "http://twitter.com/abcde",
            ],
        ),
        (
            "urls_with_indices: Extract t.co URLs skipping trailing characters and adjusting indices correctly",
            "http://t.co/pbY2NfTZ's http://t.co/2vYHpAc5; http://t.co/ulYGBYSo: http://t.co/8MkmHU0k+c http://t.co/TKLp64dY.x http://t.co/8t7G3ddS#a http://t.co/FNkPfmii-",
            &[
                "http://t.co/pbY2NfTZ",
                "http://t.co/2vYHpAc5",
                "http://t.co/ulYGBYSo",
                "http://t.co/8MkmHU0k",
                "http://t.co/TKLp64dY",
                "http://t.co/8t7G3ddS",
                "http://t.co/FNkPfmii",
            ],
        ),
        (
            "urls_with_indices: Properly extract URL that contains t.co in referer",
            "http://www.foo.com?referer=https://t.co/abcde http://t.co/xyzzy",
            &[
                "http://www.foo.com?referer=https://t.co/abcde",
                "http://t.co/xyzzy",
            ],
        ),
        (
            "urls_with_indices: Extract correct indices for duplicate instances of the same URL",
            "http://t.co http://t.co",
            &["http://t.co", "http://t.co"],
        ),
        (
            "urls_with_indices: Extract I18N URL",
            "test http://xn--ls8h.XN--ls8h.la/",
            &["http://xn--ls8h.XN--ls8h.la/"],
        ),
        (
            "urls_with_indices: Extract URLs with IDN(not encoded)",
            "test http://foobar.みんな/ http://foobar.中国/ http://foobar.پاکستان/ ",
            &[
                "http://foobar.みんな/",
                "http://foobar.中国/",
                "http://foobar.پاکستان/",
            ],
        ),
        (
            "urls_with_directional_markers: Extract URLs from RTL text",
            "\u{2066}\u{202A}test abcdef.com پاکستان http://twitter.com/\u{202C}\u{2069}",
            &["abcdef.com", "http://twitter.com/"],
        ),
        (
            "urls_with_directional_markers: Extract URLs from RTL text with embedded directional marks",
            "This is a test \u{2066}\u{202A}twitter.com\u{202C}\u{2069} \u{2066}\u{202A}http://foobar.پاکستان/\u{202C}\u{2069}\u{2069} قطر فلسطين عمان",
            &["twitter.com", "http://foobar.پاکستان/"],
        ),
        (
            "tco_urls_with_params: Extract valid URL with params: https://t.co/UqIyJAJTfo?amp=1",
            "text https://t.co/UqIyJAJTfo?amp=1",
            &["https://t.co/UqIyJAJTfo?amp=1"],
        ),
        (
            "tco_urls_with_params: Extract valid URL with params: https://t.co/UqIyJAJTfo?type=js",
            "text https://t.co/UqIyJAJTfo?type=js",
            &["https://t.co/UqIyJAJTfo?type=js"],
        ),
        (
            "tco_urls_with_params: Extract valid URL with params: https://t.co/UqIyJAJTfo?ssr=true",
            "text https://t.co/UqIyJAJTfo?ssr=true",
            &["https://t.co/UqIyJAJTfo?ssr=true"],
        ),
        (
            "tco_urls_with_params: Extract a valid URL with params: https://t.co/asdfdf?a=b#123",
            "text https://t.co/asdfdf?a=b#123",
            &["https://t.co/asdfdf?a=b#123"],
        ),
        (
            "tco_urls_with_params: Extract a valid URL with params: https://t.co/sadfasdf?a=b&c=d",
            "text https://t.co/sadfasdf?a=b&c=d",
            &["https://t.co/sadfasdf?a=b&c=d"],
        ),
    ];

    #[test]
    fn conformance_extract_urls() {
        for (description, text, expected) in EXTRACT_YML {
            assert_eq!(&links(text), expected, "{description}");
        }
    }

    #[test]
    fn conformance_tlds() {
        // conformance/tlds.yml: each case reads "<tld> is a valid ... tld", text
        // `https://twitter.<tld>`, and expects the whole text as one link. The lists in
        // `tld` are those cases; this checks the scanner accepts every one of them.
        for tld in tld::ASCII.iter().chain(tld::NON_ASCII) {
            let text = format!("https://twitter.{tld}");
            assert_eq!(links(&text), [text.as_str()], "{tld}");
        }
        // Case does not matter, and a longer label wins over its prefix.
        assert_eq!(links("WWW.Clinique.FR"), ["WWW.Clinique.FR"]);
        assert_eq!(links("x.嘉里大酒店"), ["x.嘉里大酒店"]);
    }

    #[test]
    fn mastodon_mode_needs_a_protocol() {
        assert_eq!(links_with_protocol("voir exemple.fr"), Vec::<&str>::new());
        assert_eq!(
            links_with_protocol("voir https://exemple.fr/x"),
            ["https://exemple.fr/x"]
        );
    }

    #[test]
    fn punycode_lengths() {
        // RFC 3492 section 7.1 (B): "Chinese (simplified)" is encoded as
        // `ihqwcrb4cv8a8dqg056pqjye` (24 characters).
        assert_eq!(
            punycode_len(|| "他们为什么不说中文".chars().map(u32::from)),
            24
        );
        assert_eq!(punycoded_len("bücher", false), "xn--bcher-kva".len());
        assert_eq!(punycoded_len("example", false), 7);
    }
}
