//! Reading a calendar folder: every file, in sorted order, parsed, read
//! into the raw layer and resolved into the model.
//!
//! The loader owns all file-system reads of a check. It keeps each file's
//! text in [`Sources`] so findings can quote it, turns TOML syntax errors and
//! invalid UTF-8 into `toml-syntax` diagnostics like any other finding, and
//! hands each file's raw content to `resolve` as soon as it is read. I/O
//! failures (an unreadable file) are errors that stop the command, with the
//! file named.
//!
//! The files come through [`Files`]: the folder on disk ([`Disk`], what
//! [`load`] uses), or a set of files in memory ([`Memory`], e.g. the
//! calendar at a git revision for `edcal diff`). Both list `posts/` and
//! `campaigns/` the same way, so the same files load the same.
//!
//! On disk, only regular files (or links to them) are read. A `*.toml` that
//! is something else (a FIFO, a socket, a device, a dangling link), a name
//! that is not UTF-8, or a folder link back to a folder being listed (a
//! loop) stops the command (exit 2) with the file named: reading a FIFO
//! would block forever, and skipping any of them silently would check a
//! calendar other than the one on disk. A folder reached twice through links
//! is read once. A file over `MAX_FILE_BYTES` is not read (a `toml-syntax` finding).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use rayon::prelude::*;
use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
use crate::discover::SETTINGS_FILE;
use crate::model::Calendar;
use crate::raw::{self, Sink};
use crate::resolve::{self, FilePosts, RawCalendar};
use crate::rules::Code;
use crate::source::{MAX_FILE_BYTES, Source, SourceId, Sources, Span};

/// Everything read from a calendar folder, resolved into the model.
#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub sources: Sources,
    pub calendar: Calendar,
    /// What reading and resolving found, in no particular order (`check`
    /// sorts them).
    pub diagnostics: Vec<Diagnostic>,
}

/// How deep `posts/` may nest folders (links are followed; loops are found
/// before this).
const MAX_DEPTH: usize = 16;

/// Where a calendar's files are read from. Paths are relative to the
/// calendar folder, `/`-separated.
pub trait Files: Sync {
    fn is_file(&self, path: &str) -> bool;
    /// Whether anything is at `path` (a FIFO, a dangling link…), to be read
    /// or refused with a reason; [`is_file`](Self::is_file) by default.
    fn exists(&self, path: &str) -> bool {
        self.is_file(path)
    }
    /// The size in bytes, checked before reading.
    fn size(&self, path: &str) -> Result<u64>;
    fn read(&self, path: &str) -> Result<Vec<u8>>;
    /// Every `*.toml` file under `dir`, recursively, sorted, hidden files and
    /// folders (`.name`) left out. A missing folder is empty.
    fn toml_files(&self, dir: &str) -> Result<Vec<String>>;
    /// Every `results/*.csv` file, sorted, hidden files left out (see
    /// `results::store`); none by default.
    fn results_files(&self) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}

/// The calendar folder on disk.
pub struct Disk<'a>(pub &'a Path);

impl Files for Disk<'_> {
    fn is_file(&self, path: &str) -> bool {
        self.0.join(path).is_file()
    }

    fn exists(&self, path: &str) -> bool {
        fs::symlink_metadata(self.0.join(path)).is_ok()
    }

    fn size(&self, path: &str) -> Result<u64> {
        let full = self.0.join(path);
        let metadata = fs::metadata(&full).map_err(|e| unreadable(&full, path, &e))?;
        if !metadata.is_file() {
            return Err(not_a_file(path, &metadata));
        }
        Ok(metadata.len())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>> {
        fs::read(self.0.join(path)).with_context(|| format!("failed to read {path}"))
    }

    fn toml_files(&self, dir: &str) -> Result<Vec<String>> {
        toml_files(self.0, dir)
    }

    fn results_files(&self) -> Result<Vec<String>> {
        crate::results::store::list(self.0)
    }
}

/// A calendar's files held in memory: relative path to bytes.
#[derive(Debug, Default)]
pub struct Memory(pub BTreeMap<String, Vec<u8>>);

