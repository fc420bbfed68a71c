//! `edcal results import`: exports read, their rows matched to the
//! calendar's published pairs, and the figures merged into `results/`.
//!
//! Every file is read and matched before anything is written; then each
//! channel's file is written once ([`Imported::write`]). What could not be
//! matched is listed with its line and the reason, and makes the exit code
//! 1; the rows that were matched are kept all the same.
//!
//! With `--mark-published` ([`Request::mark`]), the approved pairs with a
//! time that the calendar does not record as published yet are candidates
//! too; a row that matches one proves it went out, and the pair is returned
//! as a [`Mark`] for the command to record (as `edcal published` does). A
//! row that fits no such pair but a pair of a post that is not approved is
//! listed with that post's status.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::format::Format;
use super::matching::{self, Candidates, How, Outcome};
use super::read::{self, Options, When};
use super::store::{self, OnDisk, Snapshot};
use crate::model::{Calendar, is_url};
use crate::occurrence::Fixed;

/// What the command line asks for.
#[derive(Debug)]
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub format: Option<&'static Format>,
    pub channel: Option<&'a str>,
    pub collected: Option<NaiveDate>,
    pub zone: Option<Tz>,
    pub today: NaiveDate,
    /// `--mark-published`: approved pairs not yet recorded are candidates,
    /// and those matched are returned as [`Mark`]s.
    pub mark: bool,
}

/// A row's claim on a pair: its line, its snapshot, how it was matched,
/// and the mark it makes when the pair is not yet recorded as published.
type Claim = (u64, Snapshot, How, Option<Mark>);

/// A pair an export proves published, to record as `edcal published`
/// does: the row's link when it gives one, and its time (in the calendar's
/// zone) when it gives one to the minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub post: String,
    pub channel: String,
    pub url: Option<String>,
    pub at: Option<NaiveDateTime>,
}

/// The pairs of a set of channels, and the links earlier imports stored
/// for them, both ways.
struct ChannelSet {
    candidates: Candidates,
    /// With `--mark-published`: the pairs of the posts not approved, to
    /// tell a row about one of them why it is not imported. Without: the
    /// approved pairs not yet recorded, to tell a row about one of them
    /// that `--mark-published` would record it.
    unapproved: Option<Candidates>,
    unrecorded: Option<Candidates>,
    links: BTreeMap<String, (String, String)>,
    urls: BTreeMap<(String, String), String>,
}

impl ChannelSet {
    fn new<'a>(
        calendar: &Calendar,
        channels: &[&str],
        fixed: &[Fixed<'_>],
        stored: impl Iterator<Item = &'a OnDisk>,
        mark: bool,
    ) -> ChannelSet {
        let mut links = BTreeMap::new();
        let mut urls = BTreeMap::new();
        for row in stored
            .flat_map(|d| d.rows.iter())
            .filter(|r| !r.url.is_empty())
        {
            let pair = (row.post.clone(), row.channel.clone());
            links.insert(matching::url_key(&row.url), pair.clone());
            urls.insert(pair, row.url.clone());
        }
        // The URLs the calendar records (`[post.published.<channel>]`) come
        // first: the team wrote them down when the post went out.
        for post in &calendar.posts {
            for (channel, publication) in &post.published {
                let Some(url) = &publication.url else {
                    continue;
                };
                if channels.contains(&channel.as_str()) && !url.trim().is_empty() {
                    let pair = (post.id.value.clone(), channel.clone());
                    links.insert(matching::url_key(url), pair.clone());
                    urls.entry(pair).or_insert_with(|| url.clone());
                }
            }
        }
        // `fixed` is sorted by channel first: each channel's pairs are one
        // run of it, found by two binary searches rather than a pass over
        // every pair of the calendar for each set.
        let mut pairs = Vec::new();
        for channel in channels {
            let start = fixed.partition_point(|f| f.channel < *channel);
            let end = start + fixed[start..].partition_point(|f| f.channel == *channel);
            pairs.extend(matching::timed_published_pairs(
                &fixed[start..end],
                &[channel],
            ));
        }
        pairs.extend(matching::dated_published_pairs(calendar, channels));
        if mark {
            pairs.extend(matching::approved_pairs(calendar, channels));
        }
        ChannelSet {
            candidates: Candidates::new(pairs),
            unapproved: mark
                .then(|| Candidates::new(matching::unapproved_pairs(calendar, channels))),
            unrecorded: (!mark)
                .then(|| Candidates::new(matching::approved_pairs(calendar, channels))),
            links,
            urls,
        }
    }
}

