//! The editorial-line balance of the coming weeks: for each theme with a
//! `share`, the share of planned posts on it against its target.
//!
//! What counts, and why:
//!
//! - **The horizon** is [`WEEKS`] ISO weeks: today's week and the three
//!   after it. Whole weeks, so that the balance does not jump from one
//!   morning to the next as a partial week shrinks, and today's week counts
//!   whole (what went out on Monday is part of this week's line).
//! - **A planned post** is a post that is not cancelled, whatever its status
//!   (an idea pinned to a day is part of the plan the lead is shaping), with
//!   a time in the horizon on at least one of its channels, or, for a
//!   channel without a time, an `on`, `between` or campaign window that
//!   meets the horizon. A post counts once however many channels it goes
//!   out on: the editorial line is about subjects, not about accounts. A
//!   repeating post counts once per occurrence in the horizon.
//! - **Weights**: a post weighs 1, split evenly among those of its themes
//!   that have a `share` (the editorial line); themes without a share, such
//!   as the medical specialties that only route posts to a physician, take
//!   nothing. A post on no theme with a share still counts in the total.
//!   So the shares add up to at most 100 %, as the targets do, and a post on
//!   `prevention` and `urologie` is a whole prevention post.
//! - **Marks**: a theme is under (over) its target when its planned weight is
//!   more than half a post under (over) `target × planned posts`, i.e. when
//!   one post more (less) on it would bring it closer to the target.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Calendar, Post, Status, Timing};

use super::Week;

/// How many ISO weeks the balance looks at, today's included.
pub const WEEKS: u32 = 4;

#[derive(Debug, Clone)]
pub struct Balance {
    /// The horizon's weeks, today's first.
    pub weeks: Vec<Week>,
    /// Planned posts in the horizon (occurrences of a repeating post each).
    pub posts: usize,
    /// Biggest target first, then by theme id.
    pub themes: Vec<ThemeBalance>,
}

impl Balance {
    pub fn from(&self) -> NaiveDate {
        self.weeks.first().map_or(NaiveDate::MIN, |w| w.monday())
    }

