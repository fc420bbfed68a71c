//! `edcal new post --title … --channel … [--campaign …] [--on DATE]`:
//! appends a post skeleton to its month's file and prints its id.
//!
//! The id comes from the title ([`crate::slug`]), made unique against every
//! post id written in the calendar (read from the raw files, so a post that
//! does not check yet still holds its id). The post goes to
//! `posts/YYYY-MM.toml` for the month of `--on`, else of today; the file is
//! created when missing. The skeleton is `status = "idea"` with `created =
//! today`, and `on` when given. Channels and campaign must exist (exit 2
//! otherwise, with the closest id). The write goes through
//! [`crate::edit::Edit`]: the rest of the file is kept byte for byte.

use std::fs;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use toml_edit::{Array, ArrayOfTables, Item, Table, Value};

use crate::Context;
use crate::edit::Edit;
use crate::raw::closest;
use crate::{check, discover, load, slug};

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Append a post skeleton (`status = "idea"`) to its month's file and
    /// print its id
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

    /// A campaign id
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,

    /// The day it goes out, YYYY-MM-DD (written as `on`); also picks the
    /// month's file [default: no day, in this month's file]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::date)]
    pub on: Option<NaiveDate>,
}

pub fn run(command: &NewCommand, ctx: &mut Context<'_>) -> Result<u8> {
    match command {
        NewCommand::Post(args) => post(args, ctx),
    }
}

fn post(args: &NewPostArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let root = discover::calendar_dir(ctx.cli.calendar.as_deref(), &ctx.env.cwd)?;
    let loaded = load::load(&root)?;
    let (fixed_today, now) = (ctx.cli.today, ctx.env.now);
    let today = move |tz: chrono_tz::Tz| -> NaiveDate {
        fixed_today.unwrap_or_else(|| now.with_timezone(&tz).date_naive())
    };
    let checked = check::check(loaded, today, &|_| true);
    let calendar = &checked.calendar;
    for channel in &args.channel {
        if !calendar.channels.contains_key(channel) {
            bail!(unknown("channel", channel, calendar.channels.keys()));
        }
    }
    if let Some(campaign) = &args.campaign
        && !calendar.campaigns.contains_key(campaign)
    {
        bail!(unknown("campaign", campaign, calendar.campaigns.keys()));
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
    let day = args.on.unwrap_or(checked.today);
    let rel = format!("posts/{}.toml", day.format("%Y-%m"));
    let full = root.join(&rel);
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
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("failed to create {rel}")),
        }
    }
    let mut edit = Edit::open(&root, &rel)?;
    let doc = edit.doc_mut();
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
            _ => bail!("`post` in {rel} is not written as [[post]] tables; add the post by hand"),
        },
    }
    edit.commit()?;
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
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table.insert("id", toml_edit::value(id));
    table.insert("title", toml_edit::value(title));
    if let Some(campaign) = &args.campaign {
        table.insert("campaign", toml_edit::value(campaign.as_str()));
    }
    let mut channels = Array::new();
    for channel in &args.channel {
        if !channels
            .iter()
            .any(|c| c.as_str() == Some(channel.as_str()))
        {
            channels.push(channel.as_str());
        }
    }
    table.insert("channels", toml_edit::value(channels));
    table.insert("status", toml_edit::value("idea"));
    table.insert("created", toml_edit::value(date(today)));
    if let Some(on) = args.on {
        table.insert("on", toml_edit::value(date(on)));
    }
    table
}