/// How an import went; `failed` rows make the exit code 1. Nothing is
/// written yet: [`Imported::write`] writes the results files.
#[derive(Debug, Default)]
pub struct Imported {
    pub matched: usize,
    pub failed: usize,
    /// The pairs to record as published, sorted by post and channel (with
    /// `--mark-published` only).
    pub marks: Vec<Mark>,
    /// Each results file to write: as read, and the rows it is to hold.
    stores: Vec<(OnDisk, Vec<Snapshot>)>,
}

impl Imported {
    /// Writes each channel's results file (only when its bytes change) and
    /// says what became of it.
    pub fn write(&self, out: &mut dyn Write) -> Result<()> {
        for (on_disk, merged) in &self.stores {
            let added = merged.len() - on_disk.rows.len();
            let written = on_disk.write(&store::render(merged))?;
            let what = match (written, added) {
                (false, _) => "unchanged".to_owned(),
                (true, 0) => "figures updated".to_owned(),
                (true, n) => format!("{n} snapshot{} added", if n == 1 { "" } else { "s" }),
            };
            writeln!(out, "{}: {what}", on_disk.rel)?;
        }
        Ok(())
    }
}

/// Reads and matches `request.files` against the calendar in the folder
/// `root`, printing what happened to each file's rows to `out`; writes
/// nothing.
pub fn import(
    calendar: &Calendar,
    root: &Path,
    request: &Request<'_>,
    out: &mut dyn Write,
) -> Result<Imported> {
    if let Some(channel) = request.channel {
        let Some(c) = calendar.channels.get(channel) else {
            let hint = crate::raw::closest(channel, calendar.channels.keys().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            bail!("unknown channel `{channel}`{hint}");
        };
        if let Some(network) = request.format.and_then(|f| f.network)
            && network != c.network
        {
            bail!(
                "channel `{channel}` is on {}, not {network}: its figures cannot come from a `{}` export",
                c.network,
                request.format.map_or("", |f| f.name)
            );
        }
    }
    let mut disk: BTreeMap<String, OnDisk> = BTreeMap::new();
    let mut new_rows: BTreeMap<String, Vec<Snapshot>> = BTreeMap::new();
    let mut summary = Imported::default();
    let mut sets: BTreeMap<Vec<String>, ChannelSet> = BTreeMap::new();
    // Every fixed pair of the calendar, listed once for all channel sets.
    let mut fixed: Option<Vec<Fixed<'_>>> = None;
    for path in request.files {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let collected = request
            .collected
            .or_else(|| read::file_date(&name))
            .unwrap_or(request.today);
        let options = Options {
            format: request.format,
            zone: request.zone,
            calendar_tz: calendar.settings.tz,
            collected,
        };
        let export = read::read_file(path, &options)?;
        let mut lines: Vec<(u64, String)> = Vec::new();
        for p in &export.problems {
            lines.push((p.line, format!("left out: {}", p.message)));
        }
        // Each row's channels, their pairs, and the links stored for them.
        let mut claims: BTreeMap<(String, String), Vec<Claim>> = BTreeMap::new();
        for row in &export.rows {
            let only = request.channel.or(row.channel.as_deref());
            let channels = matching::channels_for(calendar, row.network, only);
            if channels.is_empty() {
                let why = match (only, row.network) {
                    (Some(c), _) => format!("unknown channel `{c}`"),
                    (None, Some(n)) => format!("the calendar has no channel on {n}"),
                    (None, None) => "no channel: add a `channel` column or --channel".to_owned(),
                };
                lines.push((row.line, format!("unmatched: {why}")));
                continue;
            }
            let key: Vec<String> = channels.iter().map(|c| (*c).to_owned()).collect();
            if !sets.contains_key(&key) {
                for channel in &key {
                    if !disk.contains_key(channel) {
                        disk.insert(channel.clone(), store::read(root, channel)?);
                    }
                }
                let fixed = fixed.get_or_insert_with(|| calendar.fixed());
                let set = ChannelSet::new(
                    calendar,
                    &channels,
                    fixed,
                    key.iter().map(|c| &disk[c]),
                    request.mark,
                );
                sets.insert(key.clone(), set);
            }
            let set = &sets[&key];
            match matched_or_why(row, set, export.zone) {
                Outcome::Matched(i, how) => {
                    let pair = &set.candidates.pairs[i];
                    let mark = pair.unrecorded.then(|| Mark {
                        post: pair.post.clone(),
                        channel: pair.channel.clone(),
                        url: row
                            .url
                            .as_deref()
                            .map(str::trim)
                            .filter(|u| is_url(u) && !u.contains(char::is_whitespace))
                            .map(str::to_owned),
                        at: match row.when {
                            When::At(at) => {
                                Some(at.with_timezone(&calendar.settings.tz).naive_local())
                            }
                            _ => None,
                        },
                    });
                    let url = row
                        .url
                        .clone()
                        .or_else(|| {
                            set.urls
                                .get(&(pair.post.clone(), pair.channel.clone()))
                                .cloned()
                        })
                        .unwrap_or_default();
                    claims
                        .entry((pair.post.clone(), pair.channel.clone()))
                        .or_default()
                        .push((
                            row.line,
                            Snapshot {
                                post: pair.post.clone(),
                                channel: pair.channel.clone(),
                                published_at: pair.published_at(),
                                url,
                                metrics: row.metrics,
                                collected_on: collected,
                                source: export.format.name.to_owned(),
                            },
                            how,
                            mark,
                        ));
                }
                Outcome::Unmatched(why) => lines.push((row.line, format!("unmatched: {why}"))),
                Outcome::Ambiguous(why) => lines.push((row.line, format!("ambiguous: {why}"))),
            }
        }
        let mut matched = 0;
        for ((post, channel), rows) in claims {
            if let [(_, snapshot, _, mark)] = rows.as_slice() {
                matched += 1;
                new_rows.entry(channel).or_default().push(snapshot.clone());
                summary.marks.extend(mark.clone());
                continue;
            }
            let all: Vec<String> = rows.iter().map(|(l, ..)| l.to_string()).collect();
            for (line, ..) in &rows {
                lines.push((
                    *line,
                    format!(
                        "ambiguous: lines {} all match `{post}` on `{channel}`; none kept",
                        all.join(", ")
                    ),
                ));
            }
        }
        lines.sort();
        summary.matched += matched;
        summary.failed += lines.len();
        writeln!(
            out,
            "{name}: {} layout, {} row{}, {matched} matched{}; collected on {collected}",
            export.format.name,
            export.rows.len() + export.problems.len(),
            if export.rows.len() + export.problems.len() == 1 {
                ""
            } else {
                "s"
            },
            if lines.is_empty() {
                String::new()
            } else {
                format!(", {} not imported", lines.len())
            },
        )?;
        for (line, message) in lines {
            writeln!(out, "  line {line}: {message}")?;
        }
    }
    for (channel, rows) in new_rows {
        let Some(on_disk) = disk.remove(&channel) else {
            continue;
        };
        let merged = store::merge(on_disk.rows.clone(), rows);
        summary.stores.push((on_disk, merged));
    }
    summary
        .marks
        .sort_by(|a, b| (&a.post, &a.channel).cmp(&(&b.post, &b.channel)));
    Ok(summary)
}

/// The pair `row` is about among the set's candidates; with
/// `--mark-published`, a row that fits none of them but a pair of a post
/// that is not approved is unmatched with that post's status; without, a
/// row that fits an approved pair not yet recorded says the flag records it.
fn matched_or_why(row: &read::Row, set: &ChannelSet, zone: Tz) -> Outcome {
    let outcome = matching::match_row(row, &set.candidates, &set.links, zone);
    if let (Outcome::Unmatched(_), Some(unrecorded)) = (&outcome, &set.unrecorded)
        && let Outcome::Matched(i, _) = matching::match_row(row, unrecorded, &set.links, zone)
    {
        let pair = &unrecorded.pairs[i];
        return Outcome::Unmatched(format!(
            "`{}` on `{}` is approved but not recorded as published: \
             `--mark-published` records it from this row",
            pair.post, pair.channel
        ));
    }
    let (Outcome::Unmatched(_), Some(unapproved)) = (&outcome, &set.unapproved) else {
        return outcome;
    };
    match matching::match_row(row, unapproved, &set.links, zone) {
        Outcome::Matched(i, _) => {
            let pair = &unapproved.pairs[i];
            Outcome::Unmatched(format!(
                "`{}` on `{}`, whose post is `{}`: only an approved post is marked published",
                pair.post,
                pair.channel,
                pair.status.name()
            ))
        }
        _ => outcome,
    }
}
