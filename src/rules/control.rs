//! `control-character`: no published text carries an invisible control
//! character.
//!
//! TOML cannot hold one raw in a string (only tabs and line breaks), so it
//! comes in through an escape (`\u0007`, `\b`, `\f`, `\e`, a `\r` not
//! followed by `\n`), most often pasted from a word processor. A network or
//! a scheduler drops it, cuts the text there or refuses the post, and what
//! goes out is then not what was approved. The finding points at the
//! escape that writes the character.

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Post, Status};
use crate::rules::Code;
use crate::source::{Sources, Span};

/// Whether `c` at this place of a text is a control character no text may
/// carry: C0 but tab and line feed, DEL, and a carriage return that does not
/// start a CRLF line break.
fn forbidden(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        c => c.is_ascii_control(),
    }
}

/// The control characters of `text` that no text may carry, with their
/// byte offsets.
pub fn find(text: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    // Every character looked for is an ASCII control byte: most texts are
    // passed over in one scan of their bytes.
    if !text
        .bytes()
        .any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f)
    {
        return found;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if forbidden(c, next) {
            found.push((at, c));
        }
    }
    found
}

/// The name of a control character for a message: `U+0007`.
pub fn describe(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Published posts are not read, as for the publishing rules: what went
/// out is history, and cannot be changed.
pub fn check(calendar: &Calendar, sources: &Sources, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        if post.status.value != Status::Published {
            check_post(post, sources, out);
        }
    }
}

fn check_post(post: &Post, sources: &Sources, out: &mut Vec<Diagnostic>) {
    if let Some(text) = &post.text {
        spanned(
            post,
            sources,
            &|| "text".into(),
            &text.value,
            text.span,
            out,
        );
    }
    for (channel, variant) in &post.variants {
        if let Some(text) = &variant.text {
            let key = || format!("variants.{channel}.text");
            spanned(post, sources, &key, &text.value, text.span, out);
        }
        if let Some(link) = &variant.link {
            unspanned(post, &|| format!("variants.{channel}.link"), link, out);
        }
        for tag in variant.hashtags.iter().flatten() {
            unspanned(post, &|| format!("variants.{channel}.hashtags"), tag, out);
        }
    }
    spanned(
        post,
        sources,
        &|| "title".into(),
        &post.title,
        post.title_span,
        out,
    );
    if let Some(link) = &post.link {
        unspanned(post, &|| "link".into(), link, out);
    }
    for tag in &post.hashtags {
        unspanned(post, &|| "hashtags".into(), tag, out);
    }
    for media in post.all_media() {
        if let Some(alt) = &media.alt {
            unspanned(post, &|| "media alt".into(), alt, out);
        }
    }
}

/// The key a finding names, made only when there is a finding.
type Key<'a> = &'a dyn Fn() -> String;

/// A text whose string is at `span`: each character is pointed at.
fn spanned(
    post: &Post,
    sources: &Sources,
    key: Key<'_>,
    value: &str,
    span: Span,
    out: &mut Vec<Diagnostic>,
) {
    let found = find(value);
    if found.is_empty() {
        return;
    }
    let escapes = escapes(sources.text(span));
    // The escapes line up with the characters when every control character
    // of the value was written as an escape, which TOML requires.
    let all: Vec<_> = value.chars().filter(char::is_ascii_control).collect();
    let aligned = escapes.len() == all.len();
    let mut nth = 0;
    let mut chars = value.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !c.is_ascii_control() {
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        if forbidden(c, next) {
            let at = if aligned {
                let range = &escapes[nth];
                Span::new(
                    span.source,
                    span.start as usize + range.start..span.start as usize + range.end,
                )
            } else {
                span
            };
            out.push(diagnostic(post, &key(), c, at));
        }
        nth += 1;
    }
}

/// A text without a position of its own: the post is pointed at.
fn unspanned(post: &Post, key: Key<'_>, value: &str, out: &mut Vec<Diagnostic>) {
    for (_, c) in find(value) {
        out.push(diagnostic(post, &key(), c, post.id.span));
    }
}