impl Files for Memory {
    fn is_file(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    fn size(&self, path: &str) -> Result<u64> {
        Ok(self.0.get(path).map_or(0, |bytes| bytes.len() as u64))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>> {
        self.0
            .get(path)
            .cloned()
            .with_context(|| format!("failed to read {path}: no such file"))
    }

    fn toml_files(&self, dir: &str) -> Result<Vec<String>> {
        let prefix = format!("{dir}/");
        Ok(self
            .0
            .keys()
            .filter(|path| {
                // `*.toml` exactly, as on disk (`walk`).
                #[allow(clippy::case_sensitive_file_extension_comparisons)]
                path.strip_prefix(&prefix).is_some_and(|rest| {
                    path.ends_with(".toml") && !rest.split('/').any(|part| part.starts_with('.'))
                })
            })
            .cloned()
            .collect())
    }
}

/// The calendar folder on disk with some files replaced or added: how a
/// command checks the calendar as its edit would leave it, before writing.
pub struct Overlay<'a> {
    pub disk: Disk<'a>,
    pub files: Memory,
}

impl Files for Overlay<'_> {
    fn is_file(&self, path: &str) -> bool {
        self.files.is_file(path) || self.disk.is_file(path)
    }

    fn exists(&self, path: &str) -> bool {
        self.files.is_file(path) || self.disk.exists(path)
    }

    fn size(&self, path: &str) -> Result<u64> {
        if self.files.is_file(path) {
            return self.files.size(path);
        }
        self.disk.size(path)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>> {
        if self.files.is_file(path) {
            return self.files.read(path);
        }
        self.disk.read(path)
    }

    fn toml_files(&self, dir: &str) -> Result<Vec<String>> {
        let mut all = self.disk.toml_files(dir)?;
        all.extend(self.files.toml_files(dir)?);
        all.sort();
        all.dedup();
        Ok(all)
    }
}

/// Reads the calendar in `root`.
pub fn load(root: &Path) -> Result<Loaded> {
    load_from(root, &Disk(root))
}

/// Reads a calendar from `files`; `root` is where it is said to be.
///
/// The files load in a fixed order (settings, channels, consents,
/// campaigns, posts; each folder sorted), which gives each its source id.
/// Everything but the posts is read first (a few small files) and resolved
/// into the model. Then the posts files are read, parsed, read into the raw
/// layer and resolved in parallel (rayon), one task per file: a file's
/// syntax tree and raw posts are gone before the next file is read, so the
/// memory of a 100,000-post archive is its text and its model, never a
/// second copy of it in between. The results are joined in load
/// order, so sources and posts come out exactly as one thread would give
/// them, and an I/O error is the one the first failing file in that order
/// gives.
pub fn load_from(root: &Path, files: &dyn Files) -> Result<Loaded> {
    let mut order = vec![(SETTINGS_FILE.to_owned(), Kind::Settings)];
    if files.exists("channels.toml") {
        order.push(("channels.toml".to_owned(), Kind::Channels));
    }
    if files.exists("consents.toml") {
        order.push(("consents.toml".to_owned(), Kind::Consents));
    }
    // A folder that cannot be listed is reported in its place, after the
    // files read before it.
    let (campaigns, campaigns_error) = split(files.toml_files("campaigns"));
    let (posts, posts_error) = split(files.toml_files("posts"));
    let first_campaign = order.len();
    order.extend(campaigns.into_iter().map(|p| (p, Kind::Campaign)));
    let first_posts = order.len();

    let mut diagnostics = Vec::new();
    let reads: Vec<Result<Text>> = order
        .par_iter()
        .enumerate()
        .map(|(n, (path, _))| read_text(files, path, Sources::id_of(n)))
        .collect();
    let mut head = Vec::with_capacity(reads.len());
    let mut campaigns_error = campaigns_error;
    for (n, read) in reads.into_iter().enumerate() {
        if n == first_campaign
            && let Some(e) = campaigns_error.take()
        {
            return Err(e);
        }
        let text = read?;
        diagnostics.extend(text.diagnostics);
        head.push((text.source, text.parsable));
    }
    if let Some(e) = campaigns_error.or(posts_error) {
        return Err(e);
    }
    // The raw layer borrows the syntax trees, which borrow the texts: all
    // three live until the head of the model is resolved.
    let docs: Vec<Option<DeTable<'_>>> = head
        .iter()
        .enumerate()
        .map(|(n, (source, parsable))| {
            parse_toml(source, *parsable, Sources::id_of(n), &mut diagnostics)
        })
        .collect();
    let mut raw = RawCalendar::default();
    for (n, doc) in docs.iter().enumerate() {
        let Some(doc) = doc else { continue };
        let mut sink = Sink {
            source: Sources::id_of(n),
            diagnostics: &mut diagnostics,
        };
        match order[n].1 {
            Kind::Settings => raw.settings = raw::settings(doc, &mut sink),
            Kind::Channels => raw.channels = raw::channels(doc, &mut sink),
            Kind::Consents => raw.consents = raw::consents(doc, &mut sink),
            Kind::Campaign => raw.campaigns.extend(raw::campaign(doc, &mut sink)),
        }
    }
    let mut calendar = resolve::resolve(raw, &mut diagnostics);
    drop(docs);
    let mut sources = Sources::default();
    for (source, _) in head {
        sources.push(source);
    }

    let reads: Vec<Result<Read>> = posts
        .par_iter()
        .enumerate()
        .map(|(k, path)| -> Result<Read> {
            let id = Sources::id_of(first_posts + k);
            let mut text = read_text(files, path, id)?;
            let found = &mut text.diagnostics;
            let doc = parse_toml(&text.source, text.parsable, id, found);
            let mut posts = FilePosts::default();
            let parsed = doc.is_some();
            if let Some(doc) = doc {
                let mut sink = Sink {
                    source: id,
                    diagnostics: found,
                };
                // The sink holds the file's findings; resolving's are
                // gathered apart, then added.
                let mut resolving = Vec::new();
                raw::each_post(&doc, &mut sink, |post| {
                    posts.add(post, &calendar, &mut resolving);
                });
                found.extend(resolving);
            }
            Ok((text.source, posts, text.diagnostics, parsed))
        })
        .collect();
    let mut all = Vec::with_capacity(reads.len());
    // Whether every post written is known: a posts file that does not parse
    // hides its posts' ids.
    let mut every_post_known = true;
    for read in reads {
        let (source, posts, found, parsed) = read?;
        every_post_known &= parsed;
        sources.push(source);
        diagnostics.extend(found);
        all.push(posts);
    }
    resolve::join_posts(&mut calendar, all, &mut diagnostics);
    // The results files last: their findings need the posts.
    for rel in files.results_files()? {
        let size = files.size(&rel)?;
        let too_big = size > crate::results::store::MAX_BYTES;
        let text = if too_big {
            String::new()
        } else {
            String::from_utf8_lossy(&files.read(&rel)?).into_owned()
        };
        let id = sources.add(rel.clone(), text);
        if too_big {
            diagnostics.push(Diagnostic::new(
                Code::ResultsFormat,
                Span::new(id, 0..0),
                format!("{rel} is over 64 MiB; not read"),
            ));
        } else {
            let text = &sources.get(id).text;
            crate::results::store::check(
                &calendar,
                every_post_known,
                &rel,
                text,
                id,
                &mut diagnostics,
            );
        }
    }
    Ok(Loaded {
        root: root.to_path_buf(),
        sources,
        calendar,
        diagnostics,
    })
}

/// A posts file as loaded: its text, posts and findings, and whether it
/// parsed.
type Read = (Source, FilePosts, Vec<Diagnostic>, bool);

/// A listing's paths, or its error apart.
fn split(listing: Result<Vec<String>>) -> (Vec<String>, Option<anyhow::Error>) {
    match listing {
        Ok(paths) => (paths, None),
        Err(e) => (Vec::new(), Some(e)),
    }
}

/// What a file read before the posts holds.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Settings,
    Channels,
    Consents,
    Campaign,
}

