//! edcal: an editorial calendar for the communication team of a health-care
//! establishment, kept as plain-text TOML files in git.
//!
//! The pipeline reads from the module names: [`discover`] finds the calendar
//! folder, [`load`] reads every file into the [`raw`] layer and hands it to
//! [`resolve`], which builds the checked [`model`] (file by file, as each is
//! read), [`rules`] look across it, and [`check`] ties them together; the
//! commands in `commands` (one file each: arguments and code) render the
//! result. Nothing below [`run`] reads the clock or the environment: "today"
//! and the current folder come in through [`Context`].
//!
//! ```no_run
//! use clap::Parser;
//! let cli = edcal::cli::Cli::parse_from(["edcal", "check", "--calendar", "calendar"]);
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let env = edcal::Env { cwd: std::env::current_dir().unwrap(), color: false, now: chrono::Utc::now(), exits_after: false };
//! let code = edcal::run(&cli, &env, &mut out, &mut err).unwrap();
//! assert_eq!(code, 0);
//! ```

pub mod blocked;
pub mod canonical;
pub mod check;
pub mod cli;
pub(crate) mod closed;
mod commands;
pub mod days;
pub mod diagnostic;
pub(crate) mod diff;
pub(crate) mod discover;
pub(crate) mod edit;
pub(crate) mod export;
pub(crate) mod figure;
pub mod format;
pub(crate) mod git;
pub mod load;
pub mod model;
pub(crate) mod occurrence;
pub mod plan;
pub mod publish;
pub mod raw;
pub mod resolve;
pub mod results;
pub(crate) mod review_sheet;
pub(crate) mod rules;
pub mod schedule;
pub mod schema;
pub mod seal;
pub(crate) mod slug;
pub mod source;
#[cfg(test)]
mod testing;
pub(crate) mod upload;
pub(crate) mod zone;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};

use crate::check::Held;
use crate::cli::{Cli, Command};

/// What the outside world gives a run: the current folder, whether to color,
/// and the clock.
#[derive(Debug, Clone)]
pub struct Env {
    pub cwd: PathBuf,
    /// Color human output (the terminal, `--color` and `NO_COLOR` decided).
    pub color: bool,
    pub now: DateTime<Utc>,
    /// The process ends right after the run (the binary): the calendar is
    /// then left for the system to free (see [`check::Held`]).
    pub exits_after: bool,
}

/// A moment given on the command line (`--now`): with an offset (`Z`,
/// `+01:00`) it is that instant; without one, a wall-clock time in the
/// calendar's zone, which is only known once the calendar is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    Instant(DateTime<Utc>),
    Local(chrono::NaiveDateTime),
}

impl Now {
    /// Reads `2026-12-01T08:25`, `2026-12-01 08:25[:00]` or RFC 3339.
    pub fn parse(s: &str) -> Result<Now, String> {
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Now::Instant(t.with_timezone(&Utc)));
        }
        for pattern in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, pattern) {
                return Ok(Now::Local(t));
            }
        }
        Err(format!(
            "`{s}` is not a date and time; write `2026-12-01T08:25` (the calendar's zone) or `2026-12-01T07:25:00Z`"
        ))
    }

    /// The instant, a wall-clock time read in `tz` (the earlier one when
    /// clocks go back; past a gap when they go forward).
    pub fn instant(self, tz: chrono_tz::Tz) -> DateTime<Utc> {
        use chrono::TimeZone as _;
        match self {
            Now::Instant(t) => t,
            Now::Local(t) => tz.from_local_datetime(&t).earliest().map_or_else(
                || {
                    tz.from_local_datetime(&(t + chrono::Duration::hours(1)))
                        .earliest()
                        .map_or_else(|| t.and_utc(), |z| z.with_timezone(&Utc))
                },
                |z| z.with_timezone(&Utc),
            ),
        }
    }
}

/// What a command works with.
pub struct Context<'a> {
    pub cli: &'a Cli,
    pub env: &'a Env,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    pub color: bool,
}

