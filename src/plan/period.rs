//! The days a plan covers: an ISO week (`plan week`), a calendar month
//! (`plan month 2027-03`) or any range of dates (`plan range FROM TO`).
//!
//! As with weeks, parsing happens before the calendar is looked for, so that
//! a malformed argument or an absurd range is a usage error (exit 2) that
//! says what would be valid: [`MonthArg::parse`] reads the words,
//! [`MonthArg::resolve`] turns them into a [`Period`] once "today" is known;
//! [`Period::range`] refuses a range that ends before it starts or that is
//! longer than [`MAX_DAYS`].

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

use super::Week;

/// The longest range a plan covers: a year, leap day included. A longer one
/// is almost always a typo in a year (`2026-03-01 2027-03-31`), and its plan
/// would be too long to read; `export csv` and `export ics` cover any span.
pub const MAX_DAYS: i64 = 366;

/// Days `from..=to` of a plan; `week` when they are exactly one ISO week
/// asked as such (`plan week`), which the human formats title differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub week: Option<Week>,
    /// `Some((year, month))` when the period is a calendar month.
    pub month: Option<(i32, u32)>,
}

impl Period {
    /// One ISO week, Monday to Sunday.
    pub fn week(week: Week) -> Period {
        Period {
            from: week.monday(),
            to: week.sunday(),
            week: Some(week),
            month: None,
        }
    }

    /// A calendar month, `None` for a month that does not exist.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        let to = from.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(Period {
            from,
            to,
            week: None,
            month: Some((year, month)),
        })
    }

    /// Days `from..=to`; the error says why they are not a plan's range.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, String> {
        if to < from {
            return Err(format!(
                "the range ends on `{to}`, before it starts on `{from}`: give FROM then TO, FROM on or before TO"
            ));
        }
        let days = (to - from).num_days() + 1;
        if days > MAX_DAYS {
            return Err(format!(
                "the range `{from}` to `{to}` has {days} days; a plan covers at most {MAX_DAYS} days: plan the months one by one (`edcal plan month YYYY-MM`) or export the whole span (`edcal export csv --from {from} --to {to}`)"
            ));
        }
        Ok(Period {
            from,
            to,
            week: None,
            month: None,
        })
    }

    /// The days, first to last.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.from.iter_days().take_while(move |d| *d <= self.to)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }

    /// Whether the days `from..=to` (`to = None`: no end) meet the period.
    pub fn meets(self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        from <= self.to && to.is_none_or(|to| to >= self.from)
    }

    /// The ISO weeks the period covers, each clipped to it, in order: the
    /// sections of a month or range in the human formats. A clipped week is
    /// a [`Period`] with `week: None`; a whole one keeps its `week`.
    pub fn weeks(self) -> Vec<Period> {
        let mut out = Vec::new();
        let mut week = Week::of(self.from);
        while week.monday() <= self.to {
            let from = week.monday().max(self.from);
            let to = week.sunday().min(self.to);
            let whole = from == week.monday() && to == week.sunday();
            out.push(Period {
                from,
                to,
                week: whole.then_some(week),
                month: None,
            });
            week = week.next();
        }
        out
    }
}

/// `2026-W41`, `2027-03` or `2027-03-06..2027-03-13`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.week, self.month) {
            (Some(week), _) => write!(f, "{week}"),
            (None, Some((year, month))) => write!(f, "{year}-{month:02}"),
            (None, None) => write!(f, "{}..{}", self.from, self.to),
        }
    }
}

/// The `MONTH` argument before "today" is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthArg {
    Month(i32, u32),
    This,
    Next,
    Last,
}

impl MonthArg {
    /// Reads `2027-03`, `this`, `next` or `last`. The error says what would
    /// be valid.
    pub fn parse(s: &str) -> Result<MonthArg, String> {
        let s = s.trim();
        match s {
            "this" => return Ok(MonthArg::This),
            "next" => return Ok(MonthArg::Next),
            "last" => return Ok(MonthArg::Last),
            _ => {}
        }
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        if let Some((year, month)) = s.split_once('-')
            && digits(year, 4)
            && (1..=2).contains(&month.len())
            && digits(month, month.len())
        {
            let (year, month): (i32, u32) = (year.parse().unwrap_or(0), month.parse().unwrap_or(0));
            if (1..=12).contains(&month) && Period::month(year, month).is_some() {
                return Ok(MonthArg::Month(year, month));
            }
            return Err(format!("months are numbered 01 to 12, not `{month}`"));
        }
        Err(format!(
            "invalid month `{s}`: expected a year and a month (`2027-03`), `this`, `next` or `last`"
        ))
    }