/// One file's text and the findings about it: too large to read, or not
/// UTF-8 (then it is not `parsable`).
struct Text {
    source: Source,
    diagnostics: Vec<Diagnostic>,
    parsable: bool,
}

/// Reads one file, which gets source id `id`.
fn read_text(files: &dyn Files, path: &str, id: SourceId) -> Result<Text> {
    let mut diagnostics = Vec::new();
    let size = files.size(path)?;
    if size > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::new(
                Code::TomlSyntax,
                Span::new(id, 0..0),
                format!(
                    "{path} is {} MiB, over the {} MiB a calendar file may have",
                    size / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .help("split the file, e.g. one posts file per month"),
        );
        return Ok(Text {
            source: Source::new(path.to_owned(), String::new()),
            diagnostics,
            parsable: false,
        });
    }
    let bytes = files.read(path)?;
    let (text, utf8_error) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    if let Some(at) = utf8_error {
        diagnostics.push(
            Diagnostic::new(
                Code::TomlSyntax,
                Span::new(id, at..at + 1),
                format!("{path} is not valid UTF-8"),
            )
            .label("invalid byte sequence here")
            .help("save the file as UTF-8"),
        );
    }
    Ok(Text {
        source: Source::new(path.to_owned(), text),
        diagnostics,
        parsable: utf8_error.is_none(),
    })
}

