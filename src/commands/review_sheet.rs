//! `edcal review-sheet --by PHYSICIAN`: a printable page of what a physician
//! must validate (see [`crate::review_sheet`]), with the digest `edcal
//! review` will seal.
//!
//! The digest is computed here exactly as `edcal review` computes it: the
//! same [`seal::seal`] over the files as they are on disk now. An unknown
//! member, or one who is not a physician, is a usage error (exit 2); a
//! calendar with errors still gets its sheet, then exit 1 as for plans.

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use crate::Context;
use crate::model::Role;
use crate::raw::closest;
use crate::review_sheet::{self, Query, Sheet};
use crate::seal;

#[derive(Debug, Args)]
pub struct ReviewSheetArgs {
    /// The physician who reviews (a member with `role = "physician"`)
    #[arg(long, value_name = "MEMBER")]
    pub by: String,

    /// First day of the period, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Last day of the period, YYYY-MM-DD [default: no end]
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// Every medical post of the period, reviewed or not (default: only
    /// those whose review is missing or no longer matches)
    #[arg(long)]
    pub all: bool,

    /// Write the page to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Put the images inside the page instead of linking them
    #[arg(long)]
    pub embed_media: bool,
}

pub fn run(args: &ReviewSheetArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let Some(physician) = calendar.team.get(&args.by) else {
        let hint = closest(&args.by, calendar.team.keys().map(String::as_str))
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        bail!(
            "unknown member `{}`{hint} (the physicians are {})",
            args.by,
            calendar.members_with(Role::Physician)
        );
    };
    if physician.role != Role::Physician {
        bail!(
            "`{}` is {}, and only a physician reviews (members with `role = \"physician\"`: {})",
            physician.id,
            physician.role.with_article(),
            calendar.members_with(Role::Physician)
        );
    }
    let from = args.from.unwrap_or(checked.today);
    if let Some(to) = args.to
        && to < from
    {
        bail!("`--to {to}` is before `--from {from}`: the period would be empty");
    }
    let query = Query {
        from,
        to: args.to,
        all: args.all,
    };
    // A theme that names its reviewers is for them only.
    let items: Vec<_> = review_sheet::select(calendar, &query)
        .into_iter()
        .filter(|item| calendar.theme_barring(item.post, &physician.id).is_none())
        .collect();
    // What `edcal review` seals: the same function over the files on disk.
    let root = checked.root.clone();
    let content = move |path: &str| {
        std::fs::read(root.join(path))
            .ok()
            .map(|b| seal::sha256_hex(&b))
    };
    let digest = |post: &crate::model::Post| seal::seal(post, &content).to_string();
    let media_src = super::plan::media_src(
        &checked.root,
        &ctx.env.cwd,
        args.output.as_deref(),
        args.embed_media,
    )?;
    let n = items.len();
    let sheet = Sheet {
        calendar,
        physician,
        query,
        today: checked.today,
        items,
        digest: &digest,
        media_src: &media_src,
    };
    let mut page = Vec::new();
    review_sheet::write_html(&sheet, &mut page)?;
    match &args.output {
        Some(path) => crate::export::write_atomic(&ctx.env.cwd.join(path), &page)?,
        None => ctx.stdout.write_all(&page)?,
    }
    let to = args
        .output
        .as_ref()
        .map(|p| format!(", written to {}", p.display()))
        .unwrap_or_default();
    writeln!(
        ctx.stderr,
        "edcal: review sheet for `{}`: {n} post{}{to}",
        physician.id,
        if n == 1 { "" } else { "s" }
    )?;
    super::plan::errors_note(&checked, ctx)
}
