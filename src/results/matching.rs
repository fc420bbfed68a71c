//! Which published pair of the calendar each row of an export is about.
//!
//! A row is matched, in this order:
//!
//! 1. by its calendar post id, when the file names one (edcal's own
//!    layout);
//! 2. by its link, when the calendar records it for a pair
//!    (`[post.published.<channel>]`, written by `edcal published`) or an
//!    earlier import stored it (compared without scheme, `www.`, fragment
//!    or trailing slash: see [`url_key`]);
//! 3. by time: the published pairs on the row's channels within
//!    [`TIME_SLACK`] of the row's time, unless the row's text is plainly
//!    another's (under [`MIN_TEXT_AT_TIME`] of its words); if several, the
//!    text decides;
//! 4. by day and text: the published pairs within a day of the row's day,
//!    whose title or text holds most of the row's words (at least
//!    [`MIN_SIMILARITY`] of them, and clearly more than the next pair's).
//!
//! Nothing is guessed: a row that fits no pair, or fits two equally, is
//! reported with the reason and left out, and two rows that claim the same
//! pair are both left out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::read::{Row, When};
use crate::model::{Calendar, Status, Timing};
use social_text::network::Network;

/// How far a row's time may be from the calendar's: what a scheduler's
/// queue or a hand-published post drifts by.
pub const TIME_SLACK: Duration = Duration::minutes(45);

/// The share of a row's words a pair's title or text must hold to match by
/// text.
pub const MIN_SIMILARITY: f64 = 0.6;

/// Below this share, a row's text is another post's, even at the right
/// time.
pub const MIN_TEXT_AT_TIME: f64 = 0.3;

/// A published (post, channel) pair of the calendar.
#[derive(Debug, Clone)]
pub struct Pair {
    pub post: String,
    pub channel: String,
    /// When it went out, if the calendar says to the minute.
    pub at: Option<DateTime<Tz>>,
    /// Its day in the calendar's zone.
    pub day: Option<NaiveDate>,
    /// Its post's status.
    pub status: Status,
    /// Whether the calendar does not yet record it as published (a pair of
    /// [`approved_pairs`]: `--mark-published` records it when a row matches).
    pub unrecorded: bool,
    title: String,
    text: String,
}

impl Pair {
    /// Whether a row's text may be this pair's: enough of its words are in
    /// the pair's title or text (a pair without text fits any row, and a
    /// row without words, emoji only, fits any pair).
    fn fits(&self, row_text: &str) -> bool {
        self.text.trim().is_empty()
            || words(row_text).is_empty()
            || similarity(row_text, &self.title).max(similarity(row_text, &self.text))
                >= MIN_TEXT_AT_TIME
    }

    /// `published_at` as stored: RFC 3339 in the calendar's zone, or the
    /// day alone.
    pub fn published_at(&self) -> String {
        match (self.at, self.day) {
            (Some(at), _) => at.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            (None, Some(day)) => day.to_string(),
            (None, None) => String::new(),
        }
    }
}

/// A link as links are compared: trimmed, without its scheme, a leading
/// `www.`, its fragment or a trailing slash (what exports change in a
/// post's URL); the path and query are kept as they are (video ids are
/// case-sensitive).
pub fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(u, _)| u);
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let url = url.strip_prefix("www.").unwrap_or(url);
    let (host, rest) = url.split_once('/').unwrap_or((url, ""));
    let rest = rest.trim_end_matches('/');
    format!("{}/{rest}", host.to_ascii_lowercase())
}

/// Every published pair on `channels`, in the calendar's order (channel,
/// time, post). A repeating post's occurrences are pairs of their own,
/// `post@YYYY-MM-DD`.
pub fn published_pairs(calendar: &Calendar, channels: &[&str]) -> Vec<Pair> {
    let mut pairs = timed_published_pairs(&calendar.fixed(), channels);
    pairs.extend(dated_published_pairs(calendar, channels));
    pairs
}

