//! `edcal init DIR`: a small, valid calendar to start from, whose comments
//! teach the format.
//!
//! The files come from `templates/init/`, with their dates set from today so
//! that the new calendar checks clean on the day it is created: the example
//! campaign runs the month after next (its milestone, 14 days before, is
//! still ahead), the example post is in that campaign. Refuses a folder that
//! holds anything but hidden files (a fresh repository's `.git`,
//! `.gitignore`): init never overwrites anything.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::{Datelike, Months, NaiveDate};
use clap::Args;

use crate::Context;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or hold only hidden files
    /// such as `.git`)
    pub dir: PathBuf,
}

/// The template's zone: "today" is taken there, as the new calendar will.
const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// `(path in the new calendar, template text)`; `{CAMPAIGN_MONTH}` in a path
/// is replaced like in the text.
const FILES: [(&str, &str); 5] = [
    (
        "edcal.toml",
        include_str!("../../templates/init/edcal.toml"),
    ),
    (
        "channels.toml",
        include_str!("../../templates/init/channels.toml"),
    ),
    (
        "consents.toml",
        include_str!("../../templates/init/consents.toml"),
    ),
    (
        "campaigns/premiere-campagne.toml",
        include_str!("../../templates/init/campaigns/premiere-campagne.toml"),
    ),
    (
        "posts/{CAMPAIGN_MONTH}.toml",
        include_str!("../../templates/init/posts/CAMPAIGN_MONTH.toml"),
    ),
];

pub fn run(args: &InitArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let dir = &args.dir;
    let root = ctx.env.cwd.join(dir);
    refuse_non_empty(&root, dir)?;
    let today = ctx
        .cli
        .today
        .unwrap_or_else(|| ctx.env.now.with_timezone(&ZONE).date_naive());
    let values = placeholders(today);
    for (path, template) in FILES {
        let path = fill(path, &values);
        let full = root.join(&path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("failed to create {}", display(dir)))?;
        }
        fs::write(&full, fill(template, &values))
            .with_context(|| format!("failed to write {}", display(&dir.join(&path))))?;
        writeln!(ctx.stdout, "created {}", display(&dir.join(&path)))?;
    }
    writeln!(
        ctx.stdout,
        "\nnext: `edcal --calendar {} check`, then edit the files (their comments explain every key)",
        display(dir)
    )?;
    Ok(0)
}

/// `dir` is where the calendar goes, `given` how the user wrote it.
fn refuse_non_empty(dir: &Path, given: &Path) -> Result<()> {
    if dir.is_file() {
        bail!(
            "`{}` is a file; edcal init needs a new or empty folder",
            display(given)
        );
    }
    if dir.is_dir() {
        let entries =
            fs::read_dir(dir).with_context(|| format!("failed to list {}", display(given)))?;
        // Hidden entries (`.git`, `.gitignore`, `.editorconfig`) are what a
        // fresh repository holds: none of them is a name init writes, and
        // the calendar reader skips them.
        let mut visible = Vec::new();
        for entry in entries {
            let entry = entry.with_context(|| format!("failed to list {}", display(given)))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                visible.push(name);
            }
        }
        visible.sort();
        if let Some(first) = visible.first() {
            bail!(
                "`{}` is not empty (it holds `{first}`); edcal init creates a calendar only in a new folder, or one holding only hidden files such as `.git`",
                display(given)
            );
        }
    }
    Ok(())
}

fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// The dates the template needs, from today.
fn placeholders(today: NaiveDate) -> Vec<(&'static str, String)> {
    let first = today.with_day(1).expect("day 1 exists");
    let start = first + Months::new(2);
    let end = start + Months::new(1) - chrono::Days::new(1);
    // The second Tuesday of the campaign's month: a day the post can go out.
    let mut day = start;
    let mut tuesdays = 0;
    loop {
        if day.weekday() == chrono::Weekday::Tue {
            tuesdays += 1;
            if tuesdays == 2 {
                break;
            }
        }
        day = day.succ_opt().expect("a date after this one");
    }
    vec![
        ("{TODAY}", today.to_string()),
        ("{YEAR}", today.year().to_string()),
        ("{NEXT_YEAR}", (today.year() + 1).to_string()),
        ("{CAMPAIGN_MONTH}", start.format("%Y-%m").to_string()),
        ("{CAMPAIGN_START}", start.to_string()),
        ("{CAMPAIGN_END}", end.to_string()),
        ("{POST_DAY}", day.to_string()),
    ]
}

fn fill(template: &str, values: &[(&'static str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(key, value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campaign_is_the_month_after_next_and_every_placeholder_is_filled() {
        let values = placeholders(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let get = |k: &str| values.iter().find(|(key, _)| *key == k).unwrap().1.clone();
        assert_eq!(get("{CAMPAIGN_START}"), "2027-01-01");
        assert_eq!(get("{CAMPAIGN_END}"), "2027-01-31");
        assert_eq!(get("{POST_DAY}"), "2027-01-12");
        for (path, template) in FILES {
            assert!(!fill(path, &values).contains('{'), "{path}");
            assert!(!fill(template, &values).contains("{CAMPAIGN"), "{path}");
            assert!(!fill(template, &values).contains("{YEAR}"), "{path}");
        }
    }
}
