//! The `edcal` binary: parse the command line, run, map the result to an exit
//! code. Everything else is in the library.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use edcal::cli::{Cli, Color};

/// mimalloc: a check allocates millions of small strings on two threads
/// and frees them across threads; glibc's allocator spent a quarter of the
/// time there and kept freed memory in per-thread arenas. Built
/// without transparent huge pages (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    };
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            eprintln!("error: cannot read the current folder: {e}");
            return ExitCode::from(2);
        }
    };
    let env = edcal::Env {
        cwd,
        color,
        now: chrono::Utc::now(),
        exits_after: true,
    };
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    match edcal::run(&cli, &env, &mut stdout, &mut stderr) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Output to a closed pipe (`edcal plan week | head`) ends quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