/// The published pairs with a time among `fixed` (some of the calendar's
/// [`fixed`](Calendar::fixed) pairs, listed once: an import asks for each
/// channel of its rows in turn, and listing and sorting every fixed pair of
/// the calendar each time was most of the time an import of 100,000 rows
/// took).
pub(crate) fn timed_published_pairs(
    fixed: &[crate::occurrence::Fixed<'_>],
    channels: &[&str],
) -> Vec<Pair> {
    fixed
        .iter()
        .filter(|f| is_published(f.post, f.channel) && channels.contains(&f.channel))
        .map(|f| Pair {
            post: f.id(),
            channel: f.channel.to_owned(),
            at: Some(f.time.instant),
            day: Some(f.time.local.date()),
            status: f.post.status.value,
            unrecorded: false,
            title: f.post.title.clone(),
            text: channel_text(f.post, f.channel),
        })
        .collect()
}

/// The published pairs with a day but no time, on `channels`.
pub(crate) fn dated_published_pairs(calendar: &Calendar, channels: &[&str]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for post in &calendar.posts {
        if post.repeat.is_some() {
            continue;
        }
        for channel in post.channel_ids() {
            if !is_published(post, channel)
                || !channels.contains(&channel)
                || post.at(channel).is_some()
            {
                continue;
            }
            let day = match &post.timing {
                Timing::On(on) => Some(on.value),
                _ => None,
            };
            pairs.push(Pair {
                post: post.id.value.clone(),
                channel: channel.to_owned(),
                at: None,
                day,
                status: post.status.value,
                unrecorded: false,
                title: post.title.clone(),
                text: channel_text(post, channel),
            });
        }
    }
    pairs
}

/// The pairs `results import --mark-published` may record as published:
/// those of a post that is approved but not `published` yet (`approved` or
/// `scheduled`), on a channel with a time, that the calendar does not
/// record yet. A repeating post's dates are left out: `edcal published`
/// records a channel for all its dates at once, which one row cannot
/// prove.
pub fn approved_pairs(calendar: &Calendar, channels: &[&str]) -> Vec<Pair> {
    timed_pairs(calendar, channels, |post, channel| {
        matches!(post.status.value, Status::Approved | Status::Scheduled)
            && !post.published.contains_key(channel)
    })
}

/// The pairs with a time of the posts that are not approved (`idea`,
/// `draft`, `review`) or are `cancelled`: a row that matches one is not
/// imported, and the post's status says why.
pub fn unapproved_pairs(calendar: &Calendar, channels: &[&str]) -> Vec<Pair> {
    timed_pairs(calendar, channels, |post, _| {
        !post.status.value.is_approved()
    })
}

/// The pairs of the posts that do not repeat, on `channels`, with a time,
/// that `keep` keeps; each marked unrecorded.
fn timed_pairs(
    calendar: &Calendar,
    channels: &[&str],
    keep: impl Fn(&crate::model::Post, &str) -> bool,
) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for post in calendar.posts.iter().filter(|p| p.repeat.is_none()) {
        for channel in post.channel_ids() {
            if !channels.contains(&channel) || !keep(post, channel) {
                continue;
            }
            let Some(at) = post.at(channel) else { continue };
            pairs.push(Pair {
                post: post.id.value.clone(),
                channel: channel.to_owned(),
                at: Some(at.value.instant),
                day: Some(at.value.local.date()),
                status: post.status.value,
                unrecorded: true,
                title: post.title.clone(),
                text: channel_text(post, channel),
            });
        }
    }
    pairs
}

/// A pair is published when its post is, or when the calendar records its
/// channel's publication (the other channels may not be out yet).
fn is_published(post: &crate::model::Post, channel: &str) -> bool {
    post.status.value == Status::Published || post.published.contains_key(channel)
}

fn channel_text(post: &crate::model::Post, channel: &str) -> String {
    post.variants
        .get(channel)
        .and_then(|v| v.text.as_ref())
        .or(post.text.as_ref())
        .map(|t| t.value.clone())
        .unwrap_or_default()
}

/// The calendar's channels a row may be on: `--channel`, else every channel
/// on the row's network.
pub fn channels_for<'c>(
    calendar: &'c Calendar,
    network: Option<Network>,
    only: Option<&str>,
) -> Vec<&'c str> {
    calendar
        .channels
        .values()
        .filter(|c| match only {
            Some(only) => c.id == only,
            None => network.is_some_and(|n| c.network == n),
        })
        .map(|c| c.id.as_str())
        .collect()
}

/// The published pairs a row may be about, indexed: by time, by day (for
/// pairs without a time), by post and by (post, channel), so that matching
/// a row costs a few look-ups whatever the size of the calendar.
#[derive(Debug)]
pub struct Candidates {
    pub pairs: Vec<Pair>,
    /// Unix seconds of each pair with a time, sorted.
    by_time: Vec<(i64, usize)>,
    /// The day of each pair without a time, sorted.
    by_day: Vec<(NaiveDate, usize)>,
    by_post: BTreeMap<String, Vec<usize>>,
    by_pair: BTreeMap<(String, String), usize>,
}

