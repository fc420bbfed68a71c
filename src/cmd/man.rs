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
    ctx.stdout.write_all(&page)?;
    Ok(0)
}
