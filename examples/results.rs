//! Writes fictional figures for the example calendar's published posts of
//! October and November 2026 into `calendar/results/<channel>.csv`, so that
//! `edcal report --campaign octobre-rose-2026` shows a real report.
//!
//! ```text
//! cargo run --example results [-- CALENDAR_DIR]
//! ```
//!
//! The figures are made up, and say so: every row's `source` is
//! `fictional`, and no row has a link. They are derived from the post and
//! channel ids only (a hash, no clock, no random source), so the same
//! calendar always gives the same bytes. Each pair gets a snapshot
//! collected on 2026-11-30; the October pairs also get an earlier one on
//! 2026-10-31 with smaller figures, as a monthly export would have given.
//! Each network gets the figures its own export gives (no reach on X,
//! LinkedIn, YouTube or TikTok, saves only where the network counts them);
//! Scoop.it gives no per-post export, so its pairs get none.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use edcal::results::store::{self, Snapshot};
use edcal::results::{Metric, Metrics, matching};
use social_text::network::Network;

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "calendar".into()));
    let calendar = edcal::load::load(&root)?.calendar;
    let from = NaiveDate::from_ymd_opt(2026, 10, 1).expect("a date");
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
    let october_end = NaiveDate::from_ymd_opt(2026, 10, 31).expect("a date");
    let channels: Vec<&str> = calendar.channels.keys().map(String::as_str).collect();
    let mut files: BTreeMap<String, Vec<Snapshot>> = BTreeMap::new();
    for pair in matching::published_pairs(&calendar, &channels) {
        let Some(day) = pair.day else { continue };
        if day < from || day > to {
            continue;
        }
        let network = calendar.channels[&pair.channel].network;
        let campaign = calendar
            .posts
            .iter()
            .find(|p| pair.post.split('@').next() == Some(p.id.value.as_str()))
            .and_then(|p| p.campaign.clone());
        let Some(full) = figures(network, &pair.post, &pair.channel, campaign.is_some()) else {
            continue;
        };
        let mut snapshots = vec![(to, full)];
        if day <= october_end {
            snapshots.push((october_end, scaled(&full, 0.8)));
        }
        for (collected_on, metrics) in snapshots {
            files
                .entry(pair.channel.clone())
                .or_default()
                .push(Snapshot {
                    post: pair.post.clone(),
                    channel: pair.channel.clone(),
                    published_at: pair.published_at(),
                    url: String::new(),
                    metrics,
                    collected_on,
                    source: "fictional".to_owned(),
                });
        }
    }
    std::fs::create_dir_all(root.join(store::FOLDER))?;
    for (channel, rows) in files {
        let path = root.join(store::rel_path(&channel));
        std::fs::write(&path, store::render(&rows))?;
        println!("{}: {} rows", path.display(), rows.len());
    }
    Ok(())
}

/// FNV-1a of the text: a stable hash, the same on every machine.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A factor between `low` and `high`, drawn from the hash of `key`.
fn factor(key: &str, low: f64, high: f64) -> f64 {
    let unit = (hash(key) % 10_000) as f64 / 10_000.0;
    low + unit * (high - low)
}

/// A figure, rounded; `Some` as `Metrics::set` takes it.
#[allow(clippy::unnecessary_wraps)]
fn n(value: f64) -> Option<u64> {
    Some(value.round() as u64)
}

