//! The whole check of a calendar: resolve the raw files into the model, run
//! every rule, apply `[rules] allow`, sort.
//!
//! Every command that reads a calendar goes through here, so `plan`,
//! `schedule` and the exports see the same findings `check` prints, and
//! errors block them the same way.
//!
//! The rules run in parallel (rayon), each family into its own list, the
//! publishing rules (the costliest: readability and claims on every text)
//! split by slices of posts. The lists are joined in one fixed order and
//! then sorted, so the findings are the same, in the same order, as on one
//! thread. This and the loader are the only places that use threads.

use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;

use rayon::prelude::*;

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
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Checked {
    check_with(loaded, today, exists, None)
}

/// [`check`], also verifying sealed approvals: `content` gives the SHA-256
/// (hex) of a local media file's bytes (`None`: unreadable). Only the files
/// of sealed posts are read (see `seal`).
pub fn check_sealed(
    loaded: Loaded,
    today: impl FnOnce(Tz) -> NaiveDate,
    exists: &(dyn Fn(&str) -> bool + Sync),
    content: crate::seal::Content<'_>,
) -> Checked {
    check_with(loaded, today, exists, Some(content))
}

/// One family of rules, writing its findings into the list it is given.
type Family<'a> = Box<dyn FnOnce(&mut Vec<Diagnostic>) + Send + 'a>;

/// Posts per task of the publishing rules: small enough for two threads to
/// share the work evenly, large enough for a task to outweigh its cost.
const PUBLISHING_SLICE: usize = 2_000;

fn check_with(
    loaded: Loaded,
    today: impl FnOnce(Tz) -> NaiveDate,
    exists: &(dyn Fn(&str) -> bool + Sync),
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
    diagnostics.extend(rules(&calendar, &sources, today, exists));
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

/// Every rule on the resolved calendar, families in parallel; the findings
/// in the order the families are listed.
fn rules(
    calendar: &Calendar,
    sources: &Sources,
    today: NaiveDate,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    // The fixed pairs, sorted once for the four rules that read them.
    let fixed = &calendar.fixed();
    // In the order the rules ran in on one thread, which the sort keeps for
    // findings that compare equal.
    let mut families: Vec<Family<'_>> = vec![
        Box::new(|out| crate::rules::check_approvals(calendar, out)),
        Box::new(|out| crate::rules::check_seals(calendar, out)),
        Box::new(|out| crate::rules::check_frozen(calendar, fixed, out)),
        Box::new(move |out| crate::rules::check_approval_due(calendar, today, out)),
        Box::new(move |out| crate::rules::check_consents(calendar, today, out)),
        Box::new(|out| crate::rules::check_timing(calendar, out)),
        Box::new(|out| crate::rules::check_capacity(calendar, fixed, out)),
        Box::new(|out| crate::rules::check_media(calendar, exists, out)),
    ];
    families.extend(
        calendar
            .posts
            .chunks(PUBLISHING_SLICE)
            .map(|posts| -> Family<'_> {
                Box::new(move |out| {
                    crate::rules::check_publishing_posts(calendar, sources, posts, out);
                })
            }),
    );
    let last: [Family<'_>; 3] = [
        Box::new(|out| crate::rules::check_closed_days(calendar, fixed, out)),
        Box::new(move |out| crate::rules::check_cadence(calendar, fixed, today, out)),
        Box::new(move |out| crate::rules::check_campaigns(calendar, today, out)),
    ];
    families.extend(last);
    let found: Vec<Vec<Diagnostic>> = families
        .into_par_iter()
        .map(|family| {
            let mut out = Vec::new();
            family(&mut out);
            out
        })
        .collect();
    found.into_iter().flatten().collect()
}
