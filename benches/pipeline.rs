//! Benchmarks of the pipeline on a generated calendar: load,
//! check, plan week, schedule, and the X counter.
//!
//! ```text
//! cargo bench --bench pipeline
//! ```
//!
//! The calendars are written once per run by `examples/generate.rs` into a
//! temporary folder: 10,000 posts (a tenth of the issue's archive, so that
//! each sample stays short) and 2,000 unplaced pairs for the scheduler. The
//! whole-process numbers against the bare TOML parse are
//! `scripts/bench.sh`'s job; these say where the time goes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use divan::Bencher;

#[path = "../examples/generate.rs"]
#[allow(dead_code)]
mod generate;

fn main() {
    divan::main();
}

const POSTS: usize = 10_000;
const UNPLACED: usize = 2_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).expect("a date")
}

/// The generated calendars, written once per run under Cargo's scratch
/// folder for benches: (archive, to schedule).
fn calendars() -> &'static (PathBuf, PathBuf) {
    static DIRS: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    DIRS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-calendars");
        let archive = dir.join("archive");
        let unplaced = dir.join("unplaced");
        // A fresh folder: the generator adds files, it does not remove any.
        let _ = std::fs::remove_dir_all(&dir);
        generate::write_calendar(&archive, POSTS, 0, 1).expect("generated");
        generate::write_calendar(&unplaced, 500, UNPLACED, 1).expect("generated");
        (archive, unplaced)
    })
}

fn check(root: &Path, today: NaiveDate) -> edcal::check::Checked {
    let loaded = edcal::load::load(root).expect("loaded");
    let exists = |path: &str| root.join(path).is_file();
    edcal::check::check(loaded, |_| today, &exists)
}

#[divan::bench(sample_count = 10)]
fn load(bencher: Bencher<'_, '_>) {
    let (archive, _) = calendars();
    bencher.bench(|| edcal::load::load(archive).expect("loaded"));
}

#[divan::bench(sample_count = 10)]
fn load_and_check(bencher: Bencher<'_, '_>) {
    let (archive, _) = calendars();
    bencher.bench(|| check(archive, today()));
}

#[divan::bench(sample_count = 10)]
fn plan_week(bencher: Bencher<'_, '_>) {
    let (archive, _) = calendars();
    let checked = check(archive, today());
    let measure = |calendar: &edcal::model::Calendar,
                   post: &edcal::model::Post,
                   channel: &str,
                   occurrence: Option<NaiveDate>| {
        edcal::publish::measure_on(calendar, post, channel, occurrence).map(|m| {
            edcal::plan::Length {
                length: m.length,
                limit: m.limit,
            }
        })
    };
    let query = edcal::plan::Query {
        period: edcal::plan::Period::week(edcal::plan::Week::iso(2030, 10).expect("a week")),
        today: checked.today,
        channels: &[],
        measure: &measure,
    };
    bencher.bench_local(|| edcal::plan::build(&checked.calendar, &query));
}

#[divan::bench(sample_count = 10)]
fn schedule(bencher: Bencher<'_, '_>) {
    let (_, unplaced) = calendars();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let checked = check(unplaced, today);
    let options = edcal::schedule::Options {
        today,
        from: None,
        to: None,
    };
    bencher.bench(|| {
        edcal::schedule::schedule(&checked.calendar, &options)
            .placed
            .len()
    });
}

/// X's weighted length of texts with URLs, emoji and accents, as
/// `too-long` counts every X pair.
#[divan::bench]
fn x_counter(bencher: Bencher<'_, '_>) {
    let texts: Vec<String> = (0..1_000)
        .map(|i| {
            format!(
                "Octobre Rose n°{i} : une séance de sport adapté chaque jour 💗 à la clinique. \
                 Programme : https://www.clinique.example/octobre-rose/{i} #OctobreRose #Santé"
            )
        })
        .collect();
    bencher.bench(|| {
        texts
            .iter()
            .map(|t| social_text::count::x::weighted_length(divan::black_box(t)))
            .sum::<usize>()
    });
}
