//! Test support: a checked calendar from a few files written to a temporary
//! folder, for unit tests that need the model as `check` builds it.

use crate::check::Checked;

/// Writes `files` (relative path, text) to a temporary folder, loads and
/// checks it with `today`. `edcal.toml` defaults to a minimal Paris calendar.
pub fn checked(files: &[(&str, &str)], today: &str) -> Checked {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("edcal.toml"),
        "[calendar]\nname = \"test\"\ntimezone = \"Europe/Paris\"\n",
    )
    .unwrap();
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let loaded = crate::load::load(root).unwrap();
    let today = today.parse().unwrap();
    crate::check::check(loaded, |_| today, &|_| true)
}
