//! Repeating posts: the occurrences `<post>@<YYYY-MM-DD>` a `repeat` makes of
//! one fixed (post, channel) time.
//!
//! This module owns the expansion and nothing else: it reads the checked
//! model, never the files or the clock. [`Calendar::fixed`] lists every
//! occurrence as a fixed pair, so capacity rules, plans, exports and
//! `schedule` count them like any fixed post.
//!
//! The rules follow RFC 5545 (iCalendar `RRULE`) and
//! remind's `OMIT … SKIP/BEFORE/AFTER`:
//!
//! - **Nominal dates** are the first `at`'s date plus `k × interval` days,
//!   weeks, months or years, `k = 0, 1, …`. A monthly repetition from the 31st
//!   (or the 29th–30th) skips the months without that day, and a yearly one
//!   from 29 February skips the years without it, as RFC 5545 does for
//!   invalid dates; skipped months do not count towards `count`.
//! - **`until`** keeps the nominal dates up to that day, included.
//!   **`count`** keeps the first `count` nominal dates.
//! - **`except`** removes nominal dates. Like RFC 5545's `EXDATE`, an excepted
//!   date still counts towards `count` (`count = 4` with one exception gives 3).
//! - **`on_closed`** applies to a nominal date on a closed day (a public
//!   holiday when `calendar.holidays = "FR"`, or a blackout day): `skip` drops
//!   it (it still counts towards `count`), `before` moves it to the nearest
//!   open day before, `after` to the nearest open day after. A moved
//!   occurrence that lands on a day that already has one is dropped: one
//!   occurrence per day, so that ids stay unique. Moves may cross `until`.
//! - **Ids** carry the date the occurrence goes out (after a move).
//! - **Time**: every occurrence keeps the first `at`'s local wall-clock time,
//!   whatever the daylight-saving offset. A time in the spring-forward gap
//!   is read with the offset before the gap (02:30 becomes 03:30 summer time);
//!   a time in the fall-back fold is the first of the two (RFC 5545 section 3.3.5).
//! - **`[[post.occurrence]]`** with `skip = true` removes that date's
//!   occurrence (after `on_closed`, as its id says); one with its own
//!   `text`, `link` or `media` is composed by `publish`.
//! - At most [`MAX_OCCURRENCES`] per pair, so that `until = 9999-12-31` with
//!   `every = "day"` stays a calendar rather than a hang.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeDelta, TimeZone};
use chrono_tz::Tz;

use std::ops::RangeInclusive;

use crate::model::{Calendar, Every, LocalTime, OnClosed, Post, Repeat, RepeatEnd, Status};
use crate::source::Span;
use crate::zone::{self, Trap};

/// A (post, channel) pair at a fixed time, or one occurrence of a repeating
/// pair.
#[derive(Debug, Clone)]
pub struct Fixed<'a> {
    pub post: &'a Post,
    pub channel: &'a str,
    pub time: LocalTime,
    /// Where the time is written (the post's or the variant's `at`; for an
    /// occurrence, the first time it repeats).
    pub span: Span,
    /// For a repeating post, the day of this occurrence: the pair is then
    /// `<post>@<YYYY-MM-DD>` (see `occurrence`).
    pub occurrence: Option<NaiveDate>,
    /// The post's status, copied: the rules that scan every pair of a
    /// 100,000-post archive skip the published ones without reaching into
    /// each post.
    pub status: Status,
}

impl Fixed<'_> {
    /// `post`, or `post@YYYY-MM-DD` for an occurrence.
    pub fn id(&self) -> String {
        match self.occurrence {
            Some(date) => id(&self.post.id.value, date),
            None => self.post.id.value.clone(),
        }
    }
}

