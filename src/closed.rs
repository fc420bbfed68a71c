//! When nothing goes out: closed days (public holidays when
//! `calendar.holidays = "FR"`, and `[[rules.blackout]]` days) and crisis
//! freezes (`[[rules.freeze]]`, which hold every post not entirely on allowed
//! themes).
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

/// The freeze that holds `post` at local time `local`, if any (the first in
/// file order): see [`holds`]. The one definition of "frozen", used by the
/// `frozen` rule, `plan`, `schedule` and the exports.
pub fn freeze_at<'a>(
    calendar: &'a Calendar,
    post: &Post,
    local: NaiveDateTime,
) -> Option<&'a Freeze> {
    calendar
        .rules
        .freezes
        .iter()
        .find(|f| holds(f, post, local))
}

/// Whether `freeze` holds `post` at local time `local`: the window contains
/// the time (its `to` excluded) and the post is not entirely on allowed
/// themes. In a crisis, silence is the safe side: a post goes out only when
/// *every* one of its themes is in `allow_themes`, so a campaign post that
/// also touches an allowed theme is held, and a post without themes is held
/// by every freeze.
pub fn holds(freeze: &Freeze, post: &Post, local: NaiveDateTime) -> bool {
    let allowed =
        !post.themes.is_empty() && post.themes.iter().all(|t| freeze.allow_themes.contains(t));
    (freeze.from..freeze.to).contains(&local) && !allowed
}
