//! Local wall-clock times in the calendar's zone, and the daylight-saving
//! traps they hide.
//!
//! Every time in the files is local (the file format). A local time maps to zero
//! instants (the spring-forward gap), one, or two (the fall-back fold); only
//! the middle case is a time edcal can publish at.

use chrono::{LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::model::LocalTime;

/// Why a local time names no single instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trap {
    /// In the spring-forward gap: never happens.
    Gap,
    /// In the fall-back fold: happens twice.
    Fold,
}

/// Resolves a local time in `tz`.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> Result<LocalTime, Trap> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(instant) => Ok(LocalTime { local, instant }),
        LocalResult::None => Err(Trap::Gap),
        LocalResult::Ambiguous(_, _) => Err(Trap::Fold),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn paris_spring_forward_gap_is_2027_03_28_from_2_to_3() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(resolve(paris, at(2027, 3, 28, 2, 0)), Err(Trap::Gap));
        assert_eq!(resolve(paris, at(2027, 3, 28, 2, 59)), Err(Trap::Gap));
        assert!(resolve(paris, at(2027, 3, 28, 1, 59)).is_ok());
        let three = resolve(paris, at(2027, 3, 28, 3, 0)).unwrap();
        assert_eq!(three.instant.to_rfc3339(), "2027-03-28T03:00:00+02:00");
    }

    #[test]
    fn paris_fall_back_fold_is_2026_10_25_from_2_to_3() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(resolve(paris, at(2026, 10, 25, 2, 0)), Err(Trap::Fold));
        assert_eq!(resolve(paris, at(2026, 10, 25, 2, 30)), Err(Trap::Fold));
        let one = resolve(paris, at(2026, 10, 25, 1, 59)).unwrap();
        assert_eq!(one.instant.to_rfc3339(), "2026-10-25T01:59:00+02:00");
        let three = resolve(paris, at(2026, 10, 25, 3, 0)).unwrap();
        assert_eq!(three.instant.to_rfc3339(), "2026-10-25T03:00:00+01:00");
    }

    #[test]
    fn other_days_are_single() {
        let paris = chrono_tz::Europe::Paris;
        let noon = resolve(paris, at(2026, 10, 5, 12, 30)).unwrap();
        assert_eq!(noon.instant.to_rfc3339(), "2026-10-05T12:30:00+02:00");
    }
}