/// The fictional lifetime figures of a pair, as its network's export gives
/// them; `None` for a network without per-post export.
fn figures(network: Network, post: &str, channel: &str, campaign: bool) -> Option<Metrics> {
    let key = |what: &str| format!("{post}/{channel}/{what}");
    let boost = if campaign { 1.3 } else { 1.0 };
    let mut m = Metrics::default();
    let base = |size: f64| size * boost * factor(&key("size"), 0.6, 1.6);
    let share = |what: &str, low: f64, high: f64| factor(&key(what), low, high);
    match network {
        Network::Facebook => {
            let reach = base(1800.0);
            let likes = reach * share("likes", 0.02, 0.06);
            let comments = reach * share("comments", 0.002, 0.01);
            let shares = reach * share("shares", 0.002, 0.012);
            m.set(Metric::Reach, n(reach));
            m.set(Metric::Impressions, n(reach * share("views", 1.2, 1.6)));
            m.set(Metric::Likes, n(likes));
            m.set(Metric::Comments, n(comments));
            m.set(Metric::Shares, n(shares));
            m.set(Metric::Clicks, n(reach * share("clicks", 0.01, 0.04)));
            m.set(
                Metric::Engagements,
                n(likes.round() + comments.round() + shares.round()),
            );
        }
        Network::Instagram => {
            let reach = base(1200.0);
            m.set(Metric::Reach, n(reach));
            m.set(Metric::Impressions, n(reach * share("views", 1.3, 1.8)));
            m.set(Metric::Likes, n(reach * share("likes", 0.04, 0.1)));
            m.set(Metric::Comments, n(reach * share("comments", 0.002, 0.01)));
            m.set(Metric::Shares, n(reach * share("shares", 0.003, 0.015)));
            m.set(Metric::Saves, n(reach * share("saves", 0.005, 0.03)));
        }
        Network::X => {
            let impressions = base(900.0);
            let likes = impressions * share("likes", 0.005, 0.02);
            let replies = impressions * share("comments", 0.001, 0.004);
            let reposts = impressions * share("shares", 0.002, 0.008);
            let clicks = impressions * share("clicks", 0.005, 0.02);
            m.set(Metric::Impressions, n(impressions));
            m.set(Metric::Likes, n(likes));
            m.set(Metric::Comments, n(replies));
            m.set(Metric::Shares, n(reposts));
            m.set(Metric::Clicks, n(clicks));
            m.set(
                Metric::Engagements,
                n(likes.round() + replies.round() + reposts.round() + clicks.round()),
            );
        }
        Network::Linkedin => {
            let impressions = base(2200.0);
            m.set(Metric::Impressions, n(impressions));
            m.set(Metric::Likes, n(impressions * share("likes", 0.01, 0.03)));
            m.set(
                Metric::Comments,
                n(impressions * share("comments", 0.001, 0.004)),
            );
            m.set(
                Metric::Shares,
                n(impressions * share("shares", 0.001, 0.004)),
            );
            m.set(Metric::Clicks, n(impressions * share("clicks", 0.01, 0.03)));
        }
        Network::Youtube => {
            let views = base(600.0);
            m.set(Metric::VideoViews, n(views));
            m.set(Metric::Likes, n(views * share("likes", 0.02, 0.05)));
            m.set(Metric::Comments, n(views * share("comments", 0.002, 0.006)));
            m.set(Metric::Shares, n(views * share("shares", 0.002, 0.008)));
        }
        Network::Tiktok => {
            let views = base(4000.0);
            m.set(Metric::VideoViews, n(views));
            m.set(Metric::Impressions, n(views));
            m.set(Metric::Likes, n(views * share("likes", 0.03, 0.08)));
            m.set(Metric::Comments, n(views * share("comments", 0.001, 0.004)));
            m.set(Metric::Shares, n(views * share("shares", 0.002, 0.01)));
        }
        _ => return None,
    }
    Some(m)
}

/// The figures an earlier export would have given: `ratio` of each,
/// rounded down, and the total kept equal to the sum of its parts where
/// it was.
fn scaled(full: &Metrics, ratio: f64) -> Metrics {
    let mut m = Metrics::default();
    for metric in Metric::ALL {
        m.set(
            metric,
            full.get(metric).map(|v| (v as f64 * ratio).floor() as u64),
        );
    }
    if full.get(Metric::Engagements).is_some() {
        let parts = [
            Metric::Likes,
            Metric::Comments,
            Metric::Shares,
            Metric::Clicks,
        ];
        let sum_full: u64 = parts.iter().filter_map(|p| full.get(*p)).sum();
        let sum: u64 = parts.iter().filter_map(|p| m.get(*p)).sum();
        // X's total counts clicks; Facebook's does not.
        let with_clicks = full.get(Metric::Engagements) == Some(sum_full);
        let without: u64 = sum - m.get(Metric::Clicks).unwrap_or(0);
        m.set(
            Metric::Engagements,
            Some(if with_clicks { sum } else { without }),
        );
    }
    m
}
