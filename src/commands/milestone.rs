//! `edcal milestone CAMPAIGN NAME|N --done`: mark a campaign's milestone
//! done (`done = true` in its `[[campaign.milestone]]`), named by its name
//! or by its number in the campaign file (1 for the first), as
//! `edcal campaign ID` lists them.
//!
//! Who may: a `lead`, an `editor`, or the milestone's `owner`.

use anyhow::{Result, bail};
use clap::Args;
use toml_edit::{Item, Value};

use super::act::{self, Change};
use crate::Context;
use crate::model::Role;
use crate::raw::closest;

#[derive(Debug, Args)]
pub struct MilestoneArgs {
    /// The campaign's id
    #[arg(value_name = "CAMPAIGN")]
    pub campaign: String,

    /// The milestone: its name, or its number in the campaign file (1 for
    /// the first)
    #[arg(value_name = "NAME|N")]
    pub milestone: String,

    /// Mark it done
    #[arg(long, required = true)]
    pub done: bool,

    /// The member who marks it [default: `$EDCAL_AS`, else the member whose
    /// `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

pub fn run(args: &MilestoneArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let Some(campaign) = calendar.campaigns.get(&args.campaign) else {
        let hint = closest(
            &args.campaign,
            calendar.campaigns.keys().map(String::as_str),
        )
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
        bail!(
            "unknown campaign `{}`{hint}\nhint: `edcal campaign` lists every campaign",
            args.campaign
        );
    };
    let member = act::actor(&checked, args.by.as_deref())?;
    let rel = checked.sources.get(campaign.span.source).path.clone();

    // The milestones as written, in file order: the number counts them all.
    let mut change = Change::new(&checked);
    let doc = change.file(&rel)?.doc_mut();
    let tables = doc
        .get_mut("campaign")
        .and_then(|c| c.get_mut("milestone"))
        .and_then(Item::as_array_of_tables_mut);
    let Some(tables) = tables else {
        bail!("campaign `{}` has no milestone ({rel})", campaign.id);
    };
    let names: Vec<String> = tables
        .iter()
        .map(|t| {
            t.get("name")
                .and_then(Item::as_str)
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let index = match pick(&names, args.milestone.trim()) {
        Ok(i) => i,
        Err(why) => bail!("campaign `{}` {why}", campaign.id),
    };
    let name = names[index].clone();
    let owner = calendar
        .campaigns
        .get(&campaign.id)
        .and_then(|c| c.milestones.iter().find(|m| m.name == name))
        .and_then(|m| m.owner.clone());
    if owner.as_deref() != Some(member.id.as_str())
        && let Some(why) = act::wrong_role(
            calendar,
            member,
            &[Role::Lead, Role::Editor],
            "marks another's milestone done",
        )
    {
        return act::refuse(ctx, &why);
    }
    let table = tables.get_mut(index).expect("a milestone within the count");
    if table.get("done").and_then(Item::as_bool) == Some(true) {
        writeln!(
            ctx.stdout,
            "milestone `{name}` of `{}` is already done; nothing changed",
            campaign.id
        )?;
        return Ok(0);
    }
    match table.get_mut("done") {
        Some(Item::Value(v)) => crate::edit::replace_value(v, Value::from(true)),
        _ => {
            table.insert("done", Item::Value(Value::from(true)));
        }
    }
    if let Some(code) = change.commit(ctx)? {
        return Ok(code);
    }
    writeln!(
        ctx.stdout,
        "milestone {} `{name}` of `{}` done, by `{}` ({rel})",
        index + 1,
        campaign.id,
        member.id
    )?;
    Ok(0)
}

/// Which milestone `wanted` names among `names` (file order): a number from
/// 1, a name (exact, then whatever its case), else a part of one name
/// (`bat` for "Affiches métro : BAT validé"). The error completes
/// "campaign `id` …".
fn pick(names: &[String], wanted: &str) -> Result<usize, String> {
    let n = names.len();
    if let Ok(number) = wanted.parse::<usize>() {
        return if (1..=n).contains(&number) {
            Ok(number - 1)
        } else {
            Err(format!(
                "has {n} milestone{}; there is no number {number}",
                if n == 1 { "" } else { "s" }
            ))
        };
    }
    let lower = wanted.to_lowercase();
    if let Some(i) = names
        .iter()
        .position(|m| m == wanted)
        .or_else(|| names.iter().position(|m| m.to_lowercase() == lower))
    {
        return Ok(i);
    }
    let found: Vec<usize> = (0..n)
        .filter(|i| !lower.is_empty() && names[*i].to_lowercase().contains(&lower))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => {
            let hint = closest(wanted, names.iter().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            Err(format!(
                "has no milestone `{wanted}`{hint} (name one by its `name`, a part of it, or its number, 1 for the first: `edcal campaign ID` lists them)"
            ))
        }
        several => Err(format!(
            "has several milestones matching `{wanted}`: {}; name one by its number",
            several
                .iter()
                .map(|i| format!("{} `{}`", i + 1, names[*i]))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
