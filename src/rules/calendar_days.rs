//! `on-closed-day`: a fixed post on a day the team does not publish, a
//! French public holiday (when `calendar.holidays = "FR"`) or a blackout day.
//!
//! The day is the post's local date in the calendar's zone. Cancelled posts
//! are not reported. A post whose one `at` serves several channels is
//! reported once, at that `at`.

use std::collections::BTreeSet;

use crate::closed::{Closed, closed_on};
use crate::diagnostic::Diagnostic;
use crate::model::Calendar;
use crate::occurrence::Fixed;
use crate::rules::Code;

/// `fixed` is [`Calendar::fixed`], computed once for the rules that need it.
pub fn check(calendar: &Calendar, fixed: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for pair in fixed {
        // One `at` serves every channel of the post: report it once (per
        // occurrence of a repeating post).
        if !seen.insert((pair.span.source, pair.span.start, pair.occurrence)) {
            continue;
        }
        let date = pair.time.local.date();
        let Some(closed) = closed_on(calendar, date) else {
            continue;
        };
        let why = match &closed {
            Closed::Holiday(h) => format!("a public holiday ({})", h.name_fr),
            Closed::Blackout(b) => format!("a blackout day ({})", b.name),
        };
        out.push(
            Diagnostic::new(
                Code::OnClosedDay,
                pair.span,
                format!("`{}` goes out on {date}, {why}", pair.id()),
            )
            .label("a closed day")
            .help("move the post to another day, or remove its time and let `edcal schedule` place it")
            .post(&pair.post.id.value),
        );
    }
}
