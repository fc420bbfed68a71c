//! `edcal approve POST… | --ready [--by LEAD]` and `edcal review POST…
//! [--by PHYSICIAN]`: seal what each channel of a post publishes into its
//! `approval` / `medical_review` (see [`crate::seal`]), through the one
//! write path ([`crate::edit`]): only that key (and `status` for `approve`)
//! changes, comments and layout stay. Several posts change together or not
//! at all; `--ready` takes every post in `review` whose physician's reviews
//! are done and current. Who signs: see [`super::act::actor`].
//!
//! Exit codes: an unknown post or member is a usage error (2, with the
//! closest id); a call the calendar refuses changes nothing and exits 1:
//! the member has the wrong role, the post is cancelled, or (for `approve`)
//! the calendar has errors, or the post needs a physician's review that is
//! missing or stale. Errors block `approve`, except the stale seal of
//! the very approval being renewed: re-approving is how it is fixed. A
//! review is not blocked by the calendar's errors: the physician's opinion on
//! the content does not depend on them, and reviewing before approving must
//! be possible.

use anyhow::Result;
use clap::Args;
use toml_edit::Value;

use super::act::{self, Change};
use crate::Context;
use crate::check::Checked;
use crate::diagnostic::{self, Severity};
use crate::edit;
use crate::model::{Post, Role, Status};
use crate::rules::Code;
use crate::seal::{self, Verdict};

/// The arguments of `approve`: posts, or `--ready`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The posts' ids; an occurrence `post@YYYY-MM-DD` stands for its post
    #[arg(
        value_name = "POST",
        required_unless_present = "ready",
        conflicts_with = "ready"
    )]
    pub posts: Vec<String>,

    /// Approve every post in `review` whose physician's reviews are done
    /// and current
    #[arg(long)]
    pub ready: bool,

    /// The lead who approves [default: `$EDCAL_AS`, else the member whose
    /// `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

/// The arguments of `review`: posts, and the physician.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The posts' ids; an occurrence `post@YYYY-MM-DD` stands for its post
    #[arg(value_name = "POST", required = true)]
    pub posts: Vec<String>,

    /// The physician who reviews [default: `$EDCAL_AS`, else the member
    /// whose `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

/// Which signature a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Approve,
    Review,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Approve => "approval",
            Kind::Review => "medical_review",
        }
    }

    fn role(self) -> Role {
        match self {
            Kind::Approve => Role::Lead,
            Kind::Review => Role::Physician,
        }
    }
}

/// `edcal approve`.
pub fn run(args: &ApproveArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let posts = if args.ready {
        let ready: Vec<&Post> = checked
            .calendar
            .posts
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| p.status.value == Status::Review && review_first(&checked, p).is_none())
            .collect();
        if ready.is_empty() {
            let waiting = checked
                .calendar
                .posts
                .iter()
                .filter(|p| p.status.value == Status::Review)
                .count();
            if waiting == 0 {
                writeln!(ctx.stdout, "no post is in `review`; nothing approved")?;
            } else {
                writeln!(
                    ctx.stdout,
                    "none of the {waiting} post{} in `review` is ready: each needs its physician's review first (`edcal backlog` lists them); nothing approved",
                    if waiting == 1 { "" } else { "s" }
                )?;
            }
            return Ok(0);
        }
        ready
    } else {
        act::find_posts(&checked, &args.posts)?
    };
    sign(Kind::Approve, &checked, &posts, args.by.as_deref(), ctx)
}

/// `edcal review`.
pub fn review(args: &ReviewArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let posts = act::find_posts(&checked, &args.posts)?;
    sign(Kind::Review, &checked, &posts, args.by.as_deref(), ctx)
}