impl Calendar {
    /// Every fixed pair of every post that is not cancelled, a repeating
    /// post's occurrences included, sorted by channel, then time, then id.
    pub fn fixed(&self) -> Vec<Fixed<'_>> {
        self.fixed_where(|_| true)
    }

    /// The fixed pairs on the local days `days`, sorted as
    /// [`fixed`](Self::fixed): a week's plan sorts its week, not ten years
    /// of archive.
    pub fn fixed_within(&self, days: RangeInclusive<NaiveDate>) -> Vec<Fixed<'_>> {
        self.fixed_where(|time| days.contains(&time.local.date()))
    }

    /// The fixed pairs of `post` on `channel` whose time `keep` keeps: one,
    /// or one per occurrence of a repeating post, in the order of the
    /// occurrences; none when the pair has no time.
    pub fn pairs_of<'a>(
        &'a self,
        post: &'a Post,
        channel: &'a str,
        keep: impl Fn(&LocalTime) -> bool,
        mut each: impl FnMut(Fixed<'a>),
    ) {
        let Some(at) = post.at(channel) else { return };
        let Some(repeat) = &post.repeat else {
            if keep(&at.value) {
                each(Fixed {
                    post,
                    channel,
                    time: at.value,
                    span: at.span,
                    occurrence: None,
                    status: post.status.value,
                });
            }
            return;
        };
        for o in crate::occurrence::expand(self, repeat, at.value) {
            // `[[post.occurrence]] skip = true`: not published at all.
            if !keep(&o.time) || post.skips(Some(o.date)) {
                continue;
            }
            each(Fixed {
                post,
                channel,
                time: o.time,
                span: at.span,
                occurrence: Some(o.date),
                status: post.status.value,
            });
        }
    }

    fn fixed_where<'a>(&'a self, keep: impl Fn(&LocalTime) -> bool) -> Vec<Fixed<'a>> {
        // Sorting compares each channel's rank among the channel ids (an
        // integer) before any string: with 100,000 posts, comparing channel
        // ids and post ids as strings took most of the sort.
        // Ranks follow the ids' byte order (an id missing from `channels`,
        // only possible in a hand-built calendar, ranks between its
        // neighbours), so the order is the same.
        let ids: Vec<&str> = self.channels.keys().map(String::as_str).collect();
        let rank = |channel: &str| match ids.binary_search(&channel) {
            Ok(i) => 2 * i + 1,
            Err(i) => 2 * i,
        };
        let mut fixed: Vec<Fixed<'_>> = Vec::with_capacity(self.posts.len() * 2);
        // What the order is decided on, mostly without reaching the pair:
        // its channel's rank, its instant, its index in `fixed`.
        let mut order: Vec<(usize, i64, usize)> = Vec::with_capacity(self.posts.len() * 2);
        let mut push = |pair: Fixed<'a>| {
            order.push((
                rank(pair.channel),
                pair.time.instant.timestamp(),
                fixed.len(),
            ));
            fixed.push(pair);
        };
        for post in self
            .posts
            .iter()
            .filter(|p| p.status.value != Status::Cancelled)
        {
            for channel in post.channel_ids() {
                self.pairs_of(post, channel, &keep, &mut push);
            }
        }
        // No two pairs compare equal (a post names a channel once, and its
        // occurrences have distinct days), so an unstable sort gives the one
        // order, without the stable sort's buffer.
        order.sort_unstable_by(|&(ra, ta, ia), &(rb, tb, ib)| {
            let (a, b) = (&fixed[ia], &fixed[ib]);
            ra.cmp(&rb)
                .then_with(|| {
                    // Two ids missing from `channels` may share a rank.
                    if ra % 2 == 0 {
                        a.channel.cmp(b.channel)
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .then_with(|| ta.cmp(&tb))
                .then_with(|| a.time.instant.cmp(&b.time.instant))
                .then_with(|| {
                    (&a.post.id.value, a.occurrence).cmp(&(&b.post.id.value, b.occurrence))
                })
        });
        order
            .into_iter()
            .map(|(_, _, i)| fixed[i].clone())
            .collect()
    }
}

/// The most occurrences one pair expands to (27 years of a daily post).
pub const MAX_OCCURRENCES: usize = 10_000;

/// How far `before`/`after` look for an open day.
const MAX_MOVE_DAYS: u32 = 366;

/// One occurrence of a repeating pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The day it goes out (a closed day moved by `on_closed`).
    pub date: NaiveDate,
    /// The date the rule made, before `on_closed` moved it.
    pub nominal: NaiveDate,
    pub time: LocalTime,
}

/// The id of an occurrence: `<post>@<YYYY-MM-DD>`.
pub fn id(post: &str, date: NaiveDate) -> String {
    format!("{post}@{}", date.format("%Y-%m-%d"))
}

