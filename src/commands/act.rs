//! What the lifecycle commands (`submit`, `approve`, `review`, `reject`,
//! `note`, `published`, `cancel`, `milestone`, `new post`) share: who acts,
//! which post an argument names, and one [`Change`] that edits the files,
//! re-checks the calendar as the edit would leave it, and writes only when
//! that brings no new error.
//!
//! Who acts is `--by`, else `$EDCAL_AS` (clap reads both, before `run`),
//! else the member whose `email` in edcal.toml is `git config user.email`
//! (asked of git here, at the command layer: the pure core never runs git).
//!
//! A refusal prints `error: …` and `edcal: nothing changed` and exits 1; an
//! unknown post or member is a usage error (exit 2, with the closest id).

use std::collections::BTreeMap;
use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use toml_edit::{DocumentMut, Value};

use crate::Context;
use crate::check::{Checked, Held};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::edit::Edit;
use crate::load::{Disk, Memory, Overlay};
use crate::model::{Calendar, Member, Post, Role};
use crate::raw::closest;
use crate::source::Sources;

/// The member who acts: `by` (from `--by` or `$EDCAL_AS`), else the one
/// whose `email` is git's `user.email`.
pub fn actor<'c>(checked: &'c Checked, by: Option<&str>) -> Result<&'c Member> {
    let calendar = &checked.calendar;
    if let Some(by) = by {
        return member(calendar, by);
    }
    let email = crate::git::user_email(&checked.root);
    let found: Vec<&Member> = match &email {
        Some(email) => calendar
            .team
            .values()
            .filter(|m| {
                m.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email))
            })
            .collect(),
        None => Vec::new(),
    };
    match (found.as_slice(), email) {
        ([one], _) => Ok(one),
        ([], Some(email)) => bail!(
            "who acts? no member of the team has the email `{email}` (git's `user.email`): pass `--by MEMBER`, set `EDCAL_AS`, or add `email = \"{email}\"` to your `[team.<id>]` in edcal.toml"
        ),
        ([], None) => bail!(
            "who acts? pass `--by MEMBER`, set `EDCAL_AS`, or give your `[team.<id>]` in edcal.toml the `email` of `git config user.email`"
        ),
        (several, Some(email)) => bail!(
            "who acts? members {} share the email `{email}`: pass `--by MEMBER` or set `EDCAL_AS`",
            several
                .iter()
                .map(|m| format!("`{}`", m.id))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (_, None) => unreachable!("members are found by an email"),
    }
}

/// The member `id`, or a usage error naming the closest id.
pub fn member<'c>(calendar: &'c Calendar, id: &str) -> Result<&'c Member> {
    if let Some(member) = calendar.team.get(id) {
        return Ok(member);
    }
    let hint = calendar
        .member_hint(id)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
    bail!("unknown member `{id}`{hint} (team members are `[team.<id>]` in edcal.toml)")
}

/// Why `member` may not do `what` (e.g. "approves"), when its role is not
/// one of `roles`.
pub fn wrong_role(
    calendar: &Calendar,
    member: &Member,
    roles: &[Role],
    what: &str,
) -> Option<String> {
    if roles.contains(&member.role) {
        return None;
    }
    let who = match roles {
        [one] => format!(
            "only {} {what} (members with `role = \"{}\"`: {})",
            one.with_article(),
            one.name(),
            calendar.members_with(*one)
        ),
        _ => {
            let names: Vec<String> = roles.iter().map(|r| r.with_article()).collect();
            let (last, first) = names.split_last().expect("several roles");
            let members: Vec<String> = calendar
                .team
                .values()
                .filter(|m| roles.contains(&m.role))
                .map(|m| format!("`{}`", m.id))
                .collect();
            format!(
                "only {} or {last} {what} (who may: {})",
                first.join(", "),
                if members.is_empty() {
                    "none in edcal.toml".to_owned()
                } else {
                    members.join(", ")
                }
            )
        }
    };
    Some(format!(
        "`{}` is {}, and {who}",
        member.id,
        member.role.with_article()
    ))
}

/// Prints a refusal; the exit code 1.
pub fn refuse(ctx: &mut Context<'_>, why: &str) -> Result<u8> {
    writeln!(ctx.stderr, "error: {why}")?;
    writeln!(ctx.stderr, "edcal: nothing changed")?;
    Ok(1)
}

/// The post `arg` names: its id, or an occurrence `post@YYYY-MM-DD`.
pub fn find_post<'c>(checked: &'c Checked, arg: &str) -> Result<&'c Post> {
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

/// The posts `args` name, each once, in the order given.
pub fn find_posts<'c>(checked: &'c Checked, args: &[String]) -> Result<Vec<&'c Post>> {
    let mut posts: Vec<&Post> = Vec::new();
    for arg in args {
        let post = find_post(checked, arg)?;
        if !posts.iter().any(|p| std::ptr::eq(*p, post)) {
            posts.push(post);
        }
    }
    Ok(posts)
}

/// A native TOML date, `2026-11-25`.
pub fn date_value(date: NaiveDate) -> Value {
    let datetime: toml_edit::Datetime = date
        .format("%Y-%m-%d")
        .to_string()
        .parse()
        .expect("a formatted date parses");
    Value::from(datetime)
}

/// The file of a post (relative path) and which post of that id it is
/// there (0-based: a duplicate id is the second).
pub fn locate(checked: &Checked, post: &Post) -> (String, usize) {
    let source = checked.sources.get(post.id.span.source);
    let id = post.id.value.as_str();
    let nth = checked
        .calendar
        .posts
        .iter()
        .filter(|p| p.id.value == id && p.id.span.source == post.id.span.source)
        .position(|p| std::ptr::eq(p.as_ref(), post))
        .unwrap_or(0);
    (source.path.clone(), nth)
}