/// Parses a file's text, or reports why it is not TOML; nothing for a file
/// that was not `parsable` (already reported).
fn parse_toml<'i>(
    source: &'i Source,
    parsable: bool,
    id: SourceId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DeTable<'i>> {
    if !parsable {
        return None;
    }
    match DeTable::parse(&source.text) {
        Ok(doc) => Some(doc.into_inner()),
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            let mut d = Diagnostic::new(
                Code::TomlSyntax,
                Span::new(id, range.clone()),
                format!("invalid TOML: {}", e.message().trim_end()),
            )
            .label(first_line(e.message()));
            if let Some(iso) = token_at(&source.text, range.start).and_then(crate::raw::iso_date) {
                d = d.help(format!(
                    "write dates as {iso} (year-month-day, without quotes)"
                ));
            }
            diagnostics.push(d);
            None
        }
    }
}

/// The bare word of TOML around byte `at`: what a person wrote as a value
/// where the parser stopped (`12/03/2027`).
fn token_at(text: &str, at: usize) -> Option<&str> {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    let stop = |c: char| c.is_whitespace() || "=[]{},#\"'".contains(c);
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(stop).map_or(text.len(), |i| at + i);
    (start < end).then(|| &text[start..end])
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").to_owned()
}

/// Every `*.toml` file under `root/dir`, recursively, as sorted relative
/// `/`-separated paths. A missing folder is empty.
fn toml_files(root: &Path, dir: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let start = root.join(dir);
    if start.is_dir() {
        let mut walk = Walk {
            found: &mut found,
            listing: Vec::new(),
            seen: BTreeSet::new(),
        };
        walk.dir(&start, dir)?;
    }
    found.sort();
    Ok(found)
}

/// One walk of a folder tree, following links.
struct Walk<'a> {
    found: &'a mut Vec<String>,
    /// The folders being listed, outermost first: real path and relative path.
    listing: Vec<(PathBuf, String)>,
    /// Every real folder listed so far.
    seen: BTreeSet<PathBuf>,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, relative: &str) -> Result<()> {
        if self.listing.len() > MAX_DEPTH {
            bail!("{relative} is nested more than {MAX_DEPTH} folders deep");
        }
        let real = fs::canonicalize(dir).with_context(|| format!("failed to list {relative}"))?;
        if let Some((_, outer)) = self.listing.iter().find(|(path, _)| *path == real) {
            bail!("{relative} is a link back to {outer} (a loop); remove the link");
        }
        if !self.seen.insert(real.clone()) {
            // Reached before through another link: its files are read once.
            return Ok(());
        }
        let mut entries: Vec<_> = fs::read_dir(dir)
            .with_context(|| format!("failed to list {relative}"))?
            .collect::<Result<_, _>>()
            .with_context(|| format!("failed to list {relative}"))?;
        entries.sort_by_key(fs::DirEntry::file_name);
        self.listing.push((real, relative.to_owned()));
        for entry in entries {
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            if bytes.starts_with(b".") {
                continue;
            }
            let path = entry.path();
            let is_toml = bytes.ends_with(b".toml");
            let Some(name) = name.to_str() else {
                if is_toml || path.is_dir() {
                    bail!(
                        "{relative}/{} has a name that is not valid UTF-8; rename it",
                        bytes.escape_ascii()
                    );
                }
                continue;
            };
            let child = format!("{relative}/{name}");
            if path.is_dir() {
                self.dir(&path, &child)?;
            } else if is_toml {
                match fs::metadata(&path) {
                    Ok(metadata) if metadata.is_file() => self.found.push(child),
                    Ok(metadata) => return Err(not_a_file(&child, &metadata)),
                    Err(e) => return Err(unreadable(&path, &child, &e)),
                }
            }
        }
        self.listing.pop();
        Ok(())
    }
}

/// Why `rel`, which exists but is no regular file, is not read.
fn not_a_file(rel: &str, metadata: &fs::Metadata) -> anyhow::Error {
    let kind = file_kind(metadata);
    anyhow!("{rel} is not a regular file but {kind}; edcal reads only files (or links to files)")
}

#[cfg(unix)]
fn file_kind(metadata: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn file_kind(metadata: &fs::Metadata) -> &'static str {
    if metadata.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

/// The error for a file whose metadata cannot be read: a dangling link says
/// where it points.
fn unreadable(full: &Path, rel: &str, error: &std::io::Error) -> anyhow::Error {
    match fs::read_link(full) {
        Ok(target) if error.kind() == std::io::ErrorKind::NotFound => anyhow!(
            "{rel} is a link to `{}`, which does not exist",
            target.display()
        ),
        _ => anyhow!("failed to read {rel}: {error}"),
    }
}
