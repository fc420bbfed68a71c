//! `edcal published POST --channel C --url URL [--at DATETIME]`: record
//! where and when a channel published a post, as
//! `[post.published.<channel>]` `{ url, at }`. Once every channel of the
//! post is recorded, its status becomes `published`. The URLs are what
//! analytics exports are matched by.
//!
//! Who may: a `lead` or an `editor` (those who hold the accounts). Refused
//! (exit 1) for a channel the post does not use, and for a post that is
//! not approved: nothing goes out that the lead did not approve. Recording a
//! channel again replaces its URL and time (a correction), and says so.

use anyhow::{Result, bail};
use chrono::{NaiveDateTime, Timelike};
use clap::Args;
use toml_edit::Value;

use super::act::{self, Change};
use crate::Context;
use crate::edit;
use crate::model::{Role, Status, is_url};

#[derive(Debug, Args)]
pub struct PublishedArgs {
    /// The post's id
    #[arg(value_name = "POST")]
    pub post: String,

    /// The channel that published it
    #[arg(long, value_name = "ID")]
    pub channel: String,

    /// The public URL of the published post
    #[arg(long, value_name = "URL")]
    pub url: String,

    /// When it went out, a local date-time (`2027-03-11T12:30`) [default:
    /// now, in the calendar's time zone]
    #[arg(long, value_name = "DATETIME", value_parser = parse_datetime)]
    pub at: Option<NaiveDateTime>,

    /// The lead or editor who records it [default: `$EDCAL_AS`, else the
    /// member whose `email` is `git config user.email`]
    #[arg(long, value_name = "MEMBER", env = "EDCAL_AS")]
    pub by: Option<String>,
}

/// Who may record a publication.
pub const ROLES: [Role; 2] = [Role::Lead, Role::Editor];

/// `YYYY-MM-DDTHH:MM[:SS]` or `YYYY-MM-DD HH:MM[:SS]`.
pub fn parse_datetime(s: &str) -> Result<NaiveDateTime, String> {
    let s = s.trim();
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Ok(t);
        }
    }
    Err(format!("`{s}` is not a local date-time (2027-03-11T12:30)"))
}

pub fn run(args: &PublishedArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let post = act::find_post(&checked, &args.post)?;
    let member = act::actor(&checked, args.by.as_deref())?;
    let url = args.url.trim();
    if !is_url(url) || url.contains(char::is_whitespace) {
        bail!("`{url}` is not a URL: a publication's URL starts with `https://`");
    }
    let id = &post.id.value;
    let channel = args.channel.as_str();
    if let Some(why) = act::wrong_role(calendar, member, &ROLES, "records a publication") {
        return act::refuse(ctx, &why);
    }
    if !post.channel_ids().any(|c| c == channel) {
        let channels: Vec<String> = post.channel_ids().map(|c| format!("`{c}`")).collect();
        return act::refuse(
            ctx,
            &format!(
                "post `{id}` does not go out on `{channel}` (its channels: {})",
                channels.join(", ")
            ),
        );
    }
    let status = post.status.value;
    if !status.is_approved() {
        return act::refuse(
            ctx,
            &format!(
                "post `{id}` is `{}`, not approved: nothing goes out that a lead did not approve (`edcal approve {id}`)",
                status.name()
            ),
        );
    }
    let at = args.at.unwrap_or_else(|| {
        let now = ctx
            .env
            .now
            .with_timezone(&calendar.settings.tz)
            .naive_local();
        now.with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(now)
    });
    let before = post.published.get(channel);
    let remaining: Vec<&str> = post
        .channel_ids()
        .filter(|c| *c != channel && !post.published.contains_key(*c))
        .collect();
    let now_published = remaining.is_empty() && status != Status::Published;

    let mut change = Change::new(&checked);
    let (doc, nth) = change.post(post)?;
    edit::set_post_subtable(
        doc,
        id,
        nth,
        "published",
        channel,
        vec![("url", Value::from(url)), ("at", edit::local_datetime(at))],
    )?;
    if now_published {
        edit::set_post_value(doc, id, nth, "status", Value::from("published"))?;
    }
    if let Some(code) = change.commit(ctx)? {
        return Ok(code);
    }
    let (path, _) = act::locate(&checked, post);
    writeln!(
        ctx.stdout,
        "published `{id}` on `{channel}` at {} ({path}): {url}",
        at.format("%Y-%m-%d %H:%M")
    )?;
    if let Some(before) = before {
        match &before.url {
            Some(url) => writeln!(ctx.stdout, "replaces: {url}")?,
            None => writeln!(ctx.stdout, "replaces: a record without a URL")?,
        }
    }
    if now_published {
        writeln!(ctx.stdout, "status: `{}` -> `published`", status.name())?;
    } else if !remaining.is_empty() {
        writeln!(
            ctx.stdout,
            "still to record: {}",
            remaining
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(0)
}
