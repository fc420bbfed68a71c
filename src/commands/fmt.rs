//! `edcal fmt [--check]`: every calendar file in the canonical layout of
//! [`crate::canonical`], comments kept, data unchanged.
//!
//! Files are the ones the loader reads (`edcal.toml`, `channels.toml`,
//! `consents.toml`, `campaigns/**`, `posts/**`), in the same order. Each goes
//! through [`crate::edit::Edit`], the one write path: atomic, and refused
//! when the file changed on disk meanwhile. A file that is not valid TOML is
//! left alone and named on stderr (exit 1: `edcal check` says what is wrong).
//! `--check` writes nothing, lists the files that would change and exits 1
//! if any would. Both list paths relative to the calendar folder.

use anyhow::Result;
use clap::Args;

use crate::Context;
use crate::canonical;
use crate::discover::{self, SETTINGS_FILE};
use crate::edit::Edit;
use crate::format::Kind;
use crate::load::{Disk, Files};

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing: list the files that are not canonical, exit 1 if any
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: &FmtArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let root = discover::calendar_dir(ctx.cli.calendar.as_deref(), &ctx.env.cwd)?;
    let disk = Disk(&root);
    let mut paths: Vec<String> = [SETTINGS_FILE, "channels.toml", "consents.toml"]
        .into_iter()
        .filter(|p| disk.is_file(p))
        .map(str::to_owned)
        .collect();
    paths.extend(disk.toml_files("campaigns")?);
    paths.extend(disk.toml_files("posts")?);
    let mut changed = 0;
    let mut broken = 0;
    for rel in &paths {
        let kind = Kind::of(rel).expect("the loader's files have a kind");
        let mut edit = match Edit::open(&root, rel) {
            Ok(edit) => edit,
            Err(e) => {
                writeln!(ctx.stderr, "edcal fmt: {e:#}; left as it is")?;
                broken += 1;
                continue;
            }
        };
        canonical::format(edit.doc_mut(), kind);
        if edit.render() == edit.original() {
            continue;
        }
        changed += 1;
        if args.check {
            writeln!(ctx.stdout, "{rel}")?;
        } else {
            edit.commit()?;
            writeln!(ctx.stdout, "formatted {rel}")?;
        }
    }
    if args.check && changed > 0 {
        let files = if changed == 1 { "file is" } else { "files are" };
        writeln!(
            ctx.stderr,
            "edcal: {changed} {files} not in the canonical layout; `edcal fmt` rewrites them"
        )?;
    }
    Ok(u8::from(broken > 0 || (args.check && changed > 0)))
}
