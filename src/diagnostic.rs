//! Findings about a calendar, and how they are shown.
//!
//! Syntax errors and rule findings are the same [`Diagnostic`] value, rendered
//! by one renderer: the human form quotes the offending line with a marker, as
//! rustc and cargo do; the JSON form is a stable array scripts read. Nothing here
//! decides *what* is wrong: that is `load`, `resolve` and `rules`.

use std::io;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::rules::Code;
pub use crate::rules::code::Severity;
use crate::source::{Sources, Span, floor_char_boundary};

/// A second place a finding points at, e.g. the first of two duplicate ids.
#[derive(Debug, Clone)]
pub struct Note {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The rule's code, see `rules::REGISTRY`.
    pub code: Code,
    pub message: String,
    pub span: Span,
    /// Shown under the marker.
    pub label: Option<String>,
    pub notes: Vec<Note>,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    pub post: Option<String>,
    pub channel: Option<String>,
    /// The `[[post]]` table it was found in, even one without a usable id:
    /// it blocks that post, never its whole file (see `blocked`).
    pub in_post: Option<Span>,
}

impl Diagnostic {
    /// A finding of `code`, with the severity the registry gives it.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            span,
            label: None,
            notes: Vec::new(),
            help: None,
            post: None,
            channel: None,
            in_post: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note {
            span,
            message: message.into(),
        });
        self
    }

    pub fn post(mut self, post: &str) -> Diagnostic {
        self.post = Some(post.to_owned());
        self
    }

    pub fn channel(mut self, channel: &str) -> Diagnostic {
        self.channel = Some(channel.to_owned());
        self
    }
}

/// Sorts findings by file, line, column and code, and drops exact repeats, so
/// the same calendar always prints the same bytes.
pub fn sort(diagnostics: &mut Vec<Diagnostic>, sources: &Sources) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| (&sources.get(d.span.source).path, d.span.start, d.code);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.message.cmp(&b.message))
            .then_with(|| a.span.end.cmp(&b.span.end))
    });
    diagnostics.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
}

/// Renders one finding for a person, as rustc does.
pub fn render_human(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    render_cut(d, sources, color, LONG_LINE)
}

/// Lines longer than this many bytes are cut to a window around the marker
/// before rendering: the renderer measures every character of the lines it
/// gets, so a thousand findings on one 8 MB line would take minutes (found
/// by fuzzing). It still trims the window to the terminal itself.
const LONG_LINE: usize = 4096;

/// Bytes kept on each side of the marker's start in a cut line; more than
/// the renderer shows, so it still prints its `...` where the line goes on.
const WINDOW: usize = 1024;

fn render_cut(d: &Diagnostic, sources: &Sources, color: bool, long_line: usize) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let primary = excerpt(sources, d.span, long_line);
    let notes: Vec<Excerpt<'_>> = d
        .notes
        .iter()
        .map(|note| excerpt(sources, note.span, long_line))
        .collect();
    let mut group = level
        .primary_title(d.message.as_str())
        .id(d.code.name())
        .element(primary.snippet(AnnotationKind::Primary, d.label.as_deref()));
    for (note, excerpt) in d.notes.iter().zip(&notes) {
        group = group.element(excerpt.snippet(AnnotationKind::Context, Some(&note.message)));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let report: &[Group<'_>] = &[group];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut text = renderer.render(report);
    // The renderer counts the column from the start of what it was given,
    // up to the end of the line's text: put back the characters cut off on
    // the left, and a position past a final `\r` (the JSON form's column).
    let mut from = 0;
    for excerpt in std::iter::once(&primary).chain(&notes) {
        if excerpt.shown_column == excerpt.column {
            continue;
        }
        let shown = format!("{}:{}:{}", excerpt.path, excerpt.line, excerpt.shown_column);
        let Some(at) = find_origin(&text[from..], &shown).map(|at| at + from) else {
            continue;
        };
        let real = format!("{}:{}:{}", excerpt.path, excerpt.line, excerpt.column);
        text.replace_range(at..at + shown.len(), &real);
        from = at + real.len();
    }
    text
}

/// Where `origin` (`path:line:column`) is printed after `-->` or `:::`.
fn find_origin(text: &str, origin: &str) -> Option<usize> {
    text.match_indices(origin).map(|(at, _)| at).find(|&at| {
        let after = text[at + origin.len()..].chars().next();
        let before = &text[..at];
        (before.ends_with(' ') || before.ends_with("\x1b[0m"))
            && matches!(after, None | Some('\n' | '\x1b'))
    })
}

/// The part of a line a span starts on that is shown.
struct Excerpt<'a> {
    path: &'a str,
    /// The text shown: the whole line, or a window of a long one.
    text: &'a str,
    /// 1-based line and true column of the span's start.
    line: usize,
    column: usize,
    /// The column the renderer computes from `text` and `range`.
    shown_column: usize,
    /// The span, relative to `text`.
    range: std::ops::Range<usize>,
}

