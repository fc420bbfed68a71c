//! `edcal man`: the man page (roff) generated from the clap definition (name,
//! synopsis, options, subcommands, exit codes), so it never drifts from
//! `--help`. `edcal man > edcal.1 && man ./edcal.1`.

use anyhow::Result;
use clap::CommandFactory;
use clap_mangen::Man;

use crate::Context;
use crate::cli::Cli;

pub fn run(ctx: &mut Context<'_>) -> Result<u8> {
    let mut page = Vec::new();
    Man::new(Cli::command()).render(&mut page)?;
    let page = String::from_utf8(page)?;
    ctx.stdout.write_all(title_first(&page).as_bytes())?;
    Ok(0)
}

/// The page with its `.TH` line first: clap_mangen opens with the `.ie`/`.el`
/// pair that defines the apostrophe string, and tools that sniff a man page
/// (and readers) expect `.TH` at the top. The pair only needs to come before
/// its first use, which is after the title.
fn title_first(page: &str) -> String {
    let mut lines: Vec<&str> = page.lines().collect();
    if let Some(at) = lines.iter().position(|l| l.starts_with(".TH ")) {
        let title = lines.remove(at);
        lines.insert(0, title);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}
