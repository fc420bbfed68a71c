//! The reference for the performance targets: read every `.toml` file of a
//! calendar folder and parse it into a `toml::Table`, on one thread, and
//! nothing else. `edcal check` on the same folder must take at most as long.
//!
//! ```text
//! cargo run --release --example bare_parse -- DIR
//! ```
//!
//! Prints the number of files, bytes and top-level keys read (so the work
//! cannot be optimised away); time it from outside (`scripts/bench.sh`).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

fn main() -> Result<()> {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: bare_parse DIR")?;
    let mut files = Vec::new();
    walk(&root, &mut files)?;
    files.sort();
    let (mut bytes, mut keys) = (0, 0);
    for path in &files {
        let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        bytes += text.len();
        let table: toml::Table = text
            .parse()
            .with_context(|| format!("{}", path.display()))?;
        keys += table.len();
    }
    println!(
        "{} files, {bytes} bytes, {keys} top-level keys",
        files.len()
    );
    Ok(())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("{}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    Ok(())
}
