//! `edcal submit POST…`: ideas and drafts go to `review`, where the lead
//! (and, on a medical theme, a physician) decides.
//!
//! Who may: the members who write, `lead`, `editor` and `freelance` (a
//! physician reviews, and does not submit). Refused (exit 1, nothing
//! changed) when a post is not an idea or a draft, or has no text for one of
//! its channels: there is nothing to decide on yet.

use anyhow::Result;
use clap::Args;
use toml_edit::Value;

use super::act::{self, Change};
use crate::Context;
use crate::edit;
use crate::model::{Role, Status};

#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The posts' ids
    #[arg(value_name = "POST", required = true)]
    pub posts: Vec<String>,

    /// The member who submits [default: `$EDCAL_AS`, else the member whose
    /// `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

/// Who may submit.
pub const ROLES: [Role; 3] = [Role::Lead, Role::Editor, Role::Freelance];

pub fn run(args: &SubmitArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let posts = act::find_posts(&checked, &args.posts)?;
    let member = act::actor(&checked, args.by.as_deref())?;
    if let Some(why) = act::wrong_role(calendar, member, &ROLES, "submits") {
        return act::refuse(ctx, &why);
    }
    let mut refusals = Vec::new();
    for post in &posts {
        let id = &post.id.value;
        let status = post.status.value;
        if !matches!(status, Status::Idea | Status::Draft) {
            refusals.push(format!(
                "post `{id}` is `{}`: only an `idea` or a `draft` is submitted",
                status.name()
            ));
            continue;
        }
        let bare: Vec<&str> = post
            .channel_ids()
            .filter(|c| {
                let text = post
                    .variants
                    .get(*c)
                    .and_then(|v| v.text.as_ref())
                    .or(post.text.as_ref());
                text.is_none_or(|t| t.value.trim().is_empty())
            })
            .collect();
        if let Some(first) = bare.first() {
            refusals.push(format!(
                "post `{id}` has no text for {}: write its `text` (or `[post.variants.{first}]` `text`) first",
                bare.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if let Some((last, others)) = refusals.split_last() {
        for why in others {
            writeln!(ctx.stderr, "error: {why}")?;
        }
        return act::refuse(ctx, last);
    }

    let mut change = Change::new(&checked);
    for post in &posts {
        let (doc, nth) = change.post(post)?;
        edit::set_post_value(doc, &post.id.value, nth, "status", Value::from("review"))?;
    }
    if let Some(code) = change.commit(ctx)? {
        return Ok(code);
    }
    for post in &posts {
        let id = &post.id.value;
        let (path, _) = act::locate(&checked, post);
        writeln!(ctx.stdout, "submitted `{id}` for review ({path})")?;
        writeln!(
            ctx.stdout,
            "status: `{}` -> `review`",
            post.status.value.name()
        )?;
        let medical = post
            .themes
            .iter()
            .find(|t| calendar.themes.get(*t).is_some_and(|t| t.medical_review));
        if let Some(theme) = medical {
            writeln!(
                ctx.stdout,
                "next: a physician's review (theme `{theme}`), `edcal review {id} --by PHYSICIAN`, then `edcal approve {id}`"
            )?;
        } else {
            writeln!(ctx.stdout, "next: `edcal approve {id}` by a lead")?;
        }
    }
    Ok(0)
}
