//! `edcal note POST TEXT`: add a dated note to a post's thread
//! (`[[post.note]]` `{ by, on, text }`), shown by `backlog` and in JSON
//! plans. Any member of the team may write one, on a post at any status.

use anyhow::Result;
use clap::Args;

use super::act::{self, Change};
use crate::Context;

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The post's id
    #[arg(value_name = "POST")]
    pub post: String,

    /// The note
    #[arg(value_name = "TEXT")]
    pub text: String,

    /// The member who writes it [default: `$EDCAL_AS`, else the member
    /// whose `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

pub fn run(args: &NoteArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let post = act::find_post(&checked, &args.post)?;
    let member = act::actor(&checked, args.by.as_deref())?;
    let text = act::text_arg(&args.text, "the note", "write what the team should know")?;
    let today = checked.today;
    let mut change = Change::new(&checked);
    let (doc, nth) = change.post(post)?;
    act::add_note(doc, post, nth, &member.id, today, text)?;
    if let Some(code) = change.commit(ctx)? {
        return Ok(code);
    }
    let (path, _) = act::locate(&checked, post);
    writeln!(
        ctx.stdout,
        "noted on `{}` by `{}` on {today} ({path}): {text}",
        post.id.value, member.id
    )?;
    Ok(0)
}
