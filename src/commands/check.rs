//! `edcal check`: print every finding (or those `--severity` and `--code`
//! select), then, on stderr, the count per code and one summary line.

use std::collections::BTreeMap;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::Context;
use crate::check::Checked;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::rules::Code;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Only the findings of this severity
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub severity: Option<SeverityArg>,

    /// Only the findings of this rule code, e.g. `too-long` (repeatable;
    /// `edcal explain` lists the codes)
    #[arg(long = "code", value_name = "CODE", value_parser = parse_code)]
    pub codes: Vec<Code>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
}

/// A rule code, or a usage error naming the codes it is close to.
fn parse_code(name: &str) -> Result<Code, String> {
    if let Some(code) = Code::from_name(name) {
        return Ok(code);
    }
    let close = close_codes(name);
    let hint = if close.is_empty() {
        String::new()
    } else {
        let close: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        format!("; did you mean {}?", or_list(&close))
    };
    Err(format!(
        "unknown rule code `{name}`{hint} (`edcal explain` lists every rule)"
    ))
}

/// The codes a mistyped or partial code may mean: a few letters off, or
/// containing it (`consent` → `missing-consent`, `unknown-consent`); the
/// closest first, five at most.
fn close_codes(name: &str) -> Vec<&'static str> {
    let mut close: Vec<(usize, &'static str)> = Code::names()
        .filter_map(|code| {
            let distance = strsim::damerau_levenshtein(name, code);
            let typo = distance <= (code.chars().count() / 3).max(1);
            let part = name.chars().count() >= 3 && code.contains(name);
            (typo || part).then_some((distance, code))
        })
        .collect();
    close.sort_unstable();
    close.into_iter().take(5).map(|(_, code)| code).collect()
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

pub fn run(args: &CheckArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let selected = |d: &&Diagnostic| {
        let severity = match args.severity {
            None => true,
            Some(SeverityArg::Error) => d.severity == Severity::Error,
            Some(SeverityArg::Warning) => d.severity == Severity::Warning,
        };
        severity && (args.codes.is_empty() || args.codes.contains(&d.code))
    };
    let shown: Vec<Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(selected)
        .cloned()
        .collect();
    match args.format {
        CheckFormat::Json => {
            diagnostic::write_json(ctx.stdout, &shown, &checked.sources)?;
        }
        CheckFormat::Human => {
            // Rendered on both threads, a chunk at a time (thousands of
            // findings take a tenth of a second on one), printed in order.
            use rayon::prelude::*;
            for (n, chunk) in shown.chunks(RENDER_CHUNK).enumerate() {
                let rendered: Vec<String> = chunk
                    .par_iter()
                    .map(|d| diagnostic::render_human(d, &checked.sources, ctx.color))
                    .collect();
                for (i, text) in rendered.iter().enumerate() {
                    if n > 0 || i > 0 {
                        writeln!(ctx.stdout)?;
                    }
                    writeln!(ctx.stdout, "{text}")?;
                }
            }
        }
    }
    ctx.stdout.flush()?;
    if shown.len() > 1 {
        for line in by_code(&shown) {
            writeln!(ctx.stderr, "{line}")?;
        }
    }
    let errors = count(&shown, Severity::Error);
    let warnings = count(&shown, Severity::Warning);
    let hidden = checked.diagnostics.len() - shown.len();
    let filtered = (hidden > 0).then(|| {
        format!(
            "{hidden} other finding{} not shown",
            if hidden == 1 { "" } else { "s" }
        )
    });
    match (totals(errors, warnings), filtered) {
        (Some(totals), Some(filtered)) => writeln!(ctx.stderr, "{totals} ({filtered})")?,
        (Some(totals), None) => writeln!(ctx.stderr, "{totals}")?,
        (None, Some(filtered)) => writeln!(ctx.stderr, "edcal: no finding selected ({filtered})")?,
        (None, None) => {}
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(u8::from(failed))
}

/// The count per code, errors first, then by code: `  3  too-long  error`.
fn by_code(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut counts: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry((d.severity, d.code.name())).or_default() += 1;
    }
    let width = counts.keys().map(|(_, code)| code.len()).max().unwrap_or(0);
    let digits = counts.values().max().unwrap_or(&0).to_string().len();
    counts
        .into_iter()
        .map(|((severity, code), n)| {
            let severity = match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("  {n:>digits$}  {code:<width$}  {severity}")
        })
        .collect()
}

/// Findings rendered together before they are printed.
const RENDER_CHUNK: usize = 1024;

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

/// `2 errors, 1 warning` (nothing for a clean calendar).
pub fn summary(checked: &Checked) -> Option<String> {
    totals(checked.errors(), checked.warnings())
}

fn totals(errors: usize, warnings: usize) -> Option<String> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(format!("edcal: {}", plural(e, "error"))),
        (0, w) => Some(format!("edcal: {}", plural(w, "warning"))),
        (e, w) => Some(format!(
            "edcal: {}, {}",
            plural(e, "error"),
            plural(w, "warning")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_name_the_close_ones() {
        assert_eq!(close_codes("too-lng"), ["too-long"]);
        assert_eq!(
            close_codes("consent"),
            ["missing-consent", "unknown-consent"]
        );
        assert!(close_codes("zzzzzz").is_empty());
        assert_eq!(
            parse_code("consent").unwrap_err(),
            "unknown rule code `consent`; did you mean `missing-consent` or `unknown-consent`? (`edcal explain` lists every rule)"
        );
        assert_eq!(parse_code("too-long").unwrap(), Code::TooLong);
    }
}
