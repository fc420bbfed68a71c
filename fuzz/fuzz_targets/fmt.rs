//! `edcal fmt` on one file from the fuzz input: the canonical layout must
//! keep the data (the formatted file parses to the same TOML values), be
//! valid TOML, and be idempotent. `fmt` rewrites the user's files, so a bug
//! here is lost data. The first byte picks the file kind, the rest is the
//! file.

#![no_main]

use edcal::canonical;
use edcal::format::Kind;
use libfuzzer_sys::fuzz_target;
use toml_edit::DocumentMut;

const KINDS: [Kind; 5] = [
    Kind::Settings,
    Kind::Channels,
    Kind::Consents,
    Kind::Campaign,
    Kind::Posts,
];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(kind) % KINDS.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return;
    };
    let Ok(mut before) = text.parse::<toml::Table>() else {
        return;
    };
    if text.contains("nan") {
        return; // NaN is not equal to itself
    }
    canonical::format(&mut doc, kind);
    let once = doc.to_string();
    let mut after: toml::Table = once
        .parse()
        .unwrap_or_else(|e| panic!("fmt wrote invalid TOML: {e}\n{once}"));
    normalize(&mut before);
    normalize(&mut after);
    assert_eq!(before, after, "fmt changed the data:\n{once}");
    let mut again: DocumentMut = once.parse().unwrap();
    canonical::format(&mut again, kind);
    assert_eq!(again.to_string(), once, "fmt is not idempotent");
});

/// `fmt` writes the seconds of a local time (`12:30` becomes `12:30:00`):
/// the same value.
fn normalize(table: &mut toml::Table) {
    fn value(v: &mut toml::Value) {
        match v {
            toml::Value::Datetime(dt) => {
                if let Some(time) = &mut dt.time
                    && time.second.is_none()
                {
                    time.second = Some(0);
                }
            }
            toml::Value::Array(items) => items.iter_mut().for_each(value),
            toml::Value::Table(t) => normalize(t),
            _ => {}
        }
    }
    table.iter_mut().for_each(|(_, v)| value(v));
}
