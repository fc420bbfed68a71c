//! The whole check of a calendar: run every rule on the loaded model, apply
//! `[rules] allow`, sort.
//!
//! Every command that reads a calendar goes through here, so `plan`,
//! `schedule` and the exports see the same findings `check` prints, and
//! errors block them the same way.
//!
//! The rules run in parallel (rayon), each family into its own list. The
//! rules that read one post at a time (publishing: readability and claims
//! on every text, the costliest; `date-mismatch`; the hashes
//! `duplicate-text` compares) share slices of posts, so each post is reached
//! once while it is in the cache; `duplicate-text` then compares each
//! channel's texts in time order. The lists are joined and sorted: the sort
//! orders findings completely (file, position, code, message), so they are
//! the same, in the same order, as on one thread. This, the loader and the
//! printing of `check`'s findings are the only places that use threads.

use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;

use rayon::prelude::*;

use crate::blocked::Blocked;
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
    /// What the errors block (see `blocked`).
    pub blocked: Blocked,
}

/// A [`Checked`] that a command holds until it is done. Dropping it frees
/// the calendar, or, when it was made to be [kept until the
/// exit](Held::until_exit), leaves the memory to the end of the process.
///
/// The binary's commands exit right after they are done with a calendar,
/// and the system then takes the memory back at once, while freeing
/// 100,000 posts piece by piece took 45 ms on one thread at the end of
/// every command: clang's `-disable-free`, for the same reason.
#[derive(Debug)]
pub struct Held {
    /// Always `Some` but in `drop`.
    checked: Option<Checked>,
    free: bool,
}

impl Held {
    pub fn new(checked: Checked) -> Held {
        Held {
            checked: Some(checked),
            free: true,
        }
    }

    /// A check that is never freed: for a process that exits when done.
    pub fn until_exit(checked: Checked) -> Held {
        Held {
            checked: Some(checked),
            free: false,
        }
    }
}

impl std::ops::Deref for Held {
    type Target = Checked;

    fn deref(&self) -> &Checked {
        self.checked.as_ref().expect("a check is held until drop")
    }
}

impl std::ops::DerefMut for Held {
    fn deref_mut(&mut self) -> &mut Checked {
        self.checked.as_mut().expect("a check is held until drop")
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if !self.free {
            std::mem::forget(self.checked.take());
        }
    }
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
        mut calendar,
        mut diagnostics,
    } = loaded;
    calendar.media_sha256 = content.map(|c| crate::seal::media_hashes(&calendar, c));
    let today = today(calendar.settings.tz);
    diagnostics.extend(rules(&calendar, &sources, today, exists));
    diagnostics.retain(|d| !calendar.rules.allow.contains(&d.code));
    diagnostic::sort(&mut diagnostics, &sources);
    let blocked = Blocked::of(&diagnostics, &sources, &calendar);
    Checked {
        root,
        sources,
        calendar,
        diagnostics,
        today,
        blocked,
    }
}

/// Every rule on the resolved calendar, families in parallel. The order of
/// the findings does not matter: `check` sorts them.
fn rules<'a>(
    calendar: &'a Calendar,
    sources: &'a Sources,
    today: NaiveDate,
    exists: &'a (dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    let families: Vec<Family<'_>> = vec![
        Box::new(|out| crate::rules::check_approvals(calendar, out)),
        Box::new(|out| crate::rules::check_seals(calendar, out)),
        Box::new(move |out| crate::rules::check_approval_due(calendar, today, out)),
        Box::new(move |out| crate::rules::check_consents(calendar, today, out)),
        Box::new(|out| crate::rules::check_timing(calendar, out)),
        Box::new(|out| crate::rules::check_media(calendar, exists, out)),
        Box::new(move |out| crate::rules::check_campaigns(calendar, today, out)),
        Box::new(|out| crate::rules::check_control_characters(calendar, sources, out)),
        Box::new(|out| crate::rules::check_media_uploadable(calendar, out)),
    ];
    // The posts in slices: the publishing rules and `date-mismatch`, and
    // the hashes `duplicate-text` compares, while each post is at hand.
    let slices = |posts: &'a [Box<crate::model::Post>]| {
        let mut out = Vec::new();
        let mut keys = Vec::new();
        crate::rules::check_publishing_posts(calendar, sources, posts, &mut out);
        crate::rules::check_date_mismatch(calendar, posts, &mut out);
        crate::rules::duplicate_keys(posts, &mut keys);
        (out, keys)
    };
    // The fixed pairs, sorted once for the rules that read them, are
    // computed on one thread while the other starts on the families above.
    let ((mut found, (sliced, keys)), (with_fixed, fixed)) = rayon::join(
        || {
            rayon::join(
                || run(families),
                || -> (Vec<Diagnostic>, crate::rules::DuplicateKeys<'a>) {
                    let (found, keys): (Vec<_>, Vec<_>) = calendar
                        .posts
                        .par_chunks(PUBLISHING_SLICE)
                        .map(slices)
                        .unzip();
                    let found = found.into_iter().flatten().collect();
                    let mut all = crate::rules::DuplicateKeys::with_capacity_and_hasher(
                        keys.iter().map(Vec::len).sum(),
                        rustc_hash::FxBuildHasher,
                    );
                    all.extend(keys.into_iter().flatten());
                    (found, all)
                },
            )
        },
        || {
            let fixed = calendar.fixed();
            let pairs = &fixed;
            let found = run(vec![
                Box::new(|out| crate::rules::check_frozen(calendar, pairs, out)),
                Box::new(|out| crate::rules::check_capacity(calendar, pairs, out)),
                Box::new(|out| crate::rules::check_closed_days(calendar, pairs, out)),
                Box::new(move |out| crate::rules::check_cadence(calendar, pairs, today, out)),
            ]);
            (found, fixed)
        },
    );
    // Texts compared within each channel, a task per channel, once every
    // hash is known.
    let keys = &keys;
    let families: Vec<Family<'_>> = fixed
        .chunk_by(|a, b| a.channel == b.channel)
        .map(|channel| -> Family<'_> {
            Box::new(move |out| crate::rules::check_duplicate_text(calendar, channel, keys, out))
        })
        .collect();
    found.extend(run(families));
    found.extend(sliced);
    found.extend(with_fixed);
    found
}

/// Runs families in parallel; their findings in one list.
fn run(families: Vec<Family<'_>>) -> Vec<Diagnostic> {
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
