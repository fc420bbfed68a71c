//! `edcal results import`: exports read, their rows matched to the
//! calendar's published pairs, and the figures merged into `results/`.
//!
//! Every file is read and matched before anything is written; then each
//! channel's file is written once. What could not be matched is listed
//! with its line and the reason, and makes the exit code 1; the rows that
//! were matched are kept all the same.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::NaiveDate;
use chrono_tz::Tz;

use super::format::Format;
use super::matching::{self, Candidates, How, Outcome};
use super::read::{self, Options};
use super::store::{self, OnDisk, Snapshot};
use crate::model::Calendar;

/// What the command line asks for.
#[derive(Debug)]
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub format: Option<&'static Format>,
    pub channel: Option<&'a str>,
    pub collected: Option<NaiveDate>,
    pub zone: Option<Tz>,
    pub today: NaiveDate,
}

/// A row's claim on a pair: its line, its snapshot, how it was matched.
type Claim = (u64, Snapshot, How);

/// The pairs of a set of channels, and the links earlier imports stored
/// for them, both ways.
struct ChannelSet {
    candidates: Candidates,
    links: BTreeMap<String, (String, String)>,
    urls: BTreeMap<(String, String), String>,
}

impl ChannelSet {
    fn new<'a>(
        calendar: &Calendar,
        channels: &[&str],
        stored: impl Iterator<Item = &'a OnDisk>,
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
                if channels.contains(&channel.as_str()) && !publication.url.trim().is_empty() {
                    let pair = (post.id.value.clone(), channel.clone());
                    links.insert(matching::url_key(&publication.url), pair.clone());
                    urls.entry(pair).or_insert_with(|| publication.url.clone());
                }
            }
        }
        ChannelSet {
            candidates: Candidates::new(matching::published_pairs(calendar, channels)),
            links,
            urls,
        }
    }
}

/// How an import went; `failed` rows make the exit code 1.
#[derive(Debug, Default)]
pub struct Summary {
    pub matched: usize,
    pub failed: usize,
}

/// Imports `request.files` into the calendar folder `root`, printing what
/// happened to `out`.
pub fn import(
    calendar: &Calendar,
    root: &Path,
    request: &Request<'_>,
    out: &mut dyn Write,
) -> Result<Summary> {
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
    let mut summary = Summary::default();
    let mut sets: BTreeMap<Vec<String>, ChannelSet> = BTreeMap::new();
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
                let set = ChannelSet::new(calendar, &channels, key.iter().map(|c| &disk[c]));
                sets.insert(key.clone(), set);
            }
            let set = &sets[&key];
            match matching::match_row(row, &set.candidates, &set.links, export.zone) {
                Outcome::Matched(i, how) => {
                    let pair = &set.candidates.pairs[i];
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
                        ));
                }
                Outcome::Unmatched(why) => lines.push((row.line, format!("unmatched: {why}"))),
                Outcome::Ambiguous(why) => lines.push((row.line, format!("ambiguous: {why}"))),
            }
        }
        let mut matched = 0;
        for ((post, channel), rows) in claims {
            if let [(_, snapshot, _)] = rows.as_slice() {
                matched += 1;
                new_rows.entry(channel).or_default().push(snapshot.clone());
                continue;
            }
            let all: Vec<String> = rows.iter().map(|(l, _, _)| l.to_string()).collect();
            for (line, _, _) in &rows {
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
        let on_disk = &disk[&channel];
        let before = on_disk.rows.len();
        let merged = store::merge(on_disk.rows.clone(), rows);
        let added = merged.len() - before;
        let written = on_disk.write(&store::render(&merged))?;
        let what = match (written, added) {
            (false, _) => "unchanged".to_owned(),
            (true, 0) => "figures updated".to_owned(),
            (true, n) => format!("{n} snapshot{} added", if n == 1 { "" } else { "s" }),
        };
        writeln!(out, "{}: {what}", on_disk.rel)?;
    }
    Ok(summary)
}
