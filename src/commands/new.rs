//! `edcal new post --title … --channel … [--theme …] [--campaign …]
//! [--text …] [--link …] [--hashtag …] [--media …] [--at|--on|--between]
//! [--owner …] [--status idea|draft]`: appends a post to its month's file
//! and prints its id alone on stdout.
//!
//! The id comes from the title ([`crate::slug`]), made unique against every
//! post id written in the calendar (read from the raw files, so a post that
//! does not check yet still holds its id). The post goes to
//! `posts/YYYY-MM.toml` for the month of its `at`, `on` or the first day of
//! `between`, else of today; the file is created when missing. The post is
//! `status = "idea"` (or `--status draft`) with `created = today`. Channels,
//! themes, campaign and owner must exist (exit 2 otherwise, with the
//! closest id). The calendar is checked as the new post would leave it: a
//! post that would bring a new error (a missing media file, a time in a
//! daylight-saving gap…) is refused, exit 1, nothing written. The write goes
//! through [`crate::edit::Edit`]: the rest of the file is kept byte for
//! byte.

use std::fs;

use anyhow::{Context as _, Result, bail};
use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Subcommand};
use toml_edit::{Array, ArrayOfTables, Item, Table, Value};

use super::act::Change;
use crate::Context;
use crate::raw::closest;
use crate::slug;

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Append a post (`status = "idea"`, or `--status draft`) to its
    /// month's file and print its id
    Post(NewPostArgs),
}

#[derive(Debug, Args)]
pub struct NewPostArgs {
    /// The post's title; its id is derived from it
    #[arg(long)]
    pub title: String,

    /// A channel id (repeatable)
    #[arg(long, value_name = "ID", required = true)]
    pub channel: Vec<String>,

    /// A theme id (repeatable)
    #[arg(long, value_name = "ID")]
    pub theme: Vec<String>,

    /// A campaign id
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,

    /// What is published, on every channel
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,

    /// A URL
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,

    /// A hashtag, with or without `#` (repeatable)
    #[arg(long, value_name = "TAG")]
    pub hashtag: Vec<String>,

    /// A media file, relative to the calendar folder, or an `https://` URL
    /// (repeatable)
    #[arg(long, value_name = "PATH")]
    pub media: Vec<String>,

    /// A fixed time, a local date-time (`2027-03-06T10:00`), on every
    /// channel
    #[arg(long, value_name = "DATETIME", value_parser = super::published::parse_datetime, conflicts_with_all = ["on", "between"])]
    pub at: Option<NaiveDateTime>,

    /// The day it goes out, YYYY-MM-DD (`schedule` picks the slot); also
    /// picks the month's file [default: no day, in this month's file]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::date, conflicts_with = "between")]
    pub on: Option<NaiveDate>,

    /// The first and last days it may go out (`schedule` picks day and
    /// slot)
    #[arg(long, value_names = ["FROM", "TO"], num_args = 2)]
    pub between: Option<Vec<NaiveDate>>,

    /// The member in charge of it
    #[arg(long, value_name = "MEMBER")]
    pub owner: Option<String>,

    /// Where it starts
    #[arg(long, value_enum, default_value_t = NewStatus::Idea)]
    pub status: NewStatus,
}

/// The statuses a new post may start at: what comes later is given by
/// `submit` and `approve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewStatus {
    Idea,
    Draft,
}

impl NewStatus {
    fn name(self) -> &'static str {
        match self {
            NewStatus::Idea => "idea",
            NewStatus::Draft => "draft",
        }
    }
}

pub fn run(command: &NewCommand, ctx: &mut Context<'_>) -> Result<u8> {
    match command {
        NewCommand::Post(args) => post(args, ctx),
    }
}