/// Every occurrence of a repetition whose first time is `first`, by date.
pub fn expand(calendar: &Calendar, repeat: &Repeat, first: LocalTime) -> Vec<Occurrence> {
    let tz = calendar.settings.tz;
    let time = first.local.time();
    let mut out: Vec<Occurrence> = Vec::new();
    for nominal in nominal_dates(repeat, first.local.date()) {
        if repeat.except.contains(&nominal) {
            continue;
        }
        let date = if crate::closed::closed_on(calendar, nominal).is_some() {
            match repeat.on_closed {
                OnClosed::Skip => None,
                OnClosed::Before => open_day(calendar, nominal, false),
                OnClosed::After => open_day(calendar, nominal, true),
            }
        } else {
            Some(nominal)
        };
        let Some(date) = date else { continue };
        out.push(Occurrence {
            date,
            nominal,
            time: wall_clock(tz, date.and_time(time)),
        });
    }
    // Stable: on a day reached twice, the occurrence made first stays.
    out.sort_by_key(|o| o.date);
    out.dedup_by_key(|o| o.date);
    out
}

/// The nominal dates, in order, `until`/`count` applied.
fn nominal_dates(repeat: &Repeat, first: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let wanted = match repeat.end {
        RepeatEnd::Count(n) => (n as usize).min(MAX_OCCURRENCES),
        RepeatEnd::Until(_) => MAX_OCCURRENCES,
    };
    let until = match repeat.end {
        RepeatEnd::Until(until) => until,
        RepeatEnd::Count(_) => NaiveDate::MAX,
    };
    let interval = u64::from(repeat.interval);
    // Skipped months and years are bounded too: 31st of the month skips at
    // most 5 months in 12, 29 February 3 years in 4 (and 7 around 2100).
    for k in 0..(MAX_OCCURRENCES as u64 * 8) {
        if dates.len() >= wanted {
            break;
        }
        let Some(step) = k.checked_mul(interval) else {
            break;
        };
        let date = match repeat.every {
            Every::Day => first.checked_add_days(Days::new(step)),
            Every::Week => step
                .checked_mul(7)
                .and_then(|d| first.checked_add_days(Days::new(d))),
            Every::Month => same_day(first, step),
            Every::Year => step.checked_mul(12).and_then(|m| same_day(first, m)),
        };
        let Some(date) = date else {
            if matches!(repeat.every, Every::Month | Every::Year) && first.year() < 262_000 {
                continue; // a month without that day
            }
            break;
        };
        if date > until {
            break;
        }
        dates.push(date);
    }
    dates
}

/// `first`'s day of the month, `months` later; `None` when that month does
/// not have the day (chrono's `checked_add_months` would clamp it instead).
fn same_day(first: NaiveDate, months: u64) -> Option<NaiveDate> {
    let months = u32::try_from(months).ok()?;
    let month_start = first.with_day(1)?.checked_add_months(Months::new(months))?;
    month_start.with_day(first.day())
}

/// The nearest open day strictly after (or before) `date`.
fn open_day(calendar: &Calendar, date: NaiveDate, after: bool) -> Option<NaiveDate> {
    let mut day = date;
    for _ in 0..MAX_MOVE_DAYS {
        day = if after {
            day.succ_opt()?
        } else {
            day.pred_opt()?
        };
        if crate::closed::closed_on(calendar, day).is_none() {
            return Some(day);
        }
    }
    None
}

