//! ISO weeks as `plan week` names them: `2026-W41`, a date in the week, or
//! `this`, `next`, `last` relative to today.
//!
//! Parsing happens in two steps so that a malformed argument is a usage error
//! before the calendar is even looked for: [`WeekArg::parse`] reads the
//! words, [`WeekArg::resolve`] turns them into a [`Week`] once "today" (a
//! date in the calendar's zone) is known.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// One ISO 8601 week: Monday to Sunday, numbered within its ISO year (which
/// differs from the calendar year around 1 January).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    monday: NaiveDate,
}

impl Week {
    /// The week that holds `date`.
    pub fn of(date: NaiveDate) -> Week {
        let back = date.weekday().num_days_from_monday();
        Week {
            monday: date - Days::new(back.into()),
        }
    }

    /// Week `week` of ISO year `year`, if the year has it (52 or 53 weeks).
    pub fn iso(year: i32, week: u32) -> Option<Week> {
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|monday| Week { monday })
    }

    pub fn monday(self) -> NaiveDate {
        self.monday
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday + Days::new(6)
    }

    /// The seven days, Monday first.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.monday.iter_days().take(7)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.monday..=self.sunday()).contains(&date)
    }

    /// Whether the days `from..=to` (`to = None`: no end) meet this week.
    pub fn meets(self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        from <= self.sunday() && to.is_none_or(|to| to >= self.monday)
    }

    pub fn next(self) -> Week {
        Week {
            monday: self.monday + Days::new(7),
        }
    }

    pub fn previous(self) -> Week {
        Week {
            monday: self.monday - Days::new(7),
        }
    }
}

/// `2026-W41`: the ISO year, not the calendar year (2027-01-01 is in 2026-W53).
impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iso = self.monday.iso_week();
        write!(f, "{}-W{:02}", iso.year(), iso.week())
    }
}

/// The `WEEK` argument before "today" is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekArg {
    Week(Week),
    This,
    Next,
    Last,
}

impl WeekArg {
    /// Reads `2026-W41` (also `2026-w41`, `2026-W1`), `2026-10-07`, `this`,
    /// `next` or `last`. The error says what would be valid.
    pub fn parse(s: &str) -> Result<WeekArg, String> {
        let s = s.trim();
        match s {
            "this" => return Ok(WeekArg::This),
            "next" => return Ok(WeekArg::Next),
            "last" => return Ok(WeekArg::Last),
            _ => {}
        }
        if let Some((year, week)) = s.split_once(['W', 'w']) {
            let year = year.strip_suffix('-').unwrap_or(year);
            let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
            };
            if digits(year, 4..=4) && digits(week, 1..=2) {
                let (year, week): (i32, u32) =
                    (year.parse().unwrap_or(0), week.parse().unwrap_or(0));
                return Week::iso(year, week).map(WeekArg::Week).ok_or_else(|| {
                    let last = Week::of(NaiveDate::from_ymd_opt(year, 12, 28).unwrap_or_default())
                        .monday()
                        .iso_week()
                        .week();
                    format!("ISO year {year} has weeks 1 to {last}, not week {week}")
                });
            }
        }
        if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(WeekArg::Week(Week::of(date)));
        }
        if let Some(iso) = crate::raw::iso_date(s) {
            return Err(format!(
                "invalid week `{s}`: write dates as {iso} (year-month-day), or the ISO week (`2026-W41`)"
            ));
        }
        Err(format!(
            "invalid week `{s}`: expected an ISO week (`2026-W41`), a date in it (`2026-10-07`), `this`, `next` or `last`"
        ))
    }

    /// The week meant, `today` being the date in the calendar's zone.
    pub fn resolve(self, today: NaiveDate) -> Week {
        match self {
            WeekArg::Week(week) => week,
            WeekArg::This => Week::of(today),
            WeekArg::Next => Week::of(today).next(),
            WeekArg::Last => Week::of(today).previous(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn week(s: &str) -> Week {
        match WeekArg::parse(s).unwrap() {
            WeekArg::Week(w) => w,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn iso_weeks_parse_to_their_monday() {
        assert_eq!(week("2026-W41").monday(), date("2026-10-05"));
        assert_eq!(week("2026-W41").sunday(), date("2026-10-11"));
        assert_eq!(week("2026-w41"), week("2026-W41"));
        assert_eq!(week("2026W41"), week("2026-W41"));
        assert_eq!(week("2026-W1").monday(), date("2025-12-29"));
        assert_eq!(week("2026-W01").to_string(), "2026-W01");
    }

    #[test]
    fn week_53_exists_only_in_long_years() {
        // 2026 starts on a Thursday: 53 ISO weeks, the last one running into 2027.
        let w53 = week("2026-W53");
        assert_eq!(w53.monday(), date("2026-12-28"));
        assert_eq!(w53.sunday(), date("2027-01-03"));
        assert_eq!(
            WeekArg::parse("2027-W53").unwrap_err(),
            "ISO year 2027 has weeks 1 to 52, not week 53"
        );
        assert!(WeekArg::parse("2026-W54").is_err());
        assert!(WeekArg::parse("2026-W00").is_err());
        // 2020 (leap year starting on a Wednesday) has 53 weeks too.
        assert_eq!(week("2020-W53").monday(), date("2020-12-28"));
    }

    #[test]
    fn dates_name_their_iso_week_across_year_ends() {
        assert_eq!(week("2027-01-01").to_string(), "2026-W53");
        assert_eq!(week("2027-01-04").to_string(), "2027-W01");
        assert_eq!(week("2024-12-30").to_string(), "2025-W01");
        assert_eq!(week("2026-10-11").to_string(), "2026-W41");
        assert_eq!(week("2026-10-12").to_string(), "2026-W42");
    }

    #[test]
    fn relative_weeks_follow_today() {
        let today = date("2027-01-01"); // a Friday in 2026-W53
        assert_eq!(WeekArg::This.resolve(today).to_string(), "2026-W53");
        assert_eq!(WeekArg::Next.resolve(today).to_string(), "2027-W01");
        assert_eq!(WeekArg::Last.resolve(today).to_string(), "2026-W52");
        assert_eq!(WeekArg::parse("next").unwrap(), WeekArg::Next);
    }

    #[test]
    fn nonsense_is_refused() {
        for s in [
            "",
            "W41",
            "2026-W4a",
            "26-W41",
            "2026-13-01",
            "tomorrow",
            "2026-W041",
        ] {
            assert!(WeekArg::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn windows_meet_weeks_at_both_ends() {
        let w = week("2026-W41");
        assert!(w.meets(date("2026-10-11"), None));
        assert!(w.meets(date("2026-09-01"), Some(date("2026-10-05"))));
        assert!(!w.meets(date("2026-09-01"), Some(date("2026-10-04"))));
        assert!(!w.meets(date("2026-10-12"), None));
    }
}
