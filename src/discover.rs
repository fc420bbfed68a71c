//! Which folder is the calendar.
//!
//! The order: `--calendar DIR`, else `$EDCAL_CALENDAR` (clap reads both
//! into one option), else the nearest folder from the current one upwards
//! that holds `edcal.toml`, else `./calendar`. Failing that, the error names
//! every place looked at (exit 2).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

pub const SETTINGS_FILE: &str = "edcal.toml";

/// The calendar folder to use.
pub fn calendar_dir(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(given) = explicit {
        // Relative to `cwd`, the run's current folder (the process's, for the
        // binary); messages say it as it was given.
        let dir = cwd.join(given);
        if dir.join(SETTINGS_FILE).is_file() {
            return Ok(dir);
        }
        if !dir.is_dir() {
            bail!(
                "calendar folder `{}` does not exist (from --calendar or $EDCAL_CALENDAR)",
                given.display()
            );
        }
        bail!(
            "`{}` is not a calendar: it has no {SETTINGS_FILE} (from --calendar or $EDCAL_CALENDAR)",
            given.display()
        );
    }
    let mut looked = Vec::new();
    for dir in cwd.ancestors() {
        if dir.join(SETTINGS_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        looked.push(dir.display().to_string());
    }
    let fallback = cwd.join("calendar");
    if fallback.join(SETTINGS_FILE).is_file() {
        return Ok(fallback);
    }
    bail!(
        "no calendar found: no --calendar, no $EDCAL_CALENDAR, no {SETTINGS_FILE} in {} or above, and no {}\n\
         hint: run edcal inside a calendar folder, pass --calendar DIR, or create one with `edcal init DIR`",
        looked.first().map_or("the current folder", String::as_str),
        fallback.join(SETTINGS_FILE).display()
    )
}
