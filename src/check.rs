//! The whole check of a calendar: resolve the raw files into the model, run
//! every rule, apply `[rules] allow`, sort.
//!
//! Every command that reads a calendar goes through here, so `plan`,
//! `schedule` and the exports see the same findings `check` prints, and
//! errors block them the same way.

use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::load::Loaded;
use crate::model::Calendar;
use crate::source::Sources;

/// A calendar with every finding about it.
#[derive(Debug)]
pub struct Checked {
    pub root: PathBuf,
    pub sources: Sources,
    pub calendar: Calendar,
    /// Sorted by file, line, column, code; silenced codes removed.
    pub diagnostics: Vec<Diagnostic>,
    pub today: NaiveDate,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks a loaded calendar. `today` gets the calendar's zone, since "today"
/// is the date there; `exists` tells whether a media path (relative to the
/// calendar folder) names a file.
pub fn check(
    loaded: Loaded,
    today: impl FnOnce(Tz) -> NaiveDate,
    exists: &dyn Fn(&str) -> bool,
) -> Checked {
    check_with(loaded, today, exists, None)
}

/// [`check`], also verifying sealed approvals: `content` gives the SHA-256
/// (hex) of a local media file's bytes (`None`: unreadable). Only the files
/// of sealed posts are read (see `seal`).
pub fn check_sealed(
    loaded: Loaded,
    today: impl FnOnce(Tz) -> NaiveDate,
    exists: &dyn Fn(&str) -> bool,
    content: crate::seal::Content<'_>,
) -> Checked {
    check_with(loaded, today, exists, Some(content))
}

fn check_with(
    loaded: Loaded,
    today: impl FnOnce(Tz) -> NaiveDate,
    exists: &dyn Fn(&str) -> bool,
    content: Option<crate::seal::Content<'_>>,
) -> Checked {
    let Loaded {
        root,
        sources,
        raw,
        mut diagnostics,
    } = loaded;
    let mut calendar = crate::resolve::resolve(raw, &mut diagnostics);
    calendar.media_sha256 = content.map(|c| crate::seal::media_hashes(&calendar, c));
    let today = today(calendar.settings.tz);
    crate::rules::check_approvals(&calendar, &mut diagnostics);
    crate::rules::check_seals(&calendar, &mut diagnostics);
    crate::rules::check_frozen(&calendar, &mut diagnostics);
    crate::rules::check_approval_due(&calendar, today, &mut diagnostics);
    crate::rules::check_consents(&calendar, today, &mut diagnostics);
    crate::rules::check_timing(&calendar, &mut diagnostics);
    crate::rules::check_capacity(&calendar, &mut diagnostics);
    crate::rules::check_media(&calendar, exists, &mut diagnostics);
    crate::rules::check_publishing(&calendar, &sources, &mut diagnostics);
    crate::rules::check_closed_days(&calendar, &mut diagnostics);
    crate::rules::check_cadence(&calendar, today, &mut diagnostics);
    crate::rules::check_campaigns(&calendar, today, &mut diagnostics);
    diagnostics.retain(|d| !calendar.rules.allow.iter().any(|code| code == d.code));
    diagnostic::sort(&mut diagnostics, &sources);
    Checked {
        root,
        sources,
        calendar,
        diagnostics,
        today,
    }
}
