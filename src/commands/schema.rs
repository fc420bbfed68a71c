//! `edcal schema --out-dir DIR`: writes the JSON Schemas of every file kind
//! (see [`crate::schema`]) and says how to wire them into an editor.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use crate::Context;
use crate::schema;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write the `*.schema.json` files (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}

pub fn run(args: &SchemaArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let dir = &args.out_dir;
    let full = ctx.env.cwd.join(dir);
    fs::create_dir_all(&full).with_context(|| format!("failed to create {}", dir.display()))?;
    for (name, value) in schema::all() {
        let path = dir.join(name);
        crate::export::write_atomic(&full.join(name), schema::to_text(&value).as_bytes())
            .with_context(|| format!("failed to write {}", path.display()))?;
        writeln!(
            ctx.stdout,
            "wrote {}",
            path.display().to_string().replace('\\', "/")
        )?;
    }
    Ok(0)
}
