//! Runs the commands that read a whole calendar, as the binary runs them,
//! on a calendar built from the fuzz input: `plan week` in every format,
//! `backlog`, `campaign`, `schedule` (JSON, `--explain`, then `--write` and
//! a second run), the CSV exports and the ICS export.
//!
//! The input is split at NUL bytes into the same files as for the `check`
//! target (`edcal_fuzz::calendar`). They are written to a scratch folder (the commands discover and
//! read a folder, and `--write` edits it). Besides "no panic": every run ends
//! in exit 0, 1 or an error (exit 2); JSON output parses; after `schedule
//! --write` the files still load and a second `schedule` places nothing new.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::Parser;
use libfuzzer_sys::fuzz_target;

/// One scratch folder per process, emptied before each input.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::temp_dir().join(format!("edcal-fuzz-{}", std::process::id())))
}

/// Runs one command line in `cwd`; its exit code and stdout when it did
/// not fail with an error.
fn run(cwd: &Path, args: &[&str]) -> Option<(u8, Vec<u8>)> {
    let mut all = vec!["edcal", "--calendar", "cal", "--color", "never"];
    all.extend_from_slice(args);
    let cli = edcal::cli::Cli::try_parse_from(&all).expect("the command lines are valid");
    let env = edcal::Env {
        cwd: cwd.to_path_buf(),
        color: false,
        now: chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
        exits_after: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    match edcal::run(&cli, &env, &mut out, &mut err) {
        Ok(code) => {
            assert!(code <= 1, "exit {code}");
            Some((code, out))
        }
        Err(e) => {
            if std::env::var_os("EDCAL_FUZZ_DEBUG").is_some() {
                eprintln!("{args:?}: {e:#}");
            }
            None
        }
    }
}

fn json(bytes: &[u8]) {
    let _: serde_json::Value = serde_json::from_slice(bytes).expect("JSON output parses");
}

fuzz_target!(|data: &[u8]| {
    let root = scratch();
    let _ = std::fs::remove_dir_all(root);
    let cal = root.join("cal");
    for (name, part) in edcal_fuzz::calendar(data) {
        let path = cal.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, part).unwrap();
    }
    let today = ["--today", "2026-10-05"];
    let with_today = |args: &[&'static str]| -> Vec<&'static str> {
        args.iter().copied().chain(today).collect()
    };
    for format in ["table", "markdown", "csv", "json"] {
        let out = run(
            root,
            &with_today(&["plan", "week", "2026-W41", "--format", format]),
        );
        if format == "json"
            && let Some((_, out)) = out
        {
            json(&out);
        }
    }
    run(root, &with_today(&["backlog"]));
    run(root, &with_today(&["campaign"]));
    run(root, &with_today(&["campaign", "c"]));
    if let Some((_, out)) = run(root, &with_today(&["schedule", "--format", "json"])) {
        json(&out);
    }
    run(root, &with_today(&["schedule", "--explain", "p"]));
    run(root, &with_today(&["export", "csv", "--out-dir", "out"]));
    run(
        root,
        &with_today(&["export", "csv", "--for", "generic", "--out-dir", "generic"]),
    );
    run(
        root,
        &with_today(&["export", "ics", "-o", "plan.ics", "--reviews"]),
    );
    // A calendar without errors: `--write` writes, and then what was written
    // loads and nothing is left to place that could be (the schedule's contract:
    // a second run finds nothing to place). With errors it writes nothing.
    let clean = matches!(run(root, &with_today(&["check"])), Some((0, _)));
    if clean && run(root, &with_today(&["schedule", "--write"])).is_some() {
        let again = run(root, &with_today(&["schedule", "--format", "json"]));
        if let Some((_, again)) = again {
            let value: serde_json::Value = serde_json::from_slice(&again).unwrap();
            let placed = value["placed"].as_array().map_or(0, Vec::len);
            assert_eq!(placed, 0, "a second schedule placed more: {value}");
        }
    }
});
