//! `edcal cancel POST --why TEXT`: a post that will not go out becomes
//! `cancelled` (plans and exports leave it out), with why as a note of its
//! thread. The post stays in its file: the record of what was planned.
//!
//! Who may: a `lead` only, as for approving: what goes out is the lead's
//! decision. A published post cannot be cancelled (delete it on the
//! network, and say so with `edcal note`).

use anyhow::Result;
use clap::Args;

use super::act;
use crate::Context;
use crate::model::{Role, Status};

#[derive(Debug, Args)]
pub struct CancelArgs {
    /// The post's id
    #[arg(value_name = "POST")]
    pub post: String,

    /// Why: written as a note of the post
    #[arg(long, value_name = "TEXT")]
    pub why: String,

    /// The lead who cancels [default: `$EDCAL_AS`, else the member whose
    /// `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

pub fn run(args: &CancelArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let post = act::find_post(&checked, &args.post)?;
    let member = act::actor(&checked, args.by.as_deref())?;
    let why = act::text_arg(&args.why, "--why", "say why the post will not go out")?;
    let id = &post.id.value;
    if let Some(why) = act::wrong_role(&checked.calendar, member, &[Role::Lead], "cancels") {
        return act::refuse(ctx, &why);
    }
    let status = post.status.value;
    match status {
        Status::Cancelled => {
            return act::refuse(ctx, &format!("post `{id}` is already cancelled"));
        }
        Status::Published => {
            return act::refuse(
                ctx,
                &format!(
                    "post `{id}` is published: delete it on the network, then say so with `edcal note {id} TEXT`"
                ),
            );
        }
        _ => {}
    }
    if let Some(code) = act::set_status_with_note(
        ctx,
        &checked,
        post,
        member,
        Status::Cancelled,
        why,
        "cancelled",
    )? {
        return Ok(code);
    }
    if matches!(status, Status::Approved | Status::Scheduled) {
        writeln!(
            ctx.stdout,
            "if it was exported, remove it from the schedulers' queues: the next export leaves it out"
        )?;
    }
    Ok(0)
}