    pub fn to(&self) -> NaiveDate {
        self.weeks.last().map_or(NaiveDate::MIN, |w| w.sunday())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeBalance {
    pub theme: String,
    pub label: String,
    /// The theme's `share`, 0 to 1.
    pub target: f64,
    /// The weight of planned posts on the theme (see the module's doc).
    pub planned: f64,
    /// `planned / posts`; `None` when nothing is planned.
    pub share: Option<f64>,
    /// `None` when nothing is planned.
    pub mark: Option<Mark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Under,
    Ok,
    Over,
}

impl Mark {
    pub fn code(self) -> &'static str {
        match self {
            Mark::Under => "under",
            Mark::Ok => "ok",
            Mark::Over => "over",
        }
    }
}

/// The balance of the [`WEEKS`] weeks from today's, counting only what the
/// `channels` publish (all channels when empty).
pub fn balance(calendar: &Calendar, today: NaiveDate, channels: &[String]) -> Balance {
    let mut weeks = vec![Week::of(today)];
    while weeks.len() < WEEKS as usize {
        let next = weeks[weeks.len() - 1].next();
        weeks.push(next);
    }
    let (from, to) = (weeks[0].monday(), weeks[weeks.len() - 1].sunday());
    let units = planned(calendar, from, to, channels);
    let themes: Vec<(&str, &str, f64)> = calendar
        .themes
        .values()
        .filter_map(|t| t.share.map(|s| (t.id.as_str(), t.label.as_str(), s)))
        .collect();
    let post_themes: Vec<&[String]> = units.values().map(|p| p.themes.as_slice()).collect();
    Balance {
        weeks,
        posts: units.len(),
        themes: tally(&themes, &post_themes),
    }
}

/// The planned posts between `from` and `to`, keyed by post id and
/// occurrence day (for a repeating post), so each counts once.
fn planned<'a>(
    calendar: &'a Calendar,
    from: NaiveDate,
    to: NaiveDate,
    channels: &[String],
) -> BTreeMap<(&'a str, Option<NaiveDate>), &'a Post> {
    let keep = |id: &str| channels.is_empty() || channels.iter().any(|c| c == id);
    let mut units = BTreeMap::new();
    for pair in calendar.fixed() {
        let day = pair.time.local.date();
        if keep(pair.channel) && (from..=to).contains(&day) {
            units.insert((pair.post.id.value.as_str(), pair.occurrence), pair.post);
        }
    }
    for post in calendar
        .posts
        .iter()
        .filter(|p| p.status.value != Status::Cancelled)
    {
        let windowed = !matches!(post.timing, Timing::Open)
            || post
                .campaign
                .as_ref()
                .is_some_and(|c| calendar.campaigns.contains_key(c));
        if !windowed {
            continue;
        }
        let meets = post
            .channel_ids()
            .filter(|c| keep(c) && post.at(c).is_none())
            .any(|c| {
                let (start, end) = post.window(c, calendar, from);
                start <= to && end.is_none_or(|end| end >= from)
            });
        if meets {
            units.insert((post.id.value.as_str(), None), post);
        }
    }
    units
}

/// The arithmetic: `themes` are (id, label, target) of the themes with a
/// share; `posts` holds the themes of each planned post.
pub fn tally(themes: &[(&str, &str, f64)], posts: &[&[String]]) -> Vec<ThemeBalance> {
    let mut weight: BTreeMap<&str, f64> = BTreeMap::new();
    for post in posts {
        let on_line: Vec<&String> = post
            .iter()
            .filter(|t| themes.iter().any(|(id, _, _)| id == t))
            .collect();
        for t in &on_line {
            // Lossless: a post has a handful of themes.
            #[allow(clippy::cast_precision_loss)]
            let share = 1.0 / on_line.len() as f64;
            *weight.entry(t.as_str()).or_default() += share;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let n = posts.len() as f64;
    let mut out: Vec<ThemeBalance> = themes
        .iter()
        .map(|&(id, label, target)| {
            let planned = round(weight.get(id).copied().unwrap_or(0.0), 2);
            let (share, mark) = if posts.is_empty() {
                (None, None)
            } else {
                let expected = target * n;
                // Half a post of slack; the epsilon absorbs 1/3 + 1/3 + 1/3.
                let mark = if planned < expected - 0.5 - 1e-9 {
                    Mark::Under
                } else if planned > expected + 0.5 + 1e-9 {
                    Mark::Over
                } else {
                    Mark::Ok
                };
                (Some(round(planned / n, 4)), Some(mark))
            };
            ThemeBalance {
                theme: id.to_owned(),
                label: label.to_owned(),
                target,
                planned,
                share,
                mark,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.target
            .total_cmp(&a.target)
            .then_with(|| a.theme.cmp(&b.theme))
    });
    out
}

/// Rounded to `digits` decimals, so the same files give the same JSON.
fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

#[cfg(test)]
// Values are rounded to fixed decimals: exact equality is what is tested.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn themes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    const LINE: [(&str, &str, f64); 3] = [
        ("info", "Infos", 0.25),
        ("prevention", "Prévention", 0.5),
        ("rse", "RSE", 0.1),
    ];

    fn get<'a>(out: &'a [ThemeBalance], id: &str) -> &'a ThemeBalance {
        out.iter().find(|t| t.theme == id).unwrap()
    }

    #[test]
    fn a_post_is_split_among_its_themes_on_the_line_only() {
        let posts = [
            themes(&["prevention"]),
            themes(&["prevention", "info"]),
            themes(&["prevention", "urologie"]),
            themes(&["urologie"]),
        ];
        let refs: Vec<&[String]> = posts.iter().map(Vec::as_slice).collect();
        let out = tally(&LINE, &refs);
        // 1 + 0.5 + 1 (urologie has no share, so takes nothing).
        assert_eq!(get(&out, "prevention").planned, 2.5);
        assert_eq!(get(&out, "prevention").share, Some(0.625));
        assert_eq!(get(&out, "info").planned, 0.5);
        assert_eq!(get(&out, "info").share, Some(0.125));
        assert_eq!(get(&out, "rse").planned, 0.0);
        // The post on `urologie` alone counts in the total, on no theme.
        let total: f64 = out.iter().filter_map(|t| t.share).sum();
        assert!((total - 0.75).abs() < 1e-9);
    }

    #[test]
    fn marks_allow_half_a_post_either_way() {
        // 4 posts: prevention expects 2, info 1, rse 0.4.
        let posts = [
            themes(&["prevention"]),
            themes(&["prevention"]),
            themes(&["prevention"]),
            themes(&["rse"]),
        ];
        let refs: Vec<&[String]> = posts.iter().map(Vec::as_slice).collect();
        let out = tally(&LINE, &refs);
        assert_eq!(get(&out, "prevention").mark, Some(Mark::Over)); // 3 > 2.5
        assert_eq!(get(&out, "info").mark, Some(Mark::Under)); // 0 < 0.5
        assert_eq!(get(&out, "rse").mark, Some(Mark::Over)); // 1 > 0.9
        // Exactly half a post away is still on target.
        let posts = [themes(&["prevention", "info"]), themes(&["rse"])];
        let refs: Vec<&[String]> = posts.iter().map(Vec::as_slice).collect();
        let out = tally(&LINE, &refs);
        assert_eq!(get(&out, "prevention").mark, Some(Mark::Ok)); // 0.5 vs 1
        assert_eq!(get(&out, "info").mark, Some(Mark::Ok)); // 0.5 vs 0.5
    }

    #[test]
    fn thirds_add_up_exactly() {
        let line = [("a", "A", 0.3), ("b", "B", 0.3), ("c", "C", 0.3)];
        let posts = vec![themes(&["a", "b", "c"]); 3];
        let refs: Vec<&[String]> = posts.iter().map(Vec::as_slice).collect();
        let out = tally(&line, &refs);
        for t in &out {
            assert_eq!(t.planned, 1.0);
            assert_eq!(t.share, Some(0.3333));
            assert_eq!(t.mark, Some(Mark::Ok));
        }
    }

    #[test]
    fn nothing_planned_has_no_share_and_no_mark_and_order_is_by_target() {
        let out = tally(&LINE, &[]);
        let ids: Vec<&str> = out.iter().map(|t| t.theme.as_str()).collect();
        assert_eq!(ids, ["prevention", "info", "rse"]);
        assert!(out.iter().all(|t| t.share.is_none() && t.mark.is_none()));
    }
}
