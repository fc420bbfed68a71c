//! Reading a calendar folder: every file, in sorted order, parsed into the
//! raw layer.
//!
//! The loader owns all file-system reads of a check. It keeps each file's
//! text in [`Sources`] so findings can quote it, turns TOML syntax errors and
//! invalid UTF-8 into `toml-syntax` diagnostics like any other finding, and
//! hands the raw layer to `resolve`. I/O failures (an unreadable file) are
//! errors that stop the command, with the file named.
//!
//! The files come through [`Files`]: the folder on disk ([`Disk`], what
//! [`load`] uses), or a set of files in memory ([`Memory`], e.g. the
//! calendar at a git revision for `edcal diff`). Both list `posts/` and
//! `campaigns/` the same way, so the same files load the same.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
use crate::discover::SETTINGS_FILE;
use crate::raw::{self, Sink};
use crate::resolve::RawCalendar;
use crate::source::{MAX_FILE_BYTES, Sources, Span};

/// Everything read from a calendar folder.
#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub sources: Sources,
    pub raw: RawCalendar,
    pub diagnostics: Vec<Diagnostic>,
}

/// How deep `posts/` may nest folders; deeper is certainly a link loop.
const MAX_DEPTH: usize = 16;

/// Where a calendar's files are read from. Paths are relative to the
/// calendar folder, `/`-separated.
pub trait Files {
    fn is_file(&self, path: &str) -> bool;
    /// The size in bytes, checked before reading.
    fn size(&self, path: &str) -> Result<u64>;
    fn read(&self, path: &str) -> Result<Vec<u8>>;
    /// Every `*.toml` file under `dir`, recursively, sorted, hidden files and
    /// folders (`.name`) left out. A missing folder is empty.
    fn toml_files(&self, dir: &str) -> Result<Vec<String>>;
}

/// The calendar folder on disk.
pub struct Disk<'a>(pub &'a Path);

impl Files for Disk<'_> {
    fn is_file(&self, path: &str) -> bool {
        self.0.join(path).is_file()
    }

    fn size(&self, path: &str) -> Result<u64> {
        Ok(fs::metadata(self.0.join(path))
            .with_context(|| format!("failed to read {path}"))?
            .len())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>> {
        fs::read(self.0.join(path)).with_context(|| format!("failed to read {path}"))
    }

    fn toml_files(&self, dir: &str) -> Result<Vec<String>> {
        toml_files(self.0, dir)
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

/// Reads the calendar in `root`.
pub fn load(root: &Path) -> Result<Loaded> {
    load_from(root, &Disk(root))
}

/// Reads a calendar from `files`; `root` is where it is said to be.
pub fn load_from(root: &Path, files: &dyn Files) -> Result<Loaded> {
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        sources: Sources::default(),
        raw: RawCalendar::default(),
        diagnostics: Vec::new(),
    };
    if let Some(settings) = loaded.read(files, SETTINGS_FILE, raw::settings)? {
        loaded.raw.settings = settings;
    }
    if files.is_file("channels.toml") {
        loaded.raw.channels = loaded
            .read(files, "channels.toml", raw::channels)?
            .unwrap_or_default();
    }
    if files.is_file("consents.toml") {
        loaded.raw.consents = loaded
            .read(files, "consents.toml", raw::consents)?
            .unwrap_or_default();
    }
    for path in files.toml_files("campaigns")? {
        if let Some(Some(campaign)) = loaded.read(files, &path, raw::campaign)? {
            loaded.raw.campaigns.push(campaign);
        }
    }
    for path in files.toml_files("posts")? {
        if let Some(posts) = loaded.read(files, &path, raw::posts)? {
            loaded.raw.posts.extend(posts);
        }
    }
    Ok(loaded)
}

impl Loaded {
    /// Reads and parses one file and reads its raw content with `read`;
    /// `None` when it is not valid TOML (the finding is recorded).
    fn read<T>(
        &mut self,
        files: &dyn Files,
        path: &str,
        read: impl FnOnce(&DeTable<'_>, &mut Sink<'_>) -> T,
    ) -> Result<Option<T>> {
        let size = files.size(path)?;
        if size > MAX_FILE_BYTES {
            let id = self.sources.add(path.to_owned(), String::new());
            self.diagnostics.push(
                Diagnostic::new(
                    "toml-syntax",
                    Span::new(id, 0..0),
                    format!(
                        "{path} is {} MiB, over the {} MiB a calendar file may have",
                        size / (1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                )
                .help("split the file, e.g. one posts file per month"),
            );
            return Ok(None);
        }
        let bytes = files.read(path)?;
        let (text, utf8_error) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
            }
        };
        let id = self.sources.add(path.to_owned(), text);
        if let Some(at) = utf8_error {
            self.diagnostics.push(
                Diagnostic::new(
                    "toml-syntax",
                    Span::new(id, at..at + 1),
                    format!("{path} is not valid UTF-8"),
                )
                .label("invalid byte sequence here")
                .help("save the file as UTF-8"),
            );
            return Ok(None);
        }
        let text = &self.sources.get(id).text;
        match DeTable::parse(text) {
            Ok(doc) => {
                let mut sink = Sink {
                    source: id,
                    diagnostics: &mut self.diagnostics,
                };
                Ok(Some(read(doc.get_ref(), &mut sink)))
            }
            Err(e) => {
                let range = e.span().unwrap_or(0..0);
                self.diagnostics.push(
                    Diagnostic::new(
                        "toml-syntax",
                        Span::new(id, range),
                        format!("invalid TOML: {}", e.message().trim_end()),
                    )
                    .label(first_line(e.message())),
                );
                Ok(None)
            }
        }
    }
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
        walk(&start, dir, 0, &mut found)?;
    }
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, relative: &str, depth: usize, found: &mut Vec<String>) -> Result<()> {
    if depth > MAX_DEPTH {
        anyhow::bail!("{relative} is nested more than {MAX_DEPTH} folders deep (a link loop?)");
    }
    let mut entries: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("failed to list {relative}"))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("failed to list {relative}"))?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let child = format!("{relative}/{name}");
        if path.is_dir() {
            walk(&path, &child, depth + 1, found)?;
        } else if name.ends_with(".toml") && path.is_file() {
            found.push(child);
        }
    }
    Ok(())
}
