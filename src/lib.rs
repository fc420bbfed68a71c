//! edcal: an editorial calendar for the communication team of a health-care
//! establishment, kept as plain-text TOML files in git.
//!
//! The pipeline reads from the module names: [`discover`] finds the calendar
//! folder, [`load`] reads every file into the [`raw`] layer and hands it to
//! [`resolve`], which builds the checked [`model`] (file by file, as each is
//! read), [`rules`] look across it, and [`check`] ties them together; the
//! commands in `cmd` render the result. Nothing
//! below [`run`] reads the clock or the environment: "today" and the
//! current folder come in through [`Context`].
//!
//! ```no_run
//! use clap::Parser;
//! let cli = edcal::cli::Cli::parse_from(["edcal", "check", "--calendar", "calendar"]);
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let env = edcal::Env { cwd: std::env::current_dir().unwrap(), color: false, now: chrono::Utc::now(), exits_after: false };
//! let code = edcal::run(&cli, &env, &mut out, &mut err).unwrap();
//! assert_eq!(code, 0);
//! ```

pub mod canonical;
pub mod check;
pub mod claims;
pub mod cli;
pub mod closed;
mod cmd;
pub mod count;
pub mod days;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod edit;
pub mod export;
pub mod git;
pub mod limits;
pub mod load;
pub mod model;
pub mod network;
pub mod occurrence;
pub mod plan;
pub mod publish;
pub mod raw;
pub mod readability;
pub mod resolve;
pub mod results;
pub mod rules;
pub mod schedule;
pub mod schema;
pub mod seal;
pub mod slug;
pub mod source;
#[cfg(test)]
mod testing;
pub mod zone;

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
        let root = discover::calendar_dir(self.cli.calendar.as_deref(), &self.env.cwd)?;
        let loaded = load::load(&root)?;
        let fixed_today = self.cli.today;
        let now = self.env.now;
        let today = move |tz: chrono_tz::Tz| -> NaiveDate {
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
        Command::Check(args) => cmd::check::run(args, &mut ctx)?,
        Command::Explain(args) => cmd::explain::run(args, &mut ctx)?,
        Command::Export(command) => cmd::export::run(command, &mut ctx)?,
        Command::Schedule(args) => cmd::schedule::run(args, &mut ctx)?,
        Command::Plan(cli::PlanCommand::Week(args)) => cmd::plan::week(args, &mut ctx)?,
        Command::Campaign(args) => cmd::campaign::run(args, &mut ctx)?,
        Command::Backlog(args) => cmd::backlog::run(args, &mut ctx)?,
        Command::Approve(args) => cmd::approve::approve(args, &mut ctx)?,
        Command::Review(args) => cmd::approve::review(args, &mut ctx)?,
        Command::Freeze(args) => cmd::freeze::run(args, &mut ctx)?,
        Command::Diff(args) => cmd::diff::run(args, &mut ctx)?,
        Command::Fmt(args) => cmd::fmt::run(args, &mut ctx)?,
        Command::New(cli::NewCommand::Post(args)) => cmd::new::post(args, &mut ctx)?,
        Command::Init(args) => cmd::init::run(args, &mut ctx)?,
        Command::Schema(args) => cmd::schema::run(args, &mut ctx)?,
        Command::Completions(args) => cmd::completions::run(args, &mut ctx)?,
        Command::Man => cmd::man::run(&mut ctx)?,
        Command::Results(command) => cmd::results::run(command, &mut ctx)?,
        Command::Report(args) => cmd::results::report(args, &mut ctx)?,
    };
    ctx.stdout.flush()?;
    Ok(code)
}
