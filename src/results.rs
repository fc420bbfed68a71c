//! Results: what the networks say each published pair did, kept in the
//! calendar as `results/<channel>.csv`, and the reports made from them.
//!
//! The pipeline reads from the module names: [`format`] describes each
//! network's per-post analytics export (its headers, their aliases, its
//! dates and their zone), [`read`] turns one such file into rows of figures
//! (it treats the file as hostile: size, rows and columns are capped before
//! anything is kept; [`sheet`] opens ZIP archives and spreadsheets),
//! [`matching`] finds the calendar pair each row is
//! about, or says why it cannot, [`import`] ties these together for
//! `edcal results import`, [`store`] reads, merges and writes the
//! normalised `results/` files (and checks them for `edcal check`), and
//! [`report`] sums the latest snapshot of each pair into the KPIs of
//! `edcal report`. Nothing here reads the clock; only [`read`] and
//! [`store`] touch the file system.

use std::fmt;

pub mod format;
pub mod html;
pub mod import;
pub mod matching;
pub mod read;
pub mod report;
pub mod sheet;
pub mod store;

/// One figure a network gives about a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    Impressions,
    Reach,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    VideoViews,
    Engagements,
}

impl Metric {
    /// Every metric, in the order of the columns of `results/<channel>.csv`.
    pub const ALL: [Metric; 9] = [
        Metric::Impressions,
        Metric::Reach,
        Metric::Likes,
        Metric::Comments,
        Metric::Shares,
        Metric::Saves,
        Metric::Clicks,
        Metric::VideoViews,
        Metric::Engagements,
    ];

    /// The column name in `results/<channel>.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Impressions => "impressions",
            Metric::Reach => "reach",
            Metric::Likes => "likes",
            Metric::Comments => "comments",
            Metric::Shares => "shares",
            Metric::Saves => "saves",
            Metric::Clicks => "clicks",
            Metric::VideoViews => "video_views",
            Metric::Engagements => "engagements",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The figures of one post on one channel; `None` where the network gives
/// no figure (never read as zero).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Metrics([Option<u64>; 9]);

impl Metrics {
    pub fn get(&self, metric: Metric) -> Option<u64> {
        self.0[metric.index()]
    }

    pub fn set(&mut self, metric: Metric, value: Option<u64>) {
        self.0[metric.index()] = value;
    }

    /// Whether the network gave no figure at all.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    /// The engagements of the pair: the network's own total where it gives
    /// one, else the sum of the likes, comments, shares and saves it gives
    /// (`None` when it gives none of them). Clicks are left out of the sum:
    /// not every network counts them, and a sum that mixes them in for one
    /// network only would not compare across channels.
    pub fn engagements(&self) -> Option<u64> {
        self.get(Metric::Engagements).or_else(|| {
            let parts = [
                Metric::Likes,
                Metric::Comments,
                Metric::Shares,
                Metric::Saves,
            ];
            parts
                .iter()
                .filter_map(|m| self.get(*m))
                .fold(None, |sum: Option<u64>, n| {
                    Some(sum.unwrap_or(0).saturating_add(n))
                })
        })
    }

    /// What an engagement rate divides by: the reach where the network
    /// gives it, else the impressions.
    pub fn audience(&self) -> Option<u64> {
        self.get(Metric::Reach).or(self.get(Metric::Impressions))
    }
}
