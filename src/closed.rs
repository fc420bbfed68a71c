//! When nothing goes out: closed days (public holidays when
//! `calendar.holidays = "FR"`, and `[[rules.blackout]]` days) and crisis
//! freezes (`[[rules.freeze]]`, which hold every post not on an allowed theme).
//!
//! Pure facts about the checked calendar, shared by repetition (`on_closed`)
//! and `schedule`; deciding what a finding or a refusal says is left to them.

use chrono::{NaiveDate, NaiveDateTime};

use crate::days::Holiday;
use crate::model::{Calendar, Freeze, HolidayRegion, Period, Post};

/// Why nothing is published on a day.
#[derive(Debug, Clone, Copy)]
pub enum Closed<'a> {
    Holiday(Holiday),
    Blackout(&'a Period),
}

/// Why nothing is published on `date`, if so. A holiday wins over a blackout
/// covering the same day.
pub fn closed_on(calendar: &Calendar, date: NaiveDate) -> Option<Closed<'_>> {
    if calendar.settings.holidays == HolidayRegion::Fr
        && let Some(holiday) = crate::days::holiday_on(date)
    {
        return Some(Closed::Holiday(holiday));
    }
    calendar
        .rules
        .blackouts
        .iter()
        .find(|b| (b.from..=b.to).contains(&date))
        .map(Closed::Blackout)
}

/// The freeze that holds `post` at local time `local`, if any: a window that
/// contains the time (its `to` excluded) and none of whose `allow_themes` is
/// one of the post's themes (a post without themes is held by every freeze).
pub fn freeze_at<'a>(
    calendar: &'a Calendar,
    post: &Post,
    local: NaiveDateTime,
) -> Option<&'a Freeze> {
    calendar.rules.freezes.iter().find(|f| {
        (f.from..f.to).contains(&local) && !post.themes.iter().any(|t| f.allow_themes.contains(t))
    })
}
