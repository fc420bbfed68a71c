//! `edcal explain [CODE]`: the registry's doc of a rule, or the list of rules.

use anyhow::{Result, bail};
use clap::Args;

use crate::Context;
use crate::diagnostic::Severity;
use crate::rules::{Code, REGISTRY};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code such as `missing-consent`; without one, list every rule
    pub code: Option<String>,
}

pub fn run(args: &ExplainArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let Some(code) = &args.code else {
        // Errors first, each severity in the registry's order (new codes
        // are appended to the registry, whatever their severity).
        let mut rules: Vec<_> = REGISTRY.iter().collect();
        rules.sort_by_key(|r| r.severity);
        for rule in rules {
            writeln!(
                ctx.stdout,
                "{:<26} {:<8} {}",
                rule.name,
                severity(rule.severity),
                rule.summary
            )?;
        }
        return Ok(0);
    };
    let Some(rule) = Code::from_name(code).map(Code::rule) else {
        let hint = crate::raw::closest(code, Code::names())
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        bail!("unknown rule code `{code}`{hint}\nhint: `edcal explain` lists every rule");
    };
    writeln!(ctx.stdout, "{} ({})", rule.name, severity(rule.severity))?;
    writeln!(ctx.stdout)?;
    writeln!(ctx.stdout, "{}.", capitalize(rule.summary))?;
    writeln!(ctx.stdout)?;
    writeln!(ctx.stdout, "{}", rule.doc)?;
    Ok(0)
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
