//! `edcal approve POST --by LEAD` and `edcal review POST --by PHYSICIAN`:
//! seal what each channel of a post publishes into its `approval` /
//! `medical_review` (see [`crate::seal`]), through the one write path
//! ([`crate::edit`]): only that key (and `status` for `approve`) changes,
//! comments and layout stay.
//!
//! Exit codes: an unknown post or member is a usage error (2, with the
//! closest id); a call the calendar refuses changes nothing and exits 1:
//! the member has the wrong role, the post is cancelled, or (for `approve`)
//! the post's errors block it (see [`crate::blocked`]), or the post needs a
//! physician's review that is missing or stale. The post's own errors block
//! `approve`, except the stale or missing seal of the very approval being renewed:
//! re-approving is how it is fixed; errors about other posts do not. A
//! review is not blocked by the calendar's errors: the physician's opinion on
//! the content does not depend on them, and reviewing before approving must
//! be possible.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use toml_edit::Value;

use crate::Context;
use crate::check::Checked;
use crate::diagnostic::{self, Severity};
use crate::edit::{self, Edit};
use crate::model::{Post, Role, Status};
use crate::raw::closest;
use crate::rules::Code;
use crate::seal::{self, Verdict};

/// The arguments of both: one post, one member.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The post's id; an occurrence `post@YYYY-MM-DD` stands for its post
    #[arg(value_name = "POST")]
    pub post: String,

    /// The member who signs (a `lead` approves, a `physician` reviews)
    #[arg(long, value_name = "MEMBER")]
    pub by: String,
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
pub fn run(args: &SignArgs, ctx: &mut Context<'_>) -> Result<u8> {
    sign(Kind::Approve, args, ctx)
}

/// `edcal review`.
pub fn review(args: &SignArgs, ctx: &mut Context<'_>) -> Result<u8> {
    sign(Kind::Review, args, ctx)
}

fn sign(kind: Kind, args: &SignArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let post = find_post(&checked, &args.post)?;
    let id = post.id.value.as_str();
    let Some(member) = calendar.team.get(&args.by) else {
        let hint = calendar
            .member_hint(&args.by)
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        bail!(
            "unknown member `{}`{hint} (team members are `[team.<id>]` in edcal.toml)",
            args.by
        );
    };

    let refuse = |ctx: &mut Context<'_>, why: String| -> Result<u8> {
        writeln!(ctx.stderr, "error: {why}")?;
        writeln!(ctx.stderr, "edcal: nothing changed")?;
        Ok(1)
    };
    if member.role != kind.role() {
        let verb = if kind == Kind::Approve {
            "approves"
        } else {
            "reviews"
        };
        let who = kind.role().name();
        let ids = checked.calendar.members_with(kind.role());
        return refuse(
            ctx,
            format!(
                "`{}` is {}, and only a {who} {verb} (members with `role = \"{who}\"`: {ids})",
                member.id,
                member.role.with_article()
            ),
        );
    }
    if kind == Kind::Review
        && let Some(theme) = calendar.themes.values().find(|t| {
            post.themes.contains(&t.id)
                && t.medical_review
                && !t.reviewers.is_empty()
                && !t.reviewers.contains(&member.id)
        })
    {
        let ids: Vec<String> = theme.reviewers.iter().map(|r| format!("`{r}`")).collect();
        return refuse(
            ctx,
            format!(
                "post `{id}` is on theme `{}`, which only {} may review (`reviewers` in edcal.toml)",
                theme.id,
                ids.join(", ")
            ),
        );
    }
    if post.status.value == Status::Cancelled {
        return refuse(
            ctx,
            format!("post `{id}` is cancelled; set its status back first"),
        );
    }
    if kind == Kind::Approve {
        if let Some(code) = blocked(&checked, post, ctx)? {
            return Ok(code);
        }
        if let Some(why) = review_first(&checked, post) {
            return refuse(ctx, why);
        }
    }

    // Seal the content as it is on disk now, read right here; the file is
    // then edited only if it is still the one checked.
    let root = checked.root.clone();
    let content = |path: &str| {
        std::fs::read(root.join(path))
            .ok()
            .map(|b| seal::sha256_hex(&b))
    };
    let digest = seal::seal(post, &content).to_string();
    let source = checked.sources.get(post.id.span.source);
    let nth = calendar
        .posts
        .iter()
        .filter(|p| p.id.value == id && p.id.span.source == post.id.span.source)
        .position(|p| std::ptr::eq(p.as_ref(), post))
        .unwrap_or(0);
    let mut file = Edit::open(&root, &source.path)?;
    if file.original() != source.text {
        bail!(
            "{} changed since it was checked; nothing written, run the command again",
            source.path
        );
    }
    let today = checked.today;
    edit::set_post_table(
        file.doc_mut(),
        id,
        nth,
        kind.key(),
        vec![
            ("by", Value::from(member.id.as_str())),
            ("on", date_value(today)),
            ("digest", Value::from(digest.as_str())),
        ],
    )?;
    let promoted = kind == Kind::Approve
        && matches!(
            post.status.value,
            Status::Idea | Status::Draft | Status::Review
        );
    if promoted {
        edit::set_post_value(file.doc_mut(), id, nth, "status", Value::from("approved"))?;
    }
    let path = source.path.clone();
    file.commit()?;

    let what = match kind {
        Kind::Approve => "approved",
        Kind::Review => "reviewed",
    };
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
    Ok(0)
}