    /// The month meant, `today` being the date in the calendar's zone.
    pub fn resolve(self, today: NaiveDate) -> Period {
        let first = today.with_day(1).unwrap_or(today);
        let month = |d: NaiveDate| {
            Period::month(d.year(), d.month()).expect("the month of a valid date exists")
        };
        match self {
            MonthArg::Month(year, m) => Period::month(year, m).expect("checked when parsed"),
            MonthArg::This => month(first),
            MonthArg::Next => month(first.checked_add_months(Months::new(1)).unwrap_or(first)),
            MonthArg::Last => month(first.checked_sub_months(Months::new(1)).unwrap_or(first)),
        }
    }
}

/// Reads a `FROM` or `TO` date of `plan range`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("invalid date `{s}`: expected a date such as `2027-03-06`"))
}

#[cfg(test)]
mod tests {
    use chrono::Days;

    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_run_from_the_first_to_the_last_day() {
        let feb = Period::month(2028, 2).unwrap();
        assert_eq!((feb.from, feb.to), (date("2028-02-01"), date("2028-02-29")));
        assert_eq!(feb.days().count(), 29);
        assert_eq!(feb.to_string(), "2028-02");
        let dec = Period::month(2026, 12).unwrap();
        assert_eq!(dec.to, date("2026-12-31"));
        assert!(Period::month(2026, 13).is_none());
    }

    #[test]
    fn month_arguments_parse_or_say_what_is_valid() {
        assert_eq!(
            MonthArg::parse("2027-03").unwrap(),
            MonthArg::Month(2027, 3)
        );
        assert_eq!(MonthArg::parse("2027-3").unwrap(), MonthArg::Month(2027, 3));
        assert_eq!(
            MonthArg::parse("2027-13").unwrap_err(),
            "months are numbered 01 to 12, not `13`"
        );
        for s in ["", "03-2027", "2027", "2027-03-01", "mars", "2027-W10"] {
            assert!(MonthArg::parse(s).is_err(), "{s}");
        }
        let today = date("2026-12-15");
        assert_eq!(MonthArg::This.resolve(today).to_string(), "2026-12");
        assert_eq!(MonthArg::Next.resolve(today).to_string(), "2027-01");
        assert_eq!(MonthArg::Last.resolve(today).to_string(), "2026-11");
    }

    #[test]
    fn ranges_are_inclusive_and_at_most_a_year() {
        let one = Period::range(date("2027-03-06"), date("2027-03-06")).unwrap();
        assert_eq!(one.days().count(), 1);
        let leap_year = Period::range(date("2028-01-01"), date("2028-12-31")).unwrap();
        assert_eq!(leap_year.days().count(), 366);
        let err = Period::range(date("2026-03-01"), date("2027-03-31")).unwrap_err();
        assert!(
            err.contains("has 396 days; a plan covers at most 366 days"),
            "{err}"
        );
        let err = Period::range(date("2027-03-13"), date("2027-03-06")).unwrap_err();
        assert!(
            err.starts_with("the range ends on `2027-03-06`, before"),
            "{err}"
        );
    }

    #[test]
    fn a_period_splits_into_its_iso_weeks_clipped() {
        // March 2027 starts on a Monday and ends on a Wednesday.
        let march = Period::month(2027, 3).unwrap();
        let weeks = march.weeks();
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0].week.unwrap().to_string(), "2027-W09");
        assert_eq!(weeks[4].week, None);
        assert_eq!(
            (weeks[4].from, weeks[4].to),
            (march.to - Days::new(2), march.to)
        );
        let days: usize = weeks.iter().map(|w| w.days().count()).sum();
        assert_eq!(days, 31);
        // A range from a Friday to the next Saturday: two clipped weeks.
        let r = Period::range(date("2027-03-05"), date("2027-03-13")).unwrap();
        let weeks = r.weeks();
        assert_eq!(weeks.len(), 2);
        assert_eq!(
            (weeks[0].from, weeks[0].to),
            (date("2027-03-05"), date("2027-03-07"))
        );
    }
}
