//! `edcal reject POST --why TEXT`: send a post in `review` back to `draft`,
//! with why as a note of its thread (`[[post.note]]`).
//!
//! Who may: a `lead`, or a `physician` (a medical post the physician cannot
//! validate goes back to its author the same way). Only a post in `review`
//! is rejected: an approved post that must not go out is cancelled
//! (`edcal cancel`), or edited (its approval then no longer matches).

use anyhow::Result;
use clap::Args;

use super::act;
use crate::Context;
use crate::model::{Role, Status};

#[derive(Debug, Args)]
pub struct RejectArgs {
    /// The post's id
    #[arg(value_name = "POST")]
    pub post: String,

    /// Why, for the author: written as a note of the post
    #[arg(long, value_name = "TEXT")]
    pub why: String,

    /// The lead or physician who rejects [default: `$EDCAL_AS`, else the
    /// member whose `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

/// Who may reject.
pub const ROLES: [Role; 2] = [Role::Lead, Role::Physician];

pub fn run(args: &RejectArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let post = act::find_post(&checked, &args.post)?;
    let member = act::actor(&checked, args.by.as_deref())?;
    let why = act::text_arg(&args.why, "--why", "say what the author should change")?;
    let id = &post.id.value;
    if let Some(why) = act::wrong_role(&checked.calendar, member, &ROLES, "rejects") {
        return act::refuse(ctx, &why);
    }
    if post.status.value != Status::Review {
        return act::refuse(
            ctx,
            &format!(
                "post `{id}` is `{}`: only a post in `review` is rejected (`edcal cancel` stops any post)",
                post.status.value.name()
            ),
        );
    }
    if let Some(code) =
        act::set_status_with_note(ctx, &checked, post, member, Status::Draft, why, "rejected")?
    {
        return Ok(code);
    }
    Ok(0)
}
