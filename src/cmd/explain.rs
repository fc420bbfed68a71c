//! `edcal explain [CODE]`: the registry's doc of a rule, or the list of rules.

use anyhow::{Result, bail};

use crate::Context;
use crate::cli::ExplainArgs;
use crate::diagnostic::Severity;
use crate::rules::{Code, REGISTRY};

pub fn run(args: &ExplainArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let Some(code) = &args.code else {
        for rule in REGISTRY {
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
