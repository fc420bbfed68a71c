//! Loads and checks a calendar built from the fuzz input, then renders every
//! finding both ways (human, with and without color, and JSON).
//!
//! The input is split at NUL bytes into the calendar's files, in this order:
//! `edcal.toml`, `channels.toml`, `consents.toml`, `campaigns/c.toml`,
//! `posts/p.toml`, `posts/sub/q.toml`; missing parts are missing files. The
//! files are held in memory (`load::Memory`, the same loader `edcal diff`
//! uses), so a run touches no disk. Besides "no panic", it asserts what the
//! diagnostics promise: sorted, and every position inside its file.

#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use edcal::diagnostic;
use edcal::load::{Memory, load_from};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: BTreeMap<String, Vec<u8>> = edcal_fuzz::calendar(data)
        .map(|(name, part)| (name.to_owned(), part.to_vec()))
        .collect();
    let Ok(loaded) = load_from(Path::new("cal"), &Memory(files)) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    // Some media exist, some do not; some are readable, some not.
    let exists = |path: &str| path.len() % 2 == 0;
    let content =
        |path: &str| (path.len() % 3 != 0).then(|| edcal::seal::sha256_hex(path.as_bytes()));
    let checked = edcal::check::check_sealed(loaded, |_| today, &exists, &content);
    let sources = &checked.sources;
    let mut previous = None;
    for d in &checked.diagnostics {
        let source = sources.get(d.span.source);
        let (line, column) = source.line_col(d.span.start as usize);
        assert!(line >= 1 && column >= 1);
        assert!(
            line <= source.text.lines().count().max(1) + 1,
            "line {line} past the end"
        );
        assert!(
            (d.span.start as usize) <= source.text.len(),
            "span past the end"
        );
        let key = (source.path.clone(), line, column, d.code);
        if let Some(previous) = &previous {
            assert!(*previous <= key, "not sorted: {previous:?} then {key:?}");
        }
        previous = Some(key);
        let human = diagnostic::render_human(d, sources, false);
        assert!(
            human.contains(&format!("{}:{line}:{column}", source.path)),
            "{human}"
        );
        let _ = diagnostic::render_human(d, sources, true);
    }
    let mut json = Vec::new();
    diagnostic::write_json(&mut json, &checked.diagnostics, sources).unwrap();
    let _: serde_json::Value = serde_json::from_slice(&json).unwrap();
});