impl Candidates {
    pub fn new(pairs: Vec<Pair>) -> Candidates {
        let mut by_time: Vec<(i64, usize)> = Vec::new();
        let mut by_day: Vec<(NaiveDate, usize)> = Vec::new();
        let mut by_post: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_pair = BTreeMap::new();
        for (i, p) in pairs.iter().enumerate() {
            match (p.at, p.day) {
                (Some(at), _) => by_time.push((at.timestamp(), i)),
                (None, Some(day)) => by_day.push((day, i)),
                (None, None) => {}
            }
            by_post.entry(p.post.clone()).or_default().push(i);
            by_pair.insert((p.post.clone(), p.channel.clone()), i);
        }
        by_time.sort_unstable();
        by_day.sort_unstable();
        Candidates {
            pairs,
            by_time,
            by_day,
            by_post,
            by_pair,
        }
    }

    /// The pair of `post` on `channel`.
    pub fn pair(&self, post: &str, channel: &str) -> Option<usize> {
        self.by_pair
            .get(&(post.to_owned(), channel.to_owned()))
            .copied()
    }

    /// The pairs whose time is within `slack` of `at`, in time order.
    fn near(&self, at: DateTime<Utc>, slack: Duration) -> Vec<usize> {
        let (from, to) = ((at - slack).timestamp(), (at + slack).timestamp());
        let start = self.by_time.partition_point(|(t, _)| *t < from);
        self.by_time[start..]
            .iter()
            .take_while(|(t, _)| *t <= to)
            .map(|(_, i)| *i)
            .collect()
    }

    /// The pairs within a day of `day`: those with a time whose day in
    /// `zone` is, and those with a day only.
    fn around(&self, day: NaiveDate, zone: Tz) -> Vec<usize> {
        let noon = day
            .and_hms_opt(12, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp());
        // A day either side, and the widest zone offsets.
        let (from, to) = (noon - 3 * 86_400, noon + 3 * 86_400);
        let start = self.by_time.partition_point(|(t, _)| *t < from);
        let timed = self.by_time[start..]
            .iter()
            .take_while(|(t, _)| *t <= to)
            .map(|(_, i)| *i)
            .filter(|&i| {
                self.pairs[i].at.is_some_and(|at| {
                    (at.with_timezone(&zone).date_naive() - day)
                        .num_days()
                        .abs()
                        <= 1
                })
            });
        let first = day.pred_opt().unwrap_or(day);
        let last = day.succ_opt().unwrap_or(day);
        let start = self.by_day.partition_point(|(d, _)| *d < first);
        let dated = self.by_day[start..]
            .iter()
            .take_while(|(d, _)| *d <= last)
            .map(|(_, i)| *i);
        let mut all: Vec<usize> = timed.chain(dated).collect();
        all.sort_unstable();
        all
    }
}

/// The outcome for one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The index of the pair in the list given, and how it was found.
    Matched(usize, How),
    Unmatched(String),
    Ambiguous(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Post,
    Url,
    Time,
    DayAndText,
}