/// The post `arg` names: its id, or an occurrence `post@YYYY-MM-DD`.
fn find_post<'c>(checked: &'c Checked, arg: &str) -> Result<&'c Post> {
    let (id, date) = match arg.split_once('@') {
        Some((id, date)) => (id, Some(date)),
        None => (arg, None),
    };
    if let Some(date) = date
        && NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        bail!("`{arg}`: an occurrence is `<post>@YYYY-MM-DD`");
    }
    let posts = &checked.calendar.posts;
    if let Some(post) = posts.iter().find(|p| p.id.value == id) {
        return Ok(post);
    }
    let hint = closest(id, posts.iter().map(|p| p.id.value.as_str()))
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
    let unread: Vec<&str> = checked.blocked.unread.iter().map(String::as_str).collect();
    let errors = if !unread.is_empty() {
        format!(
            " ({} could not be read, its posts are missing: `edcal check` lists the errors)",
            unread.join(", ")
        )
    } else if checked.errors() > 0 {
        " (a post with errors may be missing: `edcal check` lists them)".to_owned()
    } else {
        String::new()
    };
    bail!("unknown post `{id}`{hint}{errors}")
}

/// The post's own errors block `approve`, but not the stale or missing seal
/// of the approval being renewed; so do errors elsewhere that it depends on (see
/// [`crate::blocked`]). Errors about other posts do not. Prints why and
/// returns the exit code when blocked.
fn blocked(checked: &Checked, post: &Post, ctx: &mut Context<'_>) -> Result<Option<u8>> {
    let id = post.id.value.as_str();
    let renewed = post.approval.as_ref().map(|a| a.span);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.post.as_deref() == Some(id))
        .filter(|d| {
            !(matches!(d.code, Code::StaleApproval | Code::UnsealedApproval)
                && Some(d.span) == renewed)
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
        writeln!(
            ctx.stderr,
            "edcal: post `{id}` has {n} error{}; nothing approved (its errors block `approve`: fix them first)",
            if n == 1 { "" } else { "s" }
        )?;
        return Ok(Some(1));
    }
    if let Some(why) = checked.blocked.why_elsewhere(post, &checked.sources) {
        writeln!(
            ctx.stderr,
            "edcal: {why}; nothing approved (run `edcal check`)"
        )?;
        return Ok(Some(1));
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
    let allowed = |by: &String| {
        post.themes.iter().all(|t| {
            calendar.themes.get(t).is_none_or(|t| {
                !t.medical_review || t.reviewers.is_empty() || t.reviewers.contains(by)
            })
        })
    };
    let review = post.medical_review.as_ref().filter(|r| {
        calendar
            .team
            .get(&r.by)
            .is_some_and(|m| m.role == Role::Physician)
            && allowed(&r.by)
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

/// A native TOML date, `2026-11-25`.
fn date_value(date: NaiveDate) -> Value {
    let datetime: toml_edit::Datetime = date
        .format("%Y-%m-%d")
        .to_string()
        .parse()
        .expect("a formatted date parses");
    Value::from(datetime)
}