/// The one line a span starts on, cut around the span when it is longer
/// than `long_line` bytes.
fn excerpt(sources: &Sources, span: Span, long_line: usize) -> Excerpt<'_> {
    let source = sources.get(span.source);
    let (line, column) = source.line_col(span.start as usize);
    let line_range = source.line_range(line - 1);
    let text = &source.text;
    let start = floor_char_boundary(
        text,
        (span.start as usize).clamp(line_range.start, line_range.end),
    );
    let end = floor_char_boundary(text, (span.end as usize).clamp(start, line_range.end));
    let (from, to) = if line_range.len() > long_line {
        (
            floor_char_boundary(text, start.saturating_sub(WINDOW).max(line_range.start)),
            floor_char_boundary(text, (start + WINDOW).min(line_range.end)),
        )
    } else {
        (line_range.start, line_range.end)
    };
    let end = end.min(to);
    Excerpt {
        path: &source.path,
        text: &text[from..to],
        line,
        column,
        shown_column: source.line_col(start).1 - (source.line_col(from).1 - 1),
        range: start - from..end - from,
    }
}

impl<'a> Excerpt<'a> {
    fn snippet(
        &self,
        kind: AnnotationKind,
        label: Option<&'a str>,
    ) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        let mut annotation = kind.span(self.range.clone());
        if let Some(label) = label {
            annotation = annotation.label(label);
        }
        Snippet::source(self.text)
            .line_start(self.line)
            .path(self.path)
            .fold(false)
            .annotation(annotation)
    }
}

/// The JSON object of one finding, a stable format scripts read.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    post: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

/// Writes every finding as one JSON array (`[]` when there is none).
pub fn write_json(
    out: &mut dyn io::Write,
    diagnostics: &[Diagnostic],
    sources: &Sources,
) -> io::Result<()> {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| {
            let source = sources.get(d.span.source);
            let (line, column) = source.line_col(d.span.start as usize);
            JsonDiagnostic {
                severity: d.severity,
                code: d.code.name(),
                message: &d.message,
                file: &source.path,
                line,
                column,
                post: d.post.as_deref(),
                channel: d.channel.as_deref(),
                hint: d.help.as_deref().or(d.label.as_deref()),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A file whose line 2 is long, with a finding at `at` (bytes into it)
    /// and a note on the same line.
    fn long_line(pieces: &[&str], at: usize, len: usize) -> (Sources, Diagnostic) {
        let line: String = pieces.iter().cycle().take(3000).copied().collect();
        let text = format!("a = 1\nb = \"{line}\"\nc = 2\n");
        let mut sources = Sources::default();
        let id = sources.add("posts/p.toml".into(), text.clone());
        let start = floor_char_boundary(&text, 6 + at.min(line.len()));
        let d = Diagnostic::new(Code::InvalidValue, Span::new(id, start..start + len), "bad")
            .label("here")
            .note(Span::new(id, 8..9), "first")
            .note(Span::new(id, 0..1), "other line");
        (sources, d)
    }

    proptest! {
        /// Cutting a long line changes nothing the reader sees: the same
        /// window, the same markers, the same `file:line:column`.
        #[test]
        fn cut_lines_render_as_whole_ones(
            at in 0usize..20_000,
            len in 0usize..200,
            wide in proptest::bool::ANY,
            color in proptest::bool::ANY,
        ) {
            let pieces: &[&str] = if wide { &["é", "x", "字", "🙂", " "] } else { &["x", "y", " "] };
            let (sources, d) = long_line(pieces, at, len);
            let whole = render_cut(&d, &sources, color, usize::MAX);
            let cut = render_cut(&d, &sources, color, 0);
            prop_assert_eq!(cut, whole);
        }

        /// A marker longer than the window is cut with it; the position
        /// stays right and the output short.
        #[test]
        fn long_markers_keep_their_position(at in 0usize..20_000, len in 200usize..20_000) {
            let (sources, d) = long_line(&["é", "x", "字", "🙂", " "], at, len);
            let whole = render_cut(&d, &sources, false, usize::MAX);
            let cut = render_cut(&d, &sources, false, 0);
            let origin = |text: &str| text.lines().nth(1).unwrap().to_owned();
            prop_assert_eq!(origin(&cut), origin(&whole));
            prop_assert!(cut.len() < 12 * WINDOW, "{}", cut.len());
        }
    }

    /// Regression (found by fuzzing): 80,000 findings on one 400 kB line
    /// took 156 s to render, each measuring the whole line.
    #[test]
    fn many_findings_on_one_long_line_render_quickly() {
        let line = "x = 1, ".repeat(1_000_000);
        let mut sources = Sources::default();
        let id = sources.add("posts/p.toml".into(), format!("a = [{line}]\n"));
        let started = std::time::Instant::now();
        for i in 0..2_000 {
            let at = 5 + i * 3_000;
            let d = Diagnostic::new(Code::InvalidValue, Span::new(id, at..at + 1), "bad");
            let text = render_human(&d, &sources, false);
            assert!(
                text.contains(&format!("posts/p.toml:1:{}", at + 1)),
                "{text}"
            );
        }
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }
}