fn post(args: &NewPostArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let root = checked.root.clone();
    for channel in &args.channel {
        if !calendar.channels.contains_key(channel) {
            bail!(unknown("channel", channel, calendar.channels.keys()));
        }
    }
    for theme in &args.theme {
        if !calendar.themes.contains_key(theme) {
            bail!(unknown("theme", theme, calendar.themes.keys()));
        }
    }
    if let Some(campaign) = &args.campaign
        && !calendar.campaigns.contains_key(campaign)
    {
        bail!(unknown("campaign", campaign, calendar.campaigns.keys()));
    }
    if let Some(owner) = &args.owner
        && !calendar.team.contains_key(owner)
    {
        bail!(unknown("member", owner, calendar.team.keys()));
    }
    if let Some([from, to]) = args.between.as_deref()
        && to < from
    {
        bail!("--between ends ({to}) before it starts ({from}); give the first day, then the last");
    }
    let title = args.title.trim();
    if title.is_empty() {
        bail!("the title is empty; give the post a title with --title");
    }
    // Every id in the files is taken, that of a post left out for an error
    // too.
    let taken = |id: &str| {
        calendar.posts.iter().any(|p| p.id.value == id) || calendar.left_out.iter().any(|t| t == id)
    };
    let id = slug::unique(&slug::slug(title), taken);
    let day = args
        .at
        .map(|at| at.date())
        .or(args.on)
        .or_else(|| args.between.as_ref().and_then(|b| b.first().copied()))
        .unwrap_or(checked.today);
    let rel = format!("posts/{}.toml", day.format("%Y-%m"));
    let full = root.join(&rel);
    let mut created = false;
    if !full.exists() {
        // An empty file for `Edit` to fill: the post itself is written by
        // the one write path, atomically. `create_new`: a file someone else
        // created meanwhile is never truncated.
        fs::create_dir_all(root.join("posts")).context("failed to create posts/")?;
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&full)
        {
            Ok(_) => created = true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("failed to create {rel}")),
        }
    }
    let written = (|| -> Result<Option<u8>> {
        let mut change = Change::new(&checked);
        let doc = change.file(&rel)?.doc_mut();
        let mut table = skeleton(&id, title, args, checked.today);
        if doc.as_table().is_empty() && doc.trailing().as_str().is_none_or(str::is_empty) {
            // The first thing in the file: no blank line above it.
            table.decor_mut().set_prefix("");
        }
        match doc.entry("post") {
            toml_edit::Entry::Vacant(entry) => {
                let mut posts = ArrayOfTables::new();
                posts.push(table);
                entry.insert(Item::ArrayOfTables(posts));
            }
            toml_edit::Entry::Occupied(mut entry) => match entry.get_mut() {
                Item::ArrayOfTables(posts) => posts.push(table),
                _ => {
                    bail!("`post` in {rel} is not written as [[post]] tables; add the post by hand")
                }
            },
        }
        change.commit(ctx)
    })();
    if created && !matches!(written, Ok(None)) {
        // Refused or failed: the empty file made for it goes too.
        if fs::metadata(&full).is_ok_and(|m| m.len() == 0) {
            let _ = fs::remove_file(&full);
        }
    }
    if let Some(code) = written? {
        return Ok(code);
    }
    writeln!(ctx.stdout, "{id}")?;
    writeln!(ctx.stderr, "added post `{id}` to {rel}")?;
    Ok(0)
}

fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a String>) -> String {
    let known: Vec<&str> = known.map(String::as_str).collect();
    let hint = closest(id, known.iter().copied())
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
    format!("unknown {what} `{id}`{hint}")
}

fn date(day: NaiveDate) -> Value {
    let datetime: toml_edit::Datetime = day.to_string().parse().expect("a date parses");
    Value::from(datetime)
}

/// The new `[[post]]`, keys in canonical order.
fn skeleton(id: &str, title: &str, args: &NewPostArgs, today: NaiveDate) -> Table {
    let strings = |items: &[String]| -> Array {
        let mut array = Array::new();
        for item in items {
            let item = item.trim();
            if !array.iter().any(|c| c.as_str() == Some(item)) {
                array.push(item);
            }
        }
        array
    };
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table.insert("id", toml_edit::value(id));
    table.insert("title", toml_edit::value(title));
    if let Some(campaign) = &args.campaign {
        table.insert("campaign", toml_edit::value(campaign.as_str()));
    }
    if !args.theme.is_empty() {
        table.insert("themes", toml_edit::value(strings(&args.theme)));
    }
    table.insert("channels", toml_edit::value(strings(&args.channel)));
    table.insert("status", toml_edit::value(args.status.name()));
    if let Some(owner) = &args.owner {
        table.insert("owner", toml_edit::value(owner.as_str()));
    }
    table.insert("created", toml_edit::value(date(today)));
    if let Some(at) = args.at {
        table.insert("at", toml_edit::value(crate::edit::local_datetime(at)));
    }
    if let Some(on) = args.on {
        table.insert("on", toml_edit::value(date(on)));
    }
    if let Some(between) = &args.between {
        let days: Array = between.iter().map(|d| date(*d)).collect();
        table.insert("between", toml_edit::value(days));
    }
    if let Some(text) = &args.text {
        table.insert("text", toml_edit::value(text.trim()));
    }
    if let Some(link) = &args.link {
        table.insert("link", toml_edit::value(link.trim()));
    }
    if !args.hashtag.is_empty() {
        table.insert("hashtags", toml_edit::value(strings(&args.hashtag)));
    }
    if !args.media.is_empty() {
        let mut media = ArrayOfTables::new();
        for file in &args.media {
            let mut m = Table::new();
            m.insert("file", toml_edit::value(file.trim()));
            media.push(m);
        }
        table.insert("media", Item::ArrayOfTables(media));
    }
    table
}