fn sign(
    kind: Kind,
    checked: &Checked,
    posts: &[&Post],
    by: Option<&str>,
    ctx: &mut Context<'_>,
) -> Result<u8> {
    let calendar = &checked.calendar;
    let member = act::actor(checked, by)?;
    let verb = match kind {
        Kind::Approve => "approves",
        Kind::Review => "reviews",
    };
    if let Some(why) = act::wrong_role(calendar, member, &[kind.role()], verb) {
        return act::refuse(ctx, &why);
    }
    let mut refusals = Vec::new();
    for post in posts {
        let id = post.id.value.as_str();
        if kind == Kind::Review
            && let Some(theme) = calendar.theme_barring(post, &member.id)
        {
            let ids: Vec<String> = theme.reviewers.iter().map(|r| format!("`{r}`")).collect();
            refusals.push(format!(
                "post `{id}` is on theme `{}`, which only {} may review (`reviewers` in edcal.toml)",
                theme.id,
                ids.join(", ")
            ));
        } else if post.status.value == Status::Cancelled {
            refusals.push(format!(
                "post `{id}` is cancelled; set its status back first"
            ));
        } else if kind == Kind::Approve
            && let Some(why) = review_first(checked, post)
        {
            refusals.push(why);
        }
    }
    if !refusals.is_empty() {
        for why in &refusals[..refusals.len() - 1] {
            writeln!(ctx.stderr, "error: {why}")?;
        }
        return act::refuse(ctx, &refusals[refusals.len() - 1]);
    }
    if kind == Kind::Approve
        && let Some(code) = blocked(checked, posts, ctx)?
    {
        return Ok(code);
    }

    // Seal the content as it is on disk now, read right here; each file is
    // then edited only if it is still the one checked.
    let root = checked.root.clone();
    let content = |path: &str| {
        std::fs::read(root.join(path))
            .ok()
            .map(|b| seal::sha256_hex(&b))
    };
    let today = checked.today;
    let mut change = Change::new(checked);
    let mut done = Vec::new();
    for post in posts {
        let id = post.id.value.as_str();
        let digest = seal::seal(post, &content).to_string();
        let (doc, nth) = change.post(post)?;
        edit::set_post_table(
            doc,
            id,
            nth,
            kind.key(),
            vec![
                ("by", Value::from(member.id.as_str())),
                ("on", act::date_value(today)),
                ("digest", Value::from(digest.as_str())),
            ],
        )?;
        let promoted = kind == Kind::Approve
            && matches!(
                post.status.value,
                Status::Idea | Status::Draft | Status::Review
            );
        if promoted {
            edit::set_post_value(doc, id, nth, "status", Value::from("approved"))?;
        }
        done.push((*post, promoted, digest));
    }
    if let Some(code) = change.commit(ctx)? {
        return Ok(code);
    }

    let what = match kind {
        Kind::Approve => "approved",
        Kind::Review => "reviewed",
    };
    for (post, promoted, digest) in done {
        let id = post.id.value.as_str();
        let (path, _) = act::locate(checked, post);
        writeln!(
            ctx.stdout,
            "{what} `{id}` by `{}` on {today} ({path})",
            member.id
        )?;
        if promoted {
            writeln!(
                ctx.stdout,
                "status: `{}` -> `approved`",
                post.status.value.name()
            )?;
        }
        writeln!(ctx.stdout, "sealed: {digest}")?;
    }
    Ok(0)
}

/// The posts' own errors block `approve`, but not the stale or missing seal
/// of the approval being renewed; so do errors elsewhere that they depend on
/// (see [`crate::blocked`]). Errors about other posts do not. Prints them
/// and returns the exit code when blocked.
fn blocked(checked: &Checked, posts: &[&Post], ctx: &mut Context<'_>) -> Result<Option<u8>> {
    let renewed: Vec<_> = posts
        .iter()
        .filter_map(|p| p.approval.as_ref().map(|a| a.span))
        .collect();
    let mine = |d: &&crate::diagnostic::Diagnostic| {
        d.post
            .as_deref()
            .is_some_and(|id| posts.iter().any(|p| p.id.value == id))
    };
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(mine)
        .filter(|d| {
            !(matches!(d.code, Code::StaleApproval | Code::UnsealedApproval)
                && renewed.contains(&d.span))
        })
        .collect();
    if !errors.is_empty() {
        for d in &errors {
            writeln!(
                ctx.stderr,
                "{}\n",
                diagnostic::render_human(d, &checked.sources, ctx.color)
            )?;
        }
        let n = errors.len();
        let s = if n == 1 { "" } else { "s" };
        match posts {
            [post] => writeln!(
                ctx.stderr,
                "edcal: post `{}` has {n} error{s}; nothing approved (its errors block `approve`: fix them first)",
                post.id.value
            )?,
            _ => writeln!(
                ctx.stderr,
                "edcal: the posts to approve have {n} error{s}; nothing approved (their errors block `approve`: fix them first)"
            )?,
        }
        return Ok(Some(1));
    }
    for post in posts {
        if let Some(why) = checked.blocked.why_elsewhere(post, &checked.sources) {
            writeln!(
                ctx.stderr,
                "edcal: {why}; nothing approved (run `edcal check`)"
            )?;
            return Ok(Some(1));
        }
    }
    Ok(None)
}

/// Why a post on a medical theme cannot be approved yet: no physician's
/// review, or one that no longer matches.
fn review_first(checked: &Checked, post: &Post) -> Option<String> {
    let calendar = &checked.calendar;
    let id = &post.id.value;
    let theme = post
        .themes
        .iter()
        .find(|t| calendar.themes.get(*t).is_some_and(|t| t.medical_review))?;
    let physicians = checked.calendar.members_with(Role::Physician);
    let review = post.medical_review.as_ref().filter(|r| {
        calendar
            .team
            .get(&r.by)
            .is_some_and(|m| m.role == Role::Physician)
    });
    let Some(review) = review else {
        return Some(format!(
            "post `{id}` is on theme `{theme}`, which needs a physician's review first: `edcal review {id} --by PHYSICIAN` (physicians: {physicians})"
        ));
    };
    match seal::verdict(calendar, post, Some(review)) {
        Some(Verdict::Changed(changes)) => Some(format!(
            "the medical review of post `{id}` by `{}` no longer matches ({}); have it reviewed again first: `edcal review {id} --by {}`",
            review.by,
            seal::describe(&changes),
            review.by
        )),
        Some(Verdict::Unreadable) => Some(format!(
            "the medical review of post `{id}` has a digest edcal cannot read; have it reviewed again first: `edcal review {id} --by {}`",
            review.by
        )),
        _ => None,
    }
}