impl Context<'_> {
    /// Finds, loads and checks the calendar.
    pub fn check(&self) -> Result<Held> {
        self.check_at(None)
    }

    /// [`check`](Self::check) with "now" given (`export csv --now`) instead
    /// of the clock: today is then its date, unless `--today` says otherwise.
    pub fn check_at(&self, now: Option<Now>) -> Result<Held> {
        let root = discover::calendar_dir(self.cli.calendar.as_deref(), &self.env.cwd)?;
        self.check_files_at(&root, &load::Disk(&root), now)
    }

    /// Loads and checks the calendar in `root` from `files` (the disk, or
    /// the disk as an edit would leave it).
    pub fn check_files(&self, root: &std::path::Path, files: &dyn load::Files) -> Result<Held> {
        self.check_files_at(root, files, None)
    }

    fn check_files_at(
        &self,
        root: &std::path::Path,
        files: &dyn load::Files,
        now: Option<Now>,
    ) -> Result<Held> {
        let root = root.to_path_buf();
        let loaded = load::load_from(&root, files)?;
        let fixed_today = self.cli.today;
        let clock = self.env.now;
        let today = move |tz: chrono_tz::Tz| -> NaiveDate {
            let now = now.map_or(clock, |n| n.instant(tz));
            fixed_today.unwrap_or_else(|| now.with_timezone(&tz).date_naive())
        };
        let exists = |path: &str| root.join(path).is_file();
        let content = |path: &str| {
            std::fs::read(root.join(path))
                .ok()
                .map(|b| seal::sha256_hex(&b))
        };
        let checked = check::check_sealed(loaded, today, &exists, &content);
        Ok(if self.env.exits_after {
            Held::until_exit(checked)
        } else {
            Held::new(checked)
        })
    }
}

/// Runs one command line; returns the exit code (0 or 1). Errors are exit 2.
pub fn run(cli: &Cli, env: &Env, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8> {
    let mut ctx = Context {
        cli,
        env,
        stdout,
        stderr,
        color: env.color,
    };
    let code = match &cli.command {
        Command::Check(args) => commands::check::run(args, &mut ctx)?,
        Command::Explain(args) => commands::explain::run(args, &mut ctx)?,
        Command::Export(command) => commands::export::run(command, &mut ctx)?,
        Command::Schedule(args) => commands::schedule::run(args, &mut ctx)?,
        Command::Plan(command) => commands::plan::run(command, &mut ctx)?,
        Command::Campaign(args) => commands::campaign::run(args, &mut ctx)?,
        Command::Backlog(args) => commands::backlog::run(args, &mut ctx)?,
        Command::Approve(args) => commands::approve::run(args, &mut ctx)?,
        Command::Review(args) => commands::approve::review(args, &mut ctx)?,
        Command::Freeze(args) => commands::freeze::run(args, &mut ctx)?,
        Command::Diff(args) => commands::diff::run(args, &mut ctx)?,
        Command::Fmt(args) => commands::fmt::run(args, &mut ctx)?,
        Command::New(command) => commands::new::run(command, &mut ctx)?,
        Command::Init(args) => commands::init::run(args, &mut ctx)?,
        Command::Schema(args) => commands::schema::run(args, &mut ctx)?,
        Command::Completions(args) => commands::completions::run(args, &mut ctx)?,
        Command::Man => commands::man::run(&mut ctx)?,
        Command::ReviewSheet(args) => commands::review_sheet::run(args, &mut ctx)?,
        Command::Submit(args) => commands::submit::run(args, &mut ctx)?,
        Command::Reject(args) => commands::reject::run(args, &mut ctx)?,
        Command::Note(args) => commands::note::run(args, &mut ctx)?,
        Command::Published(args) => commands::published::run(args, &mut ctx)?,
        Command::Cancel(args) => commands::cancel::run(args, &mut ctx)?,
        Command::Milestone(args) => commands::milestone::run(args, &mut ctx)?,
        Command::Results(command) => commands::results::run(command, &mut ctx)?,
        Command::Report(args) => commands::results::report(args, &mut ctx)?,
    };
    ctx.stdout.flush()?;
    Ok(code)
}
