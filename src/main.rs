//! The `edcal` binary: parse the command line, run, map the result to an exit
//! code. Everything else is in the library.

use std::cell::RefCell;
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
    // Line by line to a terminal; in blocks to a file or a pipe, where the
    // thousands of lines of a large calendar's findings were as many write
    // calls. Standard output is flushed before anything goes to standard
    // error, so the two still come out in order when they share a file.
    let stdout = io::stdout();
    let out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(stdout.lock())
    } else {
        Box::new(io::BufWriter::with_capacity(64 * 1024, stdout.lock()))
    };
    let out = RefCell::new(out);
    let mut stdout = Shared(&out);
    let mut stderr = AfterStdout {
        stdout: &out,
        stderr: io::stderr().lock(),
    };
    let result = edcal::run(&cli, &env, &mut stdout, &mut stderr)
        .and_then(|code| Ok(stdout.flush().map(|()| code)?));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Standard output, shared with [`AfterStdout`].
struct Shared<'a>(&'a RefCell<Box<dyn Write>>);

impl Write for Shared<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.borrow_mut().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// Standard error, written after what standard output holds is flushed.
struct AfterStdout<'a> {
    stdout: &'a RefCell<Box<dyn Write>>,
    stderr: io::StderrLock<'static>,
}

impl Write for AfterStdout<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // A closed standard output must not keep errors from being told.
        let _ = self.stdout.borrow_mut().flush();
        self.stderr.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stderr.flush()
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
