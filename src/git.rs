//! The calendar as it was at a git revision, read through the `git` command.
//!
//! `edcal diff REV` compares the plan with an older one. The calendar folder
//! may be anywhere in its repository, so its place is asked of git
//! (`rev-parse --show-prefix`), the revision's tree is listed under that
//! place (`ls-tree`), and each file is read as a blob (`cat-file`). Nothing
//! is checked out and the working tree is not touched. Any git failure (not
//! a repository, unknown revision, no git) is an error carrying git's own
//! message.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::discover::SETTINGS_FILE;
use crate::load::Memory;

/// A commit that names a revision, and the calendar's files in it.
#[derive(Debug)]
pub struct Snapshot {
    /// The full commit id.
    pub commit: String,
    pub files: Memory,
}

/// The calendar folder `dir` as it was at `rev`.
pub fn calendar_at(dir: &Path, rev: &str) -> Result<Snapshot> {
    let prefix = git(dir, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8_lossy(&prefix).trim_end().to_owned();
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .with_context(|| format!("`{rev}` is not a commit of the calendar's repository"))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    // `-z`: paths verbatim, whatever their characters; `--full-tree` +
    // `--full-name`: paths from the top, whatever folder git runs in.
    let listing = git(
        dir,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            "--full-name",
            &commit,
            "--",
        ],
    )?;
    let mut files = BTreeMap::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, object) = (meta.next(), meta.next(), meta.next());
        // Only regular files: links and submodules are not calendar files.
        if kind != Some("blob") || mode == Some("120000") {
            continue;
        }
        let Some(relative) = path.strip_prefix(prefix.as_str()) else {
            continue;
        };
        // The loader reads `*.toml` exactly, so the same files here.
        #[allow(clippy::case_sensitive_file_extension_comparisons)]
        if !relative.ends_with(".toml") {
            continue;
        }
        let object = object.context("git ls-tree printed an entry without an object id")?;
        let bytes = git(dir, &["cat-file", "blob", object])?;
        files.insert(relative.to_owned(), bytes);
    }
    if !files.contains_key(SETTINGS_FILE) {
        let place = if prefix.is_empty() {
            "the repository's top folder"
        } else {
            prefix.trim_end_matches('/')
        };
        bail!("there is no calendar in {place} at {rev} (no {SETTINGS_FILE} there)");
    }
    Ok(Snapshot {
        commit,
        files: Memory(files),
    })
}

/// What git knows of each file of the calendar folder, for the iCalendar
/// export: when each was last committed, in how many commits, and which
/// differ from the last commit (edited, or not yet committed).
#[derive(Debug, Default)]
pub struct History {
    /// By path relative to the calendar folder, `/`-separated: the time of
    /// the last commit that changed it (seconds since the epoch) and the
    /// number of commits that changed it.
    pub files: BTreeMap<String, (i64, u32)>,
    /// Files changed since the last commit, or not tracked.
    pub changed: std::collections::BTreeSet<String>,
}

/// The history of the calendar folder `dir`, from one `git log` over it;
/// `None` when it is not in a git repository (or git is missing).
pub fn history(dir: &Path) -> Option<History> {
    git(dir, &["rev-parse", "--is-inside-work-tree"]).ok()?;
    let mut history = History::default();
    // `%x01%ct`: a marker then the commit time; `--name-only --relative`:
    // the files each commit changed, relative to `dir`. No `--follow`: a
    // renamed file starts a new history, which only lowers its count.
    let Ok(log) = git(
        dir,
        &[
            "log",
            "--format=%x01%ct",
            "--name-only",
            "--relative",
            "-z",
            "--",
            ".",
        ],
    ) else {
        // A repository without commits yet: every file is new.
        return Some(history);
    };
    let log = String::from_utf8_lossy(&log);
    for commit in log.split('\u{1}').filter(|c| !c.is_empty()) {
        let mut fields = commit.split(['\0', '\n']).filter(|f| !f.is_empty());
        let Some(time) = fields.next().and_then(|t| t.trim().parse::<i64>().ok()) else {
            continue;
        };
        for file in fields {
            // Newest first: the first time seen is the last change.
            let entry = history.files.entry(file.to_owned()).or_insert((time, 0));
            entry.1 += 1;
        }
    }
    for args in [
        &["diff", "--name-only", "--relative", "-z", "HEAD", "--", "."][..],
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            ".",
        ][..],
    ] {
        if let Ok(out) = git(dir, args) {
            for file in out.split(|&b| b == 0).filter(|f| !f.is_empty()) {
                history
                    .changed
                    .insert(String::from_utf8_lossy(file).into_owned());
            }
        }
    }
    Some(history)
}

/// `git config user.email` as seen from `dir`; `None` when git is missing,
/// fails, or has no email set.
pub fn user_email(dir: &Path) -> Option<String> {
    let out = git(dir, &["config", "--get", "user.email"]).ok()?;
    let email = String::from_utf8_lossy(&out).trim().to_owned();
    (!email.is_empty()).then_some(email)
}

/// Runs git in `dir`; its stdout, or an error with git's message.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Messages in English whatever the locale, so they read like ours.
        .env("LC_ALL", "C")
        .output()
        .context("failed to run git (is it installed?)")?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        let message = message.trim();
        bail!(
            "git {} failed: {}",
            args.first().copied().unwrap_or_default(),
            if message.is_empty() {
                "no message"
            } else {
                message
            }
        );
    }
    Ok(output.stdout)
}
