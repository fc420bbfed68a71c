//! Findings about a calendar, and how they are shown.
//!
//! Syntax errors and rule findings are the same [`Diagnostic`] value, rendered
//! by one renderer: the human form quotes the offending line with a marker, as
//! rustc and cargo do; the JSON form is the array SPEC fixes. Nothing here
//! decides *what* is wrong: that is `load`, `resolve` and `rules`.

use std::io;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Sources, Span, floor_char_boundary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A second place a finding points at, e.g. the first of two duplicate ids.
#[derive(Debug, Clone)]
pub struct Note {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The rule's stable code, see `rules::REGISTRY`.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    /// Shown under the marker.
    pub label: Option<String>,
    pub notes: Vec<Note>,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    pub post: Option<String>,
    pub channel: Option<String>,
}

impl Diagnostic {
    /// A finding of `code`, with the severity the registry gives it.
    pub fn new(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: crate::rules::severity(code),
            code,
            message: message.into(),
            span,
            label: None,
            notes: Vec::new(),
            help: None,
            post: None,
            channel: None,
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
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = level
        .primary_title(d.message.as_str())
        .id(d.code)
        .element(excerpt(
            sources,
            d.span,
            AnnotationKind::Primary,
            d.label.as_deref(),
        ));
    for note in &d.notes {
        group = group.element(excerpt(
            sources,
            note.span,
            AnnotationKind::Context,
            Some(&note.message),
        ));
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
    renderer.render(report)
}

/// The one line a span starts on. The renderer trims long lines around the
/// marker itself (rustc's margin logic), so a 2 MB line prints a short window
/// with the right column.
fn excerpt<'a>(
    sources: &'a Sources,
    span: Span,
    kind: AnnotationKind,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let source = sources.get(span.source);
    let (line, _) = source.line_col(span.start as usize);
    let line_range = source.line_range(line - 1);
    let text = &source.text;
    let start = floor_char_boundary(
        text,
        (span.start as usize).clamp(line_range.start, line_range.end),
    );
    let end = floor_char_boundary(text, (span.end as usize).clamp(start, line_range.end));
    let mut annotation = kind.span(start - line_range.start..end - line_range.start);
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    Snippet::source(&source.text[line_range])
        .line_start(line)
        .path(source.path.as_str())
        .fold(false)
        .annotation(annotation)
}

/// The JSON object SPEC fixes for one finding.
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
                code: d.code,
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