/// Matches one row against `candidates` (the pairs of its channels).
/// `links` maps links stored by earlier imports to their (post, channel).
pub fn match_row(
    row: &Row,
    candidates: &Candidates,
    links: &BTreeMap<String, (String, String)>,
    zone: Tz,
) -> Outcome {
    let pairs = &candidates.pairs;
    if let Some(post) = &row.post {
        let found: Vec<usize> = candidates
            .by_post
            .get(post)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|&i| row.channel.as_ref().is_none_or(|c| pairs[i].channel == *c))
            .collect();
        return match found.as_slice() {
            [i] => Outcome::Matched(*i, How::Post),
            [] => Outcome::Unmatched(format!(
                "no published pair of post `{post}` on these channels"
            )),
            _ => Outcome::Ambiguous(format!(
                "post `{post}` is on several channels: add a `channel` column or --channel"
            )),
        };
    }
    if let Some((post, channel)) = row.url.as_ref().and_then(|u| links.get(&url_key(u)))
        && let Some(i) = candidates.pair(post, channel)
    {
        return Outcome::Matched(i, How::Url);
    }
    let day = match row.when {
        When::At(at) => {
            let near = candidates.near(at, TIME_SLACK);
            // A pair near in time whose text is another's is not the row's
            // (two pages of one network posting half an hour apart).
            let fitting: Vec<usize> = near
                .iter()
                .copied()
                .filter(|&i| row.text.as_deref().is_none_or(|t| pairs[i].fits(t)))
                .collect();
            match fitting.as_slice() {
                [i] => return Outcome::Matched(*i, How::Time),
                [] if near.is_empty() => at.with_timezone(&zone).date_naive(),
                [] => {
                    return Outcome::Unmatched(format!(
                        "the text is not that of {}, published within {} minutes",
                        names(pairs, &near),
                        TIME_SLACK.num_minutes()
                    ));
                }
                several => {
                    return by_text(row, pairs, several).map_or_else(
                        || {
                            Outcome::Ambiguous(format!(
                                "{} published pairs within {} minutes of {}: {}",
                                several.len(),
                                TIME_SLACK.num_minutes(),
                                at.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
                                names(pairs, several)
                            ))
                        },
                        |i| Outcome::Matched(i, How::Time),
                    );
                }
            }
        }
        When::Day(day) => day,
        When::Unknown => {
            return Outcome::Unmatched("no date, and no link stored by an earlier import".into());
        }
    };
    // By day and text: the row's day in the file's zone, a day either side
    // (a zone the vendor does not document can move a post across midnight).
    let around = candidates.around(day, zone);
    if around.is_empty() {
        let shown = match row.when {
            When::At(at) => at
                .with_timezone(&zone)
                .format("%Y-%m-%d %H:%M %Z")
                .to_string(),
            _ => day.to_string(),
        };
        return Outcome::Unmatched(format!("no published pair around {shown}"));
    }
    match by_text(row, pairs, &around) {
        Some(i) => Outcome::Matched(i, How::DayAndText),
        None if row.text.is_none() => Outcome::Unmatched(format!(
            "no text to tell the pairs around {day} apart: {}",
            names(pairs, &around)
        )),
        None => Outcome::Ambiguous(format!(
            "the text fits none of the pairs around {day} clearly: {}",
            names(pairs, &around)
        )),
    }
}

fn names(pairs: &[Pair], which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| format!("`{}` on `{}`", pairs[i].post, pairs[i].channel))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pair among `which` whose title or text holds at least
/// [`MIN_SIMILARITY`] of the row's words and clearly more than any other.
fn by_text(row: &Row, pairs: &[Pair], which: &[usize]) -> Option<usize> {
    let text = row.text.as_deref()?;
    let mut scored: Vec<(f64, usize)> = which
        .iter()
        .map(|&i| {
            let p = &pairs[i];
            (similarity(text, &p.title).max(similarity(text, &p.text)), i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let (best, i) = scored[0];
    let second = scored.get(1).map_or(0.0, |s| s.0);
    (best >= MIN_SIMILARITY && best - second >= 0.2).then_some(i)
}

/// The share of the row's words (three letters or more, case and accents
/// as written) found among the words of `calendar`: a caption the network
/// cut short still scores as high as the whole.
pub fn similarity(row: &str, calendar: &str) -> f64 {
    let (row, calendar) = (words(row), words(calendar));
    if row.is_empty() {
        return 0.0;
    }
    row.intersection(&calendar).count() as f64 / row.len() as f64
}

/// The words of a text that count for [`similarity`]: three letters or
/// more, lowercased.
fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_caption_still_matches() {
        let full = "Octobre Rose commence aujourd'hui. Tout le mois, nos patientes font du sport.";
        assert!(similarity("Octobre Rose commence aujourd'hui. Tout le…", full) > 0.9);
        assert!(similarity("Journée mondiale du rein", full) < 0.2);
    }

    #[test]
    fn a_row_without_words_fits_any_pair_and_another_text_none() {
        let pair = Pair {
            post: "p".into(),
            channel: "instagram".into(),
            at: None,
            day: None,
            status: Status::Published,
            unrecorded: false,
            title: "Yoga avec nos patientes".into(),
            text: "Yoga du mercredi avec nos patientes".into(),
        };
        assert!(pair.fits("💗💗 !"));
        assert!(pair.fits("Yoga du mercredi 💗"));
        assert!(!pair.fits("Le menu du restaurant du personnel"));
    }
}
