//! `schedule --prefer results`: each channel's weekly slots ranked by how
//! past posts did there.
//!
//! A slot's figure is the median engagement rate (the report's definition:
//! engagements ÷ reach, else ÷ impressions, see [`crate::results::report`])
//! of the posts published on that channel at that weekday and hour, each
//! (post, channel) counted once, by its latest snapshot. A post counts for
//! the slot of its weekday at or before its local time, less than an hour
//! before (a post at 12:40 counts for a 12:30 slot). A median needs
//! [`MIN_POSTS`] posts: below that a slot keeps the slot order.
//!
//! The solver's cost of a slot is then `tier × slots + rank`: measured slots
//! by median (best first), then the slots without enough posts, each tier
//! in time order. The cost only chooses among placements of the most pairs,
//! so the number placed does not change.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveTime, Timelike};

use crate::model::{Calendar, Slot};
use crate::results::store::Snapshot;

/// Posts a slot needs before its median counts: fewer is noise (one viral
/// post would decide the slot for months).
pub const MIN_POSTS: usize = 5;

/// What the results say about one weekly slot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// Posts with a rate at that slot.
    pub posts: usize,
    /// Their median rate, when there are at least [`MIN_POSTS`].
    pub median: Option<f64>,
    /// 0 for the best measured slot; every slot without a median shares
    /// the tier after the measured ones.
    pub tier: usize,
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.median {
            Some(m) => write!(f, "median rate {:.2}% over {} posts", m * 100.0, self.posts),
            None => write!(
                f,
                "not enough posts, {} of {MIN_POSTS}: slot order",
                self.posts
            ),
        }
    }
}

/// Per channel, per weekly slot, its figure.
#[derive(Debug, Clone, Default)]
pub struct Preference {
    /// Slots by (days from Monday, time).
    channels: BTreeMap<String, BTreeMap<(u32, NaiveTime), Figure>>,
}

impl Preference {
    /// The figures of every channel's slots from the stored results.
    pub fn from_results(calendar: &Calendar, rows: &[Snapshot]) -> Preference {
        let tz = calendar.settings.tz;
        let mut rates: BTreeMap<(&str, (u32, NaiveTime)), Vec<f64>> = BTreeMap::new();
        for row in crate::results::report::latest(rows).into_values() {
            let Some(channel) = calendar.channels.get(&row.channel) else {
                continue;
            };
            let Ok(at) = DateTime::parse_from_rfc3339(&row.published_at) else {
                continue; // a day alone: no hour
            };
            let local = at.with_timezone(&tz).naive_local();
            let (Some(e), Some(a)) = (row.metrics.engagements(), row.metrics.audience()) else {
                continue;
            };
            if a == 0 {
                continue;
            }
            let minute = |t: chrono::NaiveTime| i64::from(t.num_seconds_from_midnight() / 60);
            let now = minute(local.time());
            let slot = channel
                .slots
                .iter()
                .filter(|s| s.weekday == local.weekday())
                .filter(|s| (0..60).contains(&(now - minute(s.time))))
                .max_by_key(|s| s.time);
            if let Some(slot) = slot {
                rates
                    .entry((channel.id.as_str(), key(*slot)))
                    .or_default()
                    .push(e as f64 / a as f64);
            }
        }
        let mut out = Preference::default();
        for channel in calendar.channels.values() {
            let mut slots = channel.slots.clone();
            slots.sort_by_key(|s| (s.weekday.num_days_from_monday(), s.time));
            slots.dedup();
            let mut figures: Vec<((u32, NaiveTime), Figure)> = slots
                .into_iter()
                .map(|slot| {
                    let mut r = rates
                        .remove(&(channel.id.as_str(), key(slot)))
                        .unwrap_or_default();
                    let posts = r.len();
                    let median = (posts >= MIN_POSTS).then(|| median(&mut r));
                    (
                        key(slot),
                        Figure {
                            posts,
                            median,
                            tier: 0,
                        },
                    )
                })
                .collect();
            let mut measured: Vec<usize> = (0..figures.len())
                .filter(|i| figures[*i].1.median.is_some())
                .collect();
            // Best median first; a tie keeps the slot order (stable sort).
            measured.sort_by(|a, b| {
                let m = |i: &usize| figures[*i].1.median.unwrap_or(0.0);
                m(b).total_cmp(&m(a))
            });
            let unmeasured = measured.len();
            for f in &mut figures {
                f.1.tier = unmeasured;
            }
            for (tier, i) in measured.into_iter().enumerate() {
                figures[i].1.tier = tier;
            }
            out.channels
                .insert(channel.id.clone(), figures.into_iter().collect());
        }
        out
    }

    /// The figure of `channel`'s slot at that weekday and time.
    pub fn figure(&self, channel: &str, slot: Slot) -> Option<Figure> {
        self.channels.get(channel)?.get(&key(slot)).copied()
    }
}

fn key(slot: Slot) -> (u32, NaiveTime) {
    (slot.weekday.num_days_from_monday(), slot.time)
}

/// The median of `values` (the mean of the two middle ones for an even
/// count); `values` is sorted in place. Not empty.
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        f64::midpoint(values[n / 2 - 1], values[n / 2])
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert!((median(&mut [0.4, 0.1, 0.3, 0.2]) - 0.25).abs() < 1e-12);
        assert!((median(&mut [0.5, 0.1, 0.3]) - 0.3).abs() < 1e-12);
    }
}
