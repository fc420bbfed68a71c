//! `below-cadence`: a channel's ISO weeks with fewer fixed posts than its
//! `posts_per_week.min`, in one finding per channel that lists the weeks as
//! runs (`2026-W50–2027-W03, 2027-W05`): a new calendar is under its
//! minimum most weeks, and one line per week drowned every other finding.
//!
//! Only the weeks that are still ahead are looked at: from today's week to
//! the week of the channel's last fixed post. Earlier weeks are history, and
//! weeks after the last planned post are not planned yet (warning about every
//! week of an open future would drown the rest). A channel with no fixed post
//! from today's week on gets no warning. Counted: fixed pairs of posts that
//! are not cancelled, whatever their status, in local weeks of the calendar's
//! zone; today's week counts its days already past.
//!
//! Empty weeks are filled in up to [`HORIZON_WEEKS`] ahead only: one post
//! dated 9161 would otherwise add a warning for each of 370,000 weeks
//! (found by fuzzing). A week further out that has posts is still
//! checked.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use crate::diagnostic::Diagnostic;
use crate::model::Calendar;
use crate::occurrence::Fixed;
use crate::rules::Code;

/// An ISO week, by its Monday (`plan::Week` is above rules in the pipeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Week(NaiveDate);

impl Week {
    fn of(date: NaiveDate) -> Week {
        Week(date - Days::new(date.weekday().num_days_from_monday().into()))
    }

    fn next(self) -> Week {
        Week(self.0 + Days::new(7))
    }
}

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let iso = self.0.iso_week();
        write!(f, "{}-W{:02}", iso.year(), iso.week())
    }
}

/// `fixed` is [`Calendar::fixed`], computed once for the rules that need it.
pub fn check(
    calendar: &Calendar,
    fixed: &[Fixed<'_>],
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    for channel in calendar.channels.values() {
        let Some(min) = channel.posts_per_week.min else {
            continue;
        };
        let weeks = counts(
            fixed
                .iter()
                .filter(|f| f.channel == channel.id)
                .map(|f| f.time.local.date()),
            today,
        );
        let span = channel
            .spans
            .per_week_min
            .or(channel.spans.per_week)
            .unwrap_or(channel.span);
        let under: Vec<Week> = weeks
            .into_iter()
            .filter(|&(_, count)| count < min as usize)
            .map(|(week, _)| week)
            .collect();
        let Some(first) = under.first() else {
            continue;
        };
        let n = under.len();
        out.push(
            Diagnostic::new(
                Code::BelowCadence,
                span,
                format!(
                    "`{}` is under `posts_per_week.min = {min}` in {n} week{}: {}",
                    channel.id,
                    if n == 1 { "" } else { "s" },
                    ranges(&under)
                ),
            )
            .label("the weekly minimum")
            .help(format!(
                "plan more posts in {} (`edcal plan week {first}` shows {}), or lower the minimum",
                if n == 1 { "that week" } else { "those weeks" },
                if n == 1 { "it" } else { "the first" }
            ))
            .channel(&channel.id),
        );
    }
}

/// Weeks in order as runs of consecutive weeks: `2026-W50–2027-W03, 2027-W05`.
fn ranges(weeks: &[Week]) -> String {
    let mut runs: Vec<(Week, Week)> = Vec::new();
    for &week in weeks {
        match runs.last_mut() {
            Some((_, last)) if last.next() == week => *last = week,
            _ => runs.push((week, week)),
        }
    }
    runs.iter()
        .map(|(from, to)| {
            if from == to {
                from.to_string()
            } else {
                format!("{from}–{to}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How far ahead empty weeks are warned about: two years.
const HORIZON_WEEKS: u64 = 104;

/// Posts per week, for every week from today's to the last post's (empty when
/// no post is in today's week or later), empty weeks only within
/// [`HORIZON_WEEKS`].
fn counts(days: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> BTreeMap<Week, usize> {
    let first = Week::of(today);
    let mut weeks: BTreeMap<Week, usize> = BTreeMap::new();
    for day in days {
        let week = Week::of(day);
        if week >= first {
            *weeks.entry(week).or_default() += 1;
        }
    }
    if let Some(&last) = weeks.keys().next_back() {
        let horizon = Week(first.0 + Days::new(7 * HORIZON_WEEKS));
        let mut week = first;
        while week < last.min(horizon) {
            weeks.entry(week).or_default();
            week = week.next();
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn counted(days: &[&str], today: &str) -> Vec<(String, usize)> {
        counts(days.iter().map(|d| date(d)), date(today))
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect()
    }

    /// Regression (found by fuzzing): a post dated 9161 made 370,000
    /// warnings per channel.
    #[test]
    fn empty_weeks_stop_at_the_horizon() {
        let got = counted(&["2026-10-05", "9161-03-11"], "2026-10-07");
        assert_eq!(got.len(), HORIZON_WEEKS as usize + 1);
        assert_eq!(got[0], ("2026-W41".to_owned(), 1));
        assert_eq!(got[got.len() - 2].1, 0);
        assert_eq!(got[got.len() - 1], ("9161-W10".to_owned(), 1));
    }

    #[test]
    fn weeks_run_from_today_to_the_last_post_with_gaps_as_zero() {
        // Today is Wednesday 7 October; Monday's post still counts for W41.
        let got = counted(
            &["2026-10-05", "2026-10-08", "2026-10-26", "2026-09-30"],
            "2026-10-07",
        );
        assert_eq!(
            got,
            [
                ("2026-W41".to_owned(), 2),
                ("2026-W42".to_owned(), 0),
                ("2026-W43".to_owned(), 0),
                ("2026-W44".to_owned(), 1),
            ]
        );
    }

    #[test]
    fn consecutive_weeks_read_as_runs() {
        let weeks: Vec<Week> = [
            "2026-12-07",
            "2026-12-14",
            "2026-12-21",
            "2026-12-28",
            "2027-01-04",
            "2027-01-11",
            "2027-01-25",
            "2027-02-08",
            "2027-02-15",
        ]
        .iter()
        .map(|d| Week::of(date(d)))
        .collect();
        assert_eq!(
            ranges(&weeks),
            "2026-W50–2027-W02, 2027-W04, 2027-W06–2027-W07"
        );
        assert_eq!(ranges(&weeks[..1]), "2026-W50");
        assert_eq!(ranges(&[]), "");
    }

    #[test]
    fn nothing_ahead_means_nothing_to_count() {
        assert!(counted(&["2026-09-30"], "2026-10-07").is_empty());
        assert!(counted(&[], "2026-10-07").is_empty());
    }

    #[test]
    fn weeks_cross_the_year_end_by_iso_numbering() {
        let got = counted(&["2027-01-01", "2027-01-04"], "2026-12-30");
        assert_eq!(
            got,
            [("2026-W53".to_owned(), 1), ("2027-W01".to_owned(), 1)]
        );
    }
}