/// The edits of one command, over one or more files.
pub struct Change<'c> {
    checked: &'c Checked,
    files: BTreeMap<String, Edit>,
}

impl<'c> Change<'c> {
    pub fn new(checked: &'c Checked) -> Change<'c> {
        Change {
            checked,
            files: BTreeMap::new(),
        }
    }

    /// The file `rel`, opened once; refused when it changed since it was
    /// checked.
    pub fn file(&mut self, rel: &str) -> Result<&mut Edit> {
        if !self.files.contains_key(rel) {
            let edit = Edit::open(&self.checked.root, rel)?;
            let sources = &self.checked.sources;
            let checked_text = (0..sources.len())
                .map(|n| sources.get(Sources::id_of(n)))
                .find(|s| s.path == rel)
                .map(|s| s.text.as_str());
            if checked_text.is_some_and(|t| t != edit.original()) {
                bail!("{rel} changed since it was checked; nothing written, run the command again");
            }
            self.files.insert(rel.to_owned(), edit);
        }
        Ok(self.files.get_mut(rel).expect("just opened"))
    }

    /// The document holding `post`, and which post of its id it is there.
    pub fn post(&mut self, post: &Post) -> Result<(&mut DocumentMut, usize)> {
        let (rel, nth) = locate(self.checked, post);
        Ok((self.file(&rel)?.doc_mut(), nth))
    }

    /// The calendar as the edit would leave it, checked.
    pub fn check_after(&self, ctx: &Context<'_>) -> Result<Held> {
        let files = self
            .files
            .iter()
            .map(|(rel, edit)| (rel.clone(), edit.render().into_bytes()))
            .collect();
        let overlay = Overlay {
            disk: Disk(&self.checked.root),
            files: Memory(files),
        };
        ctx.check_files(&self.checked.root, &overlay)
    }

    /// Writes every file when the edit brings no new error; otherwise
    /// prints the new errors and returns the exit code 1, nothing written.
    /// Each file is written atomically; they are checked together first, so
    /// a refusal leaves them all untouched.
    pub fn commit(self, ctx: &mut Context<'_>) -> Result<Option<u8>> {
        let after = self.check_after(ctx)?;
        let new = new_errors(&self.checked.diagnostics, &after.diagnostics);
        if !new.is_empty() {
            for d in &new {
                writeln!(
                    ctx.stderr,
                    "{}\n",
                    diagnostic::render_human(d, &after.sources, ctx.color)
                )?;
            }
            let n = new.len();
            writeln!(
                ctx.stderr,
                "edcal: the change would bring {n} new error{}; nothing changed",
                if n == 1 { "" } else { "s" }
            )?;
            return Ok(Some(1));
        }
        for (_, edit) in self.files {
            edit.commit()?;
        }
        Ok(None)
    }
}

/// The errors of `after` that `before` does not have, compared by code,
/// message, post and channel (spans move with an edit): as many of each as
/// `after` has more.
fn new_errors<'a>(before: &[Diagnostic], after: &'a [Diagnostic]) -> Vec<&'a Diagnostic> {
    type Key = (crate::rules::Code, String, Option<String>, Option<String>);
    let key =
        |d: &Diagnostic| -> Key { (d.code, d.message.clone(), d.post.clone(), d.channel.clone()) };
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for d in before.iter().filter(|d| d.severity == Severity::Error) {
        *seen.entry(key(d)).or_default() += 1;
    }
    after
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| match seen.get_mut(&key(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// Appends `[[post.note]]` `{ by, on, text }` to a post.
pub fn add_note(
    doc: &mut DocumentMut,
    post: &Post,
    nth: usize,
    by: &str,
    on: NaiveDate,
    text: &str,
) -> Result<()> {
    crate::edit::push_post_table(
        doc,
        &post.id.value,
        nth,
        "note",
        vec![
            ("by", Value::from(by)),
            ("on", date_value(on)),
            ("text", Value::from(text)),
        ],
    )
}

/// Moves `post` to `status` with the note `why` by `member` (`cancel`,
/// `reject`): edited, checked and written, then said as `{done} `id` by
/// `member` on DAY (file)`, the status change and the note. `Some(code)`
/// when the edit would bring new errors (nothing written).
pub fn set_status_with_note(
    ctx: &mut Context<'_>,
    checked: &Checked,
    post: &Post,
    member: &Member,
    status: crate::model::Status,
    why: &str,
    done: &str,
) -> Result<Option<u8>> {
    let id = &post.id.value;
    let today = checked.today;
    let mut change = Change::new(checked);
    let (doc, nth) = change.post(post)?;
    crate::edit::set_post_value(doc, id, nth, "status", Value::from(status.name()))?;
    add_note(doc, post, nth, &member.id, today, why)?;
    if let Some(code) = change.commit(ctx)? {
        return Ok(Some(code));
    }
    let (path, _) = locate(checked, post);
    writeln!(
        ctx.stdout,
        "{done} `{id}` by `{}` on {today} ({path})",
        member.id
    )?;
    writeln!(
        ctx.stdout,
        "status: `{}` -> `{}`",
        post.status.value.name(),
        status.name()
    )?;
    writeln!(ctx.stdout, "note: {why}")?;
    Ok(None)
}

/// A `--why` or a note's text, trimmed; a usage error when empty.
pub fn text_arg<'t>(text: &'t str, flag: &str, what: &str) -> Result<&'t str> {
    let text = text.trim();
    if text.is_empty() {
        bail!("{flag} is empty; {what}");
    }
    Ok(text)
}
