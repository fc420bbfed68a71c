//! Mutation testing of the check: the example calendar's files,
//! broken at random the way hands and tools break files (a line deleted,
//! duplicated or swapped, a value of another type, stray bytes, a cut), are
//! loaded and checked. Whatever the damage: no panic, every finding sorted
//! and pointing inside its file, both renderings work, and the binary exits
//! 0 or 1. Bounded to a few seconds; `fuzz/` runs the open-ended search.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use edcal::diagnostic;
use edcal::load::{Memory, load_from};
use proptest::prelude::*;

use crate::support::{files_under, repo_path};

/// The example calendar's TOML files, path to bytes.
fn example() -> BTreeMap<String, Vec<u8>> {
    let root = repo_path("calendar");
    files_under(&root)
        .into_iter()
        .filter(|rel| Path::new(rel).extension().is_some_and(|e| e == "toml"))
        .map(|rel| {
            let bytes = std::fs::read(root.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// The value of the nth `key = value` line becomes another TOML type.
    RetypeValue(usize, &'static str),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

const VALUES: &[&str] = &[
    "1",
    "-1",
    "1.5",
    "true",
    "[]",
    "[1, \"a\"]",
    "{}",
    "{ a = 1 }",
    "\"x\"",
    "\"\"",
    "2026-13-45",
    "2026-10-05",
    "2026-10-05T25:00:00",
    "9999-12-31T23:59:59",
    "\"é🙂\"",
    "0000-01-01",
    "inf",
    "nan",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = 0usize..10_000;
    prop_oneof![
        index.clone().prop_map(Mutation::DeleteLine),
        index.clone().prop_map(Mutation::DuplicateLine),
        (index.clone(), index.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (index.clone(), proptest::sample::select(VALUES))
            .prop_map(|(n, v)| Mutation::RetypeValue(n, v)),
        (
            index.clone(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..8),
                "[\\PC\\n\\r\\t\"'\\[\\]{}=#.]{1,8}".prop_map(String::into_bytes),
            ]
        )
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        index.prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len();
    match mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::RetypeValue(i, value) => {
            let with_values: Vec<usize> = (0..n)
                .filter(|&l| lines[l].windows(3).any(|w| w == b" = "))
                .collect();
            if let Some(&l) = with_values.get(i % with_values.len().max(1)) {
                let at = lines[l].windows(3).position(|w| w == b" = ").unwrap();
                lines[l].truncate(at + 3);
                lines[l].extend_from_slice(value.as_bytes());
            }
        }
        Mutation::Insert(at, inserted) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, inserted.iter().copied());
            return;
        }
        Mutation::Truncate(at) => {
            bytes.truncate(at % (bytes.len() + 1));
            return;
        }
    }
    *bytes = lines.join(&b'\n');
}

/// Checks `files` through the library and asserts what findings promise.
fn check_invariants(files: BTreeMap<String, Vec<u8>>) -> Result<(), TestCaseError> {
    let loaded = load_from(Path::new("calendar"), &Memory(files)).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let checked = edcal::check::check(loaded, |_| today, &|path| path.len() % 2 == 0);
    let sources = &checked.sources;
    let mut previous: Option<(String, usize, usize, &str)> = None;
    for d in &checked.diagnostics {
        let source = sources.get(d.span.source);
        let (line, column) = source.line_col(d.span.start as usize);
        let lines: Vec<&str> = source.text.split('\n').collect();
        prop_assert!(
            line >= 1 && line <= lines.len(),
            "line {line} of {}",
            source.path
        );
        let width = lines[line - 1].chars().count();
        prop_assert!(
            column >= 1 && column <= width + 1,
            "{}:{line}:{column}, the line has {width} characters",
            source.path
        );
        let key = (source.path.clone(), line, column, d.code.name());
        if let Some(previous) = &previous {
            prop_assert!(*previous <= key, "{previous:?} before {key:?}");
        }
        previous = Some(key);
        let human = diagnostic::render_human(d, sources, false);
        prop_assert!(
            human.contains(&format!("{}:{line}:{column}", source.path)),
            "{human}"
        );
        diagnostic::render_human(d, sources, true);
    }
    let mut json = Vec::new();
    diagnostic::write_json(&mut json, &checked.diagnostics, sources).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    prop_assert_eq!(json.as_array().unwrap().len(), checked.diagnostics.len());
    Ok(())
}

fn mutated(
    files: &BTreeMap<String, Vec<u8>>,
    mutations: &[(usize, Mutation)],
) -> BTreeMap<String, Vec<u8>> {
    let mut files = files.clone();
    let names: Vec<String> = files.keys().cloned().collect();
    for (file, mutation) in mutations {
        apply(files.get_mut(&names[file % names.len()]).unwrap(), mutation);
    }
    files
}

/// `default` cases, or `$PROPTEST_CASES` for a longer search.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_calendar_is_checked_without_panic(
        mutations in proptest::collection::vec((any::<usize>(), mutation()), 1..5)
    ) {
        check_invariants(mutated(&example(), &mutations))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(6), ..ProptestConfig::default() })]

    /// The same through the binary, for every command that reads the
    /// calendar: exit 0 or 1, never 2 (the folder is found) and never a
    /// crash.
    #[test]
    fn the_binary_exits_0_or_1_on_a_mutated_calendar(
        mutations in proptest::collection::vec((any::<usize>(), mutation()), 1..5)
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in mutated(&example(), &mutations) {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        // Several files: into a folder (stdout takes one; more is a usage error).
        let out_dir = dir.path().join("export");
        let out_dir = out_dir.to_str().unwrap();
        for args in [
            &["check"][..],
            &["check", "--format", "json"],
            &["plan", "week", "2026-W48"],
            &["plan", "month", "2026-11", "--text"],
            &["plan", "range", "2026-11-20", "2026-12-10", "--format", "json"],
            &["backlog"],
            &["campaign"],
            &["schedule"],
            &["export", "csv", "--for", "hootsuite", "--out-dir", out_dir],
            &["export", "ics"],
        ] {
            let out = crate::support::edcal()
                .args(["--today", "2026-11-25", "--calendar"])
                .arg(dir.path())
                .args(args)
                .output()
                .unwrap();
            let code = out.status.code();
            prop_assert!(
                matches!(code, Some(0 | 1)),
                "{args:?}: exit {code:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