fn diagnostic(post: &Post, key: &str, c: char, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ControlCharacter,
        span,
        format!(
            "`{key}` of `{}` holds the control character {}",
            post.id.value,
            describe(c)
        ),
    )
    .label(format!("{} here", describe(c)))
    .help(
        "delete it: networks and schedulers drop it, cut the text there or refuse the post; \
         only tabs and line breaks (`\\n`) may be written",
    )
    .post(&post.id.value)
}

/// The byte ranges, in a TOML string as written, of each control
/// character of its value: escapes that give one, and the raw tabs and
/// line breaks of the string, in order. Literal strings have no escapes.
fn escapes(raw: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let basic = raw.starts_with('"');
    let multi = raw.starts_with("\"\"\"") || raw.starts_with("'''");
    let mut i = if multi { 3 } else { 1 };
    let end = raw.len().saturating_sub(if multi { 3 } else { 1 });
    // A line break right after the opening quotes is not part of the value.
    if multi {
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let bytes = raw.as_bytes();
    while i < end {
        let b = bytes[i];
        if basic && b == b'\\' {
            let Some(&kind) = bytes.get(i + 1) else { break };
            let len = match kind {
                b'x' => 4,
                b'u' => 6,
                b'U' => 10,
                b' ' | b'\t' | b'\r' | b'\n' => {
                    // A line-ending backslash: it and the blanks after it
                    // are not part of the value.
                    i += 1;
                    while i < end && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                        i += 1;
                    }
                    continue;
                }
                _ => 2,
            };
            let decoded = match kind {
                b'b' => Some('\u{8}'),
                b't' => Some('\t'),
                b'n' => Some('\n'),
                b'f' => Some('\u{c}'),
                b'r' => Some('\r'),
                b'e' => Some('\u{1b}'),
                b'x' | b'u' | b'U' => raw
                    .get(i + 2..i + len)
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .and_then(char::from_u32),
                _ => None,
            };
            if decoded.is_some_and(|c| c.is_ascii_control()) {
                found.push(i..i + len);
            }
            i += len;
            continue;
        }
        if b.is_ascii_control() {
            found.push(i..i + 1);
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_controls_other_than_tab_and_line_breaks_are_found() {
        assert_eq!(find("a\tb\nc\r\nd"), []);
        assert_eq!(find("a\u{7}b"), [(1, '\u{7}')]);
        assert_eq!(find("a\rb"), [(1, '\r')]);
        assert_eq!(find("fin\r"), [(3, '\r')]);
        assert_eq!(find("x\u{7f}"), [(1, '\u{7f}')]);
        assert_eq!(find("é\u{0}"), [(2, '\u{0}')]);
        assert_eq!(describe('\u{1b}'), "U+001B");
    }

    #[test]
    fn published_posts_are_history_and_not_read() {
        let post = |id: &str, status: &str| {
            format!(
                "[[post]]\nid = \"{id}\"\ntitle = \"t\"\nchannels = [\"facebook\"]\nstatus = \"{status}\"\n\
                 at = 2026-09-01T10:00:00\ntext = \"Bonjour\\u0007\"\n\n"
            )
        };
        let posts = [post("sent", "published"), post("next", "draft")].concat();
        let checked = crate::testing::checked(
            &[
                ("channels.toml", "[facebook]\nnetwork = \"facebook\"\n"),
                ("posts/p.toml", &posts),
            ],
            "2026-08-01",
        );
        let reported: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ControlCharacter)
            .map(|d| d.post.as_deref())
            .collect();
        assert_eq!(reported, [Some("next")]);
    }

    #[test]
    fn escapes_are_found_where_they_are_written() {
        let raw = r#""a\u0007b\tc\"\\d\e""#;
        let ranges = escapes(raw);
        assert_eq!(
            ranges.iter().map(|r| &raw[r.clone()]).collect::<Vec<_>>(),
            [r"\u0007", r"\t", r"\e"]
        );
        let raw = "\"\"\"\nline\\r\n\\\n   next\u{9}\"\"\"";
        let ranges = escapes(raw);
        assert_eq!(
            ranges.iter().map(|r| &raw[r.clone()]).collect::<Vec<_>>(),
            [r"\r", "\n", "\t"]
        );
        assert!(escapes("'a\\b'").is_empty());
    }
}
