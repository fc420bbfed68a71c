//! `edcal check`: print every finding, then one summary line on stderr.

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::Context;
use crate::check::Checked;
use crate::diagnostic;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

pub fn run(args: &CheckArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    match args.format {
        CheckFormat::Json => {
            diagnostic::write_json(ctx.stdout, &checked.diagnostics, &checked.sources)?;
        }
        CheckFormat::Human => {
            for (i, d) in checked.diagnostics.iter().enumerate() {
                if i > 0 {
                    writeln!(ctx.stdout)?;
                }
                writeln!(
                    ctx.stdout,
                    "{}",
                    diagnostic::render_human(d, &checked.sources, ctx.color)
                )?;
            }
        }
    }
    if let Some(summary) = summary(&checked) {
        writeln!(ctx.stderr, "{summary}")?;
    }
    let failed = checked.errors() > 0 || (args.deny_warnings && checked.warnings() > 0);
    Ok(u8::from(failed))
}

/// `2 errors, 1 warning` (nothing for a clean calendar).
pub fn summary(checked: &Checked) -> Option<String> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (checked.errors(), checked.warnings()) {
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