/// A wall-clock time as it goes out: itself when it exists once, the first
/// of the two in a fold, shifted by the gap's length in a gap.
pub fn wall_clock(tz: Tz, local: NaiveDateTime) -> LocalTime {
    match zone::resolve(tz, local) {
        Ok(time) => time,
        Err(Trap::Fold) => {
            let instant = tz
                .from_local_datetime(&local)
                .earliest()
                .expect("a fold has two instants");
            LocalTime { local, instant }
        }
        Err(Trap::Gap) => {
            // The offset in force before the gap; a day earlier is safely
            // before it (zones change offset at most once a day).
            let before = local - TimeDelta::days(1);
            let offset =
                tz.from_local_datetime(&before)
                    .earliest()
                    .map_or(TimeDelta::zero(), |t| {
                        TimeDelta::seconds(i64::from(
                            chrono::Offset::fix(t.offset()).local_minus_utc(),
                        ))
                    });
            let instant = tz.from_utc_datetime(&(local - offset));
            LocalTime {
                local: instant.naive_local(),
                instant,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RepeatEnd;
    use crate::source::Span;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn calendar(blackouts: &[(&str, &str)]) -> Calendar {
        use std::fmt::Write;
        let mut text = String::from("[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\n");
        for (from, to) in blackouts {
            writeln!(
                text,
                "[[rules.blackout]]\nfrom = {from}\nto = {to}\nwhy = \"Fêtes\""
            )
            .unwrap();
        }
        let checked = crate::testing::checked(&[("edcal.toml", &text)], "2026-10-01");
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        checked.calendar
    }

    fn repeat(every: Every, interval: u32, end: RepeatEnd) -> Repeat {
        Repeat {
            every,
            interval,
            end,
            except: vec![],
            on_closed: OnClosed::Skip,
            span: dummy_span(),
        }
    }

    fn dummy_span() -> Span {
        let id = crate::source::Sources::default().add("t.toml".into(), String::new());
        Span::new(id, 0..0)
    }

    fn first(s: &str) -> LocalTime {
        zone::resolve(chrono_tz::Europe::Paris, s.parse().unwrap()).unwrap()
    }

    fn dates(occ: &[Occurrence]) -> Vec<String> {
        occ.iter().map(|o| o.date.to_string()).collect()
    }

    #[test]
    fn weekly_keeps_the_wall_clock_time_across_the_autumn_change() {
        let c = calendar(&[]);
        let r = repeat(Every::Week, 1, RepeatEnd::Count(3));
        let occ = expand(&c, &r, first("2026-10-16T09:00:00"));
        let at: Vec<String> = occ.iter().map(|o| o.time.instant.to_rfc3339()).collect();
        assert_eq!(
            at,
            [
                "2026-10-16T09:00:00+02:00",
                "2026-10-23T09:00:00+02:00",
                "2026-10-30T09:00:00+01:00"
            ]
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_goes_out_after_it_and_a_fold_takes_the_first() {
        let c = calendar(&[]);
        let r = repeat(Every::Week, 1, RepeatEnd::Count(2));
        // Sundays 21 and 28 March 2027; 28 March 02:30 does not exist in Paris.
        let occ = expand(&c, &r, first("2027-03-21T02:30:00"));
        assert_eq!(
            occ[1].time.instant.to_rfc3339(),
            "2027-03-28T03:30:00+02:00"
        );
        assert_eq!(occ[1].time.local.to_string(), "2027-03-28 03:30:00");
        // Sunday 25 October 2026 02:30 happens twice: the summer-time one.
        let occ = expand(&c, &r, first("2026-10-18T02:30:00"));
        assert_eq!(
            occ[1].time.instant.to_rfc3339(),
            "2026-10-25T02:30:00+02:00"
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months_without_counting_them() {
        let c = calendar(&[]);
        let r = repeat(Every::Month, 1, RepeatEnd::Count(4));
        // 31 January 2027 is a Sunday, not a holiday.
        let occ = expand(&c, &r, first("2027-01-31T10:00:00"));
        assert_eq!(
            dates(&occ),
            ["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31"]
        );
        let yearly = repeat(Every::Year, 1, RepeatEnd::Until(d("2033-01-01")));
        let occ = expand(&c, &yearly, first("2028-02-29T10:00:00"));
        assert_eq!(dates(&occ), ["2028-02-29", "2032-02-29"]);
    }

    #[test]
    fn until_is_included_and_count_counts_exceptions() {
        let c = calendar(&[]);
        let mut r = repeat(Every::Day, 2, RepeatEnd::Until(d("2026-10-09")));
        let occ = expand(&c, &r, first("2026-10-05T10:00:00"));
        assert_eq!(dates(&occ), ["2026-10-05", "2026-10-07", "2026-10-09"]);
        r.end = RepeatEnd::Count(3);
        r.except = vec![d("2026-10-07")];
        let occ = expand(&c, &r, first("2026-10-05T10:00:00"));
        assert_eq!(dates(&occ), ["2026-10-05", "2026-10-09"]);
    }

    #[test]
    fn on_closed_moves_around_a_holiday_and_a_blackout() {
        // Fridays from 4 December 2026: the 25th is Christmas (a holiday) and
        // inside the blackout 24–26 December.
        let c = calendar(&[("2026-12-24", "2026-12-26")]);
        let mut r = repeat(Every::Week, 1, RepeatEnd::Count(5));
        let start = first("2026-12-04T09:00:00");
        assert_eq!(
            dates(&expand(&c, &r, start)),
            ["2026-12-04", "2026-12-11", "2026-12-18", "2027-01-01"]
                .iter()
                .filter(|d| **d != "2027-01-01")
                .copied()
                .collect::<Vec<_>>()
        );
        r.on_closed = OnClosed::Before;
        assert_eq!(
            dates(&expand(&c, &r, start)),
            [
                "2026-12-04",
                "2026-12-11",
                "2026-12-18",
                "2026-12-23",
                "2026-12-31"
            ]
        );
        r.on_closed = OnClosed::After;
        // 1 January 2027 (5th Friday) is a holiday too: it moves to the 2nd.
        r.end = RepeatEnd::Count(6);
        assert_eq!(
            dates(&expand(&c, &r, start)),
            [
                "2026-12-04",
                "2026-12-11",
                "2026-12-18",
                "2026-12-27",
                "2027-01-02",
                "2027-01-08"
            ]
        );
        let occ = expand(&c, &r, start);
        assert_eq!(occ[3].nominal, d("2026-12-25"));
        assert_eq!(id("veille", occ[3].date), "veille@2026-12-27");
    }

    #[test]
    fn a_moved_occurrence_landing_on_another_is_dropped() {
        // Daily over Christmas with the blackout: 24–26 all move to the 27th.
        let c = calendar(&[("2026-12-24", "2026-12-26")]);
        let mut r = repeat(Every::Day, 1, RepeatEnd::Until(d("2026-12-28")));
        r.on_closed = OnClosed::After;
        assert_eq!(
            dates(&expand(&c, &r, first("2026-12-22T09:00:00"))),
            ["2026-12-22", "2026-12-23", "2026-12-27", "2026-12-28"]
        );
    }

    #[test]
    fn an_endless_daily_repetition_is_capped() {
        let c = calendar(&[]);
        let r = repeat(Every::Day, 1, RepeatEnd::Until(NaiveDate::MAX));
        let start = first("2026-10-05T10:00:00");
        assert_eq!(nominal_dates(&r, start.local.date()).len(), MAX_OCCURRENCES);
        assert!(expand(&c, &r, start).len() <= MAX_OCCURRENCES);
    }

    #[test]
    fn a_skipped_date_leaves_every_pair_and_own_dates_are_sorted() {
        let checked = crate::testing::checked(
            &[
                (
                    "edcal.toml",
                    "[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\nholidays = \"none\"\n",
                ),
                ("channels.toml", "[facebook]\nnetwork = \"facebook\"\n"),
                (
                    "posts/p.toml",
                    "[[post]]\nid = \"p\"\ntitle = \"P\"\nchannels = [\"facebook\"]\n\
                     status = \"draft\"\nat = 2026-12-04T12:00:00\nrepeat = { every = \"week\", count = 4 }\n\
                     text = \"Conseil.\"\n\
                     [[post.occurrence]]\non = 2026-12-25\nskip = true\n\
                     [[post.occurrence]]\non = 2026-12-11\ntext = \"Grippe.\"\n",
                ),
            ],
            "2026-10-01",
        );
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let ids: Vec<String> = checked.calendar.fixed().iter().map(Fixed::id).collect();
        assert_eq!(ids, ["p@2026-12-04", "p@2026-12-11", "p@2026-12-18"]);
        let post = &checked.calendar.posts[0];
        let own: Vec<String> = post.occurrences.iter().map(|o| o.on.to_string()).collect();
        assert_eq!(own, ["2026-12-11", "2026-12-25"]);
        assert!(post.skips(Some(d("2026-12-25"))));
        assert!(!post.skips(Some(d("2026-12-11"))));
        assert!(!post.skips(None));
    }

    #[test]
    fn an_own_date_is_one_of_the_dates_after_on_closed_moves() {
        // Christmas moves to the 28th (a Monday): the own date is the 28th.
        let text = |on: &str| {
            format!(
                "[[post]]\nid = \"p\"\ntitle = \"P\"\nchannels = [\"facebook\"]\n\
                 status = \"draft\"\nat = 2026-12-18T12:00:00\n\
                 repeat = {{ every = \"week\", count = 2, on_closed = \"after\" }}\n\
                 [[post.occurrence]]\non = {on}\ntext = \"Noël.\"\n"
            )
        };
        let edcal = "[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\nholidays = \"FR\"\n";
        let check = |on: &str| {
            crate::testing::checked(
                &[
                    ("edcal.toml", edcal),
                    ("channels.toml", "[facebook]\nnetwork = \"facebook\"\n"),
                    ("posts/p.toml", &text(on)),
                ],
                "2026-10-01",
            )
        };
        let moved = check("2026-12-26");
        assert!(moved.diagnostics.is_empty(), "{:?}", moved.diagnostics);
        let nominal = check("2026-12-25");
        let messages: Vec<&str> = nominal
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, ["`2026-12-25` is not an occurrence of `p`"]);
        assert_eq!(
            nominal.diagnostics[0].help.as_deref(),
            Some("the nearest occurrences are `2026-12-18` and `2026-12-26`")
        );
    }
}
