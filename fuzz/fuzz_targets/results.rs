//! The readers of `edcal results import` and of `results/<channel>.csv`
//! on any bytes: no panic, no timeout; every row read has a line inside
//! the file; a results file rendered from what was read reads back the same.
//!
//! The first byte picks the layout: 0 lets the reader detect it, any other
//! value names one of `results::format::FORMATS`.

#![no_main]

use edcal::results::{format, read, store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let given = match pick {
        0 => None,
        n => Some(&format::FORMATS[usize::from(n) % format::FORMATS.len()]),
    };
    let options = read::Options {
        format: given,
        zone: None,
        calendar_tz: chrono_tz::Europe::Paris,
        collected: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    if let Ok(export) = read::parse(bytes, &options) {
        let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        for row in &export.rows {
            // Lines count in the text; a sheet's rows have no bound here.
            if !bytes.starts_with(b"PK") && !bytes.starts_with(&[0xD0, 0xCF]) {
                assert!(
                    row.line >= 1 && row.line <= lines,
                    "line {} of {lines}",
                    row.line
                );
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let parsed = store::parse(&text, "x");
    for f in &parsed.findings {
        assert!(f.range.start <= f.range.end && f.range.end <= text.len());
    }
    let rendered = store::render(&parsed.rows);
    let again = store::parse(&rendered, "x");
    assert!(again.findings.is_empty(), "{:?}", again.findings);
    assert_eq!(store::render(&again.rows), rendered);
});
