//! The one write path to the user's files: open a calendar file as a
//! format-preserving `toml_edit` document, change it, and write it back
//! atomically, refusing when the file changed on disk since it was read.
//!
//! Every command that edits the calendar (`schedule --write`, `approve`,
//! `review`, `freeze`, `fmt`, `new`, and `submit`, `reject`, `note`,
//! `published`, `cancel`, `milestone`) goes through [`Edit`], so that all of
//! them keep comments, key order and layout, never leave a half-written
//! file, and never overwrite somebody else's change:
//!
//! 1. [`Edit::open`] reads the bytes and keeps them;
//! 2. the caller edits [`Edit::doc_mut`] (helpers below find a post and set a
//!    variant's `at`);
//! 3. [`Edit::commit`] renders the document, keeps the original's line ends
//!    (CRLF stays CRLF) and its final newline (or its absence), writes a
//!    temporary file in the same folder, copies the file's permissions,
//!    syncs it, re-reads the file on disk and compares it with the bytes read
//!    at open, then renames the temporary file over it (atomic on POSIX and
//!    NTFS within one folder) and syncs the folder. A failure at any step
//!    leaves the original file untouched and removes the temporary file.
//!
//! The comparison right before the rename narrows, but cannot close, the
//! window in which another writer's change is lost: a plain-text calendar in
//! git has no lock to take. This module does file I/O: commands call it from
//! `run`, never from the pure core.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDateTime;
use toml_edit::{DocumentMut, Item, Table, Value};

/// One calendar file opened for editing.
#[derive(Debug)]
pub struct Edit {
    path: PathBuf,
    /// Relative to the calendar folder, `/`-separated, for messages.
    rel: String,
    original: String,
    doc: DocumentMut,
}

impl Edit {
    /// Opens `rel` (relative to the calendar folder `root`, `/`-separated).
    pub fn open(root: &Path, rel: &str) -> Result<Edit> {
        let path = root.join(rel);
        let bytes = fs::read(&path).with_context(|| format!("failed to read {rel}"))?;
        let original = String::from_utf8(bytes)
            .map_err(|_| anyhow!("{rel} is not valid UTF-8; not edited"))?;
        let doc: DocumentMut = original
            .parse()
            .map_err(|e: toml_edit::TomlError| syntax_error(rel, &original, &e))?;
        Ok(Edit {
            path,
            rel: rel.to_owned(),
            original,
            doc,
        })
    }

    /// The text as read.
    pub fn original(&self) -> &str {
        &self.original
    }

    pub fn doc_mut(&mut self) -> &mut DocumentMut {
        &mut self.doc
    }

    /// The text [`commit`](Self::commit) would write.
    pub fn render(&self) -> String {
        let mut text = self.doc.to_string();
        let crlf = self.original.contains("\r\n");
        if crlf && !has_lone_lf(&self.original) {
            text = to_crlf(&text);
        }
        let ending = if crlf { "\r\n" } else { "\n" };
        if !self.original.is_empty()
            && !self.original.ends_with('\n')
            && let Some(stripped) = text.strip_suffix(ending)
        {
            text.truncate(stripped.len());
        }
        text
    }

    /// Writes the document back; `false` when nothing changed (nothing is
    /// written then).
    pub fn commit(self) -> Result<bool> {
        self.commit_with(|_| Ok(()))
    }

    /// [`commit`](Self::commit), calling `before_rename` with the temporary
    /// file's path once it is written and synced, right before the rename.
    /// It is the fault-injection hook of the tests: an error there must leave
    /// the original intact.
    pub fn commit_with(
        self,
        before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
    ) -> Result<bool> {
        let text = self.render();
        if text == self.original {
            return Ok(false);
        }
        replace_file(
            &self.path,
            &self.rel,
            Some(self.original.as_bytes()),
            text.as_bytes(),
            before_rename,
        )?;
        Ok(true)
    }
}

/// Writes `bytes` in place of the file at `path` (`rel` names it in
/// messages) without ever leaving a partial file, and only while the file
/// still holds `expected` (`None`: while there is no file): a temporary file
/// beside it, given the file's permissions and flushed to disk, then renamed
/// over it after the file is read once more. `before_rename` is called with
/// the temporary file's path right before that: the fault-injection hook of
/// the tests, where an error must leave the file intact.
pub fn replace_file(
    path: &Path,
    rel: &str,
    expected: Option<&[u8]>,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| anyhow!("{rel} has no folder"))?;
    let (tmp, mut file) = temp_file(dir, path).with_context(|| {
        format!("failed to create a temporary file beside {rel}; nothing written")
    })?;
    let written = (|| -> Result<()> {
        let half = bytes.len() / 2;
        file.write_all(&bytes[..half])?;
        fault("mid-write");
        file.write_all(&bytes[half..])?;
        match fs::metadata(path) {
            Ok(metadata) => file.set_permissions(metadata.permissions())?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        file.sync_all()?;
        drop(file);
        before_rename(&tmp)?;
        fault("before-rename");
        let on_disk = match fs::read(path) {
            Ok(on_disk) => Some(on_disk),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        };
        if on_disk.as_deref() != expected {
            bail!(
                "{rel} changed on disk since it was read; nothing written, run the command again"
            );
        }
        fs::rename(&tmp, path)?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("failed to write {rel}"));
    }
    // Make the rename itself durable; not every platform can open a folder.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A file that does not parse, named with the place and the first line of
/// the parser's message: its own rendering quotes the whole line, and a
/// 2 MB line printed 4 MB.
fn syntax_error(rel: &str, text: &str, e: &toml_edit::TomlError) -> anyhow::Error {
    let at = e.span().map_or(0, |span| span.start.min(text.len()));
    let before = &text[..crate::source::floor_char_boundary(text, at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let message = e.message().lines().next().unwrap_or("").trim_end();
    anyhow!("{rel}:{line}:{column} is not valid TOML ({message}); not edited")
}

/// The fault-injection hook of the end-to-end tests, in debug builds only
/// (`cargo test` builds; never a release): `EDCAL_FAULT=mid-write` or
/// `before-rename` aborts the process at that point of every commit, as a
/// kill or a power cut would. The original file must come out intact.
#[cfg(debug_assertions)]
fn fault(point: &str) {
    if std::env::var_os("EDCAL_FAULT").is_some_and(|at| at == point) {
        std::process::abort();
    }
}

#[cfg(not(debug_assertions))]
fn fault(_point: &str) {}

fn has_lone_lf(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, b)| *b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
}

fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// A new file `.<name>.edcal-<n>.tmp` beside `path`, created exclusively.
fn temp_file(dir: &Path, path: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.edcal-{n}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// A native TOML local date-time, `2026-10-05T18:00:00`.
pub fn local_datetime(at: NaiveDateTime) -> Value {
    let text = at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let datetime: toml_edit::Datetime = text.parse().expect("a formatted local date-time parses");
    Value::from(datetime)
}

/// Sets `variants.<channel>.at` of the `nth` (0-based) `[[post]]` whose `id`
/// is `post_id`. An existing variant table (standard, implicit, dotted or
/// inline) gets an `at` key after its other keys (replacing an `at` that is
/// there); a missing one is created as a standard `[post.variants.<channel>]`
/// table right after the post's other sub-tables, so that the file only gains
/// lines.
pub fn set_variant_at(
    doc: &mut DocumentMut,
    post_id: &str,
    nth: usize,
    channel: &str,
    at: NaiveDateTime,
) -> Result<()> {
    let value = local_datetime(at);
    // The position a new table takes: right after the post's last table.
    let (after, is_table) = {
        let post = post_item(doc, post_id, nth)?;
        match post {
            PostRef::Table(t) => (max_position(t), true),
            PostRef::Inline(_) => (None, false),
        }
    };
    let needs_new_table = {
        let post = post_item(doc, post_id, nth)?;
        match post {
            PostRef::Table(t) => !matches!(
                t.get("variants").and_then(|v| v.get(channel)),
                Some(Item::Table(_) | Item::Value(Value::InlineTable(_)))
            ),
            PostRef::Inline(_) => false,
        }
    };
    let position = if is_table && needs_new_table {
        after.map(|p| {
            shift_positions(doc.as_table_mut(), p);
            p + 1
        })
    } else {
        None
    };
    let post = post_item(doc, post_id, nth)?;
    match post {
        PostRef::Table(t) => {
            let variants = t.entry("variants").or_insert_with(|| {
                let mut v = Table::new();
                v.set_implicit(true);
                Item::Table(v)
            });
            match variants {
                Item::Table(variants) => {
                    let variant = variants.entry(channel).or_insert_with(|| {
                        let mut v = Table::new();
                        v.set_position(position);
                        Item::Table(v)
                    });
                    set_at(variant, value)
                }
                Item::Value(Value::InlineTable(variants)) => {
                    let variant = inline_entry(variants, channel);
                    match variant {
                        Value::InlineTable(v) => {
                            insert_inline(v, value);
                            Ok(())
                        }
                        _ => bail!("`variants.{channel}` of post `{post_id}` is not a table"),
                    }
                }
                _ => bail!("`variants` of post `{post_id}` is not a table"),
            }
        }
        PostRef::Inline(t) => {
            let Value::InlineTable(variants) = inline_entry(t, "variants") else {
                bail!("`variants` of post `{post_id}` is not a table");
            };
            let variant = inline_entry(variants, channel);
            let Value::InlineTable(variant) = variant else {
                bail!("`variants.{channel}` of post `{post_id}` is not a table");
            };
            insert_inline(variant, value);
            Ok(())
        }
    }
}

/// Sets `at` in an inline table, `{ text = "t", at = … }`: the space before
/// the closing brace stays before it.
fn insert_inline(table: &mut toml_edit::InlineTable, mut value: Value) {
    if let Some(old) = table.get_mut("at") {
        *value.decor_mut() = old.decor().clone();
        *old = value;
        return;
    }
    let suffix = table.iter_mut().last().and_then(|(_, last)| {
        let suffix = last.decor().suffix().cloned();
        last.decor_mut().set_suffix("");
        suffix
    });
    value.decor_mut().set_prefix(" ");
    if let Some(suffix) = suffix {
        value.decor_mut().set_suffix(suffix);
    }
    table.insert("at", value);
}

/// The value of `key` in an inline table, a new empty inline table after
/// the last key when missing: `{ a = { … }, key = {} }`, the space before
/// the closing brace kept before it (not left before the comma).
fn inline_entry<'t>(table: &'t mut toml_edit::InlineTable, key: &str) -> &'t mut Value {
    if !table.contains_key(key) {
        insert_inline_key(
            table,
            key,
            Value::InlineTable(toml_edit::InlineTable::new()),
        );
    }
    table.get_mut(key).expect("just inserted")
}

fn set_at(variant: &mut Item, value: Value) -> Result<()> {
    match variant {
        Item::Table(t) => {
            // An implicit table (only `[[post.variants.x.media]]` below it)
            // shows its header once it holds a key.
            t.set_implicit(false);
            t.insert("at", Item::Value(value));
            Ok(())
        }
        Item::Value(Value::InlineTable(t)) => {
            insert_inline(t, value);
            Ok(())
        }
        _ => bail!("a variant is not a table"),
    }
}

enum PostRef<'a> {
    Table(&'a mut Table),
    Inline(&'a mut toml_edit::InlineTable),
}

/// The `nth` `[[post]]` (or inline `post = [{…}]` entry) whose `id` is `id`.
fn post_item<'a>(doc: &'a mut DocumentMut, id: &str, nth: usize) -> Result<PostRef<'a>> {
    let has_id = |v: Option<&Value>| v.and_then(Value::as_str) == Some(id);
    match doc.get_mut("post") {
        Some(Item::ArrayOfTables(posts)) => posts
            .iter_mut()
            .filter(|t| has_id(t.get("id").and_then(Item::as_value)))
            .nth(nth)
            .map(PostRef::Table),
        Some(Item::Value(Value::Array(posts))) => posts
            .iter_mut()
            .filter_map(|v| v.as_inline_table_mut())
            .filter(|t| has_id(t.get("id")))
            .nth(nth)
            .map(PostRef::Inline),
        _ => None,
    }
    .ok_or_else(|| anyhow!("no post `{id}` in the file"))
}

/// The largest position among `table` and every table below it.
fn max_position(table: &Table) -> Option<isize> {
    let mut max = table.position();
    for (_, item) in table {
        let below = match item {
            Item::Table(t) => max_position(t),
            Item::ArrayOfTables(a) => a.iter().filter_map(max_position).max(),
            _ => None,
        };
        max = max.max(below);
    }
    max
}

/// Makes room after position `after`: every table placed later moves by one.
fn shift_positions(table: &mut Table, after: isize) {
    if let Some(p) = table.position()
        && p > after
    {
        table.set_position(Some(p + 1));
    }
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => shift_positions(t, after),
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    shift_positions(t, after);
                }
            }
            _ => {}
        }
    }
}

/// Sets `key` of the `nth` (0-based) `[[post]]` whose `id` is `post_id` to
/// `value`. An existing value keeps its decor (the spaces around it and a
/// trailing comment: `status = "draft"  # …` stays commented); a new key goes
/// at its place in the canonical key order (`format::order`), so that
/// `approve` does not leave work for `edcal fmt --check`.
pub fn set_post_value(
    doc: &mut DocumentMut,
    post_id: &str,
    nth: usize,
    key: &str,
    value: Value,
) -> Result<()> {
    match post_item(doc, post_id, nth)? {
        PostRef::Table(t) => match t.get_mut(key) {
            Some(Item::Value(old)) => replace_value(old, value),
            Some(_) => bail!("`{key}` of post `{post_id}` is a table, not a value"),
            None => insert_in_order(
                t,
                key,
                Item::Value(value),
                &crate::format::order(crate::format::Kind::Posts, "post.[]"),
            ),
        },
        PostRef::Inline(t) => match t.get_mut(key) {
            Some(old) => replace_value(old, value),
            None => {
                insert_inline_key(t, key, value);
            }
        },
    }
    Ok(())
}

/// Sets the sub-table `key` of a post (`approval`, `medical_review`) to
/// `fields`, in order. An inline table (`approval = { … }`) is replaced in
/// place, keeping its decor (a trailing comment stays); a standard
/// `[post.approval]` table gets each field set (other keys and comments
/// kept); a missing one becomes an inline table after the post's other keys.
pub fn set_post_table(
    doc: &mut DocumentMut,
    post_id: &str,
    nth: usize,
    key: &str,
    fields: Vec<(&str, Value)>,
) -> Result<()> {
    let mut inline = toml_edit::InlineTable::new();
    for (k, v) in &fields {
        inline.insert(*k, v.clone());
    }
    inline.fmt();
    let new = Value::InlineTable(inline);
    if let PostRef::Table(t) = post_item(doc, post_id, nth)?
        && let Some(Item::Table(table)) = t.get_mut(key)
    {
        for (k, v) in fields {
            match table.get_mut(k) {
                Some(Item::Value(old)) => replace_value(old, v),
                _ => {
                    table.insert(k, Item::Value(v));
                }
            }
        }
        return Ok(());
    }
    set_post_value(doc, post_id, nth, key, new)
}

/// The position a new table of the `nth` post `post_id` takes: right after
/// the post's last table, the later tables moved down by one so that the
/// file only gains lines there. `None` for a post without positions.
fn next_position(doc: &mut DocumentMut, post_id: &str, nth: usize) -> Result<Option<isize>> {
    let after = match post_item(doc, post_id, nth)? {
        PostRef::Table(t) => max_position(t),
        PostRef::Inline(_) => {
            bail!("post `{post_id}` is written inline (`post = [{{ … }}]`); edit it by hand")
        }
    };
    Ok(after.map(|p| {
        shift_positions(doc.as_table_mut(), p);
        p + 1
    }))
}

/// Appends `[[post.<key>]]` (a note) with `fields` to the `nth` post
/// `post_id`, right after the post's other tables.
pub fn push_post_table(
    doc: &mut DocumentMut,
    post_id: &str,
    nth: usize,
    key: &str,
    fields: Vec<(&str, Value)>,
) -> Result<()> {
    let position = next_position(doc, post_id, nth)?;
    let PostRef::Table(t) = post_item(doc, post_id, nth)? else {
        bail!("post `{post_id}` is written inline; edit it by hand");
    };
    let mut table = Table::new();
    table.set_position(position);
    for (k, v) in fields {
        table.insert(k, Item::Value(v));
    }
    match t
        .entry(key)
        .or_insert_with(|| Item::ArrayOfTables(toml_edit::ArrayOfTables::new()))
    {
        Item::ArrayOfTables(a) => {
            a.push(table);
            Ok(())
        }
        _ => bail!(
            "`{key}` of post `{post_id}` is not written as [[post.{key}]] tables; edit it by hand"
        ),
    }
}

/// Sets `[post.<key>.<sub>]` (a channel's publication) of the `nth` post
/// `post_id` to `fields`: an existing table (standard or inline) gets each
/// field set, its other keys and comments kept; a missing one is a standard
/// table right after the post's other tables.
pub fn set_post_subtable(
    doc: &mut DocumentMut,
    post_id: &str,
    nth: usize,
    key: &str,
    sub: &str,
    fields: Vec<(&str, Value)>,
) -> Result<()> {
    let exists = match post_item(doc, post_id, nth)? {
        PostRef::Table(t) => t.get(key).and_then(|k| k.get(sub)).is_some(),
        PostRef::Inline(_) => false,
    };
    let position = if exists {
        None
    } else {
        next_position(doc, post_id, nth)?
    };
    let PostRef::Table(t) = post_item(doc, post_id, nth)? else {
        bail!("post `{post_id}` is written inline; edit it by hand");
    };
    let outer = t.entry(key).or_insert_with(|| {
        let mut o = Table::new();
        o.set_implicit(true);
        Item::Table(o)
    });
    let set = |table: &mut dyn toml_edit::TableLike, fields: Vec<(&str, Value)>| {
        for (k, v) in fields {
            match table.get_mut(k) {
                Some(Item::Value(old)) => replace_value(old, v),
                _ => {
                    table.insert(k, Item::Value(v));
                }
            }
        }
    };
    match outer {
        Item::Table(outer) => {
            let inner = outer.entry(sub).or_insert_with(|| {
                let mut t = Table::new();
                t.set_position(position);
                Item::Table(t)
            });
            match inner {
                Item::Table(inner) => {
                    inner.set_implicit(false);
                    set(inner, fields);
                }
                Item::Value(Value::InlineTable(inner)) => {
                    for (k, v) in fields {
                        match inner.get_mut(k) {
                            Some(old) => replace_value(old, v),
                            None => insert_inline_key(inner, k, v),
                        }
                    }
                }
                _ => bail!("`{key}.{sub}` of post `{post_id}` is not a table"),
            }
        }
        Item::Value(Value::InlineTable(outer)) => {
            let Value::InlineTable(inner) = inline_entry(outer, sub) else {
                bail!("`{key}.{sub}` of post `{post_id}` is not a table");
            };
            for (k, v) in fields {
                match inner.get_mut(k) {
                    Some(old) => replace_value(old, v),
                    None => insert_inline_key(inner, k, v),
                }
            }
        }
        _ => bail!("`{key}` of post `{post_id}` is not a table"),
    }
    Ok(())
}

/// Inserts `key` before the first value key that comes after it in `order`
/// (keys `order` does not know count as last), moving the later value keys
/// with their decor (comments stay with their key). Sub-tables keep their
/// place: they are laid out by position, not by key order.
fn insert_in_order(t: &mut Table, key: &str, item: Item, order: &[&str]) {
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    let later: Vec<String> = t
        .iter()
        .filter(|(k, v)| v.is_value() && rank(k) > rank(key))
        .map(|(k, _)| k.to_owned())
        .collect();
    let moved: Vec<_> = later.iter().filter_map(|k| t.remove_entry(k)).collect();
    t.insert(key, item);
    for (k, v) in moved {
        t.insert_formatted(&k, v);
    }
}

/// Replaces a value, keeping its decor; a trailing comment stays in its
/// column when the spaces before it allow (`status = "draft"   # …`).
pub fn replace_value(old: &mut Value, mut value: Value) {
    let mut decor = old.decor().clone();
    let width = |v: &Value| {
        let mut v = v.clone();
        v.decor_mut().clear();
        v.to_string().chars().count()
    };
    let (was, is) = (width(old), width(&value));
    if let Some(suffix) = decor.suffix().and_then(|s| s.as_str()) {
        let comment = suffix.trim_start_matches(' ');
        let spaces = suffix.len() - comment.len();
        if comment.starts_with('#') && spaces > 0 {
            let spaces = (spaces + was).saturating_sub(is).max(1);
            decor.set_suffix(format!("{}{comment}", " ".repeat(spaces)));
        }
    }
    *value.decor_mut() = decor;
    *old = value;
}

/// Appends `key = value` to an inline table, `{ a = 1, key = value }`.
fn insert_inline_key(table: &mut toml_edit::InlineTable, key: &str, mut value: Value) {
    let suffix = table.iter_mut().last().and_then(|(_, last)| {
        let suffix = last.decor().suffix().cloned();
        last.decor_mut().set_suffix("");
        suffix
    });
    value.decor_mut().set_prefix(" ");
    if let Some(suffix) = suffix {
        value.decor_mut().set_suffix(suffix);
    }
    table.insert(key, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    fn edit(text: &str, edits: &[(&str, &str, &str)]) -> String {
        let mut doc: DocumentMut = text.parse().unwrap();
        for (post, channel, time) in edits {
            set_variant_at(&mut doc, post, 0, channel, at(time)).unwrap();
        }
        doc.to_string()
    }

    const POSTS: &str = "\
# Octobre — comments stay.

[[post]]
id = \"a\"   # first
channels = [\"facebook\", \"instagram\"]

[[post.media]]
file = \"m.jpg\"

[post.variants.instagram]  # keep me
text = \"insta\"

# before b
[[post]]
id = \"b\"
channels = [\"x\"]
variants = { x = { text = \"t\" } }

[[post]]
id = \"c\"
channels = [\"x\"]
";

    #[test]
    fn a_new_variant_table_goes_after_the_posts_other_tables() {
        let out = edit(POSTS, &[("a", "facebook", "2026-10-05T18:00:00")]);
        let expected = POSTS.replace(
            "text = \"insta\"\n",
            "text = \"insta\"\n\n[post.variants.facebook]\nat = 2026-10-05T18:00:00\n",
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn existing_standard_and_inline_variants_get_an_at_key() {
        let out = edit(
            POSTS,
            &[
                ("a", "instagram", "2026-10-05T19:00:00"),
                ("b", "x", "2026-10-06T08:30:00"),
            ],
        );
        let expected = POSTS
            .replace(
                "text = \"insta\"\n",
                "text = \"insta\"\nat = 2026-10-05T19:00:00\n",
            )
            .replace(
                "{ x = { text = \"t\" } }",
                "{ x = { text = \"t\", at = 2026-10-06T08:30:00 } }",
            );
        assert_eq!(out, expected);
    }

    /// Found by tests/it/schedule_properties.rs: a second channel added to an
    /// inline `variants` table left the closing brace's space before the
    /// comma, `{ fb = { … } , li = { … } }`.
    #[test]
    fn a_new_channel_in_an_inline_variants_table_keeps_its_spacing() {
        let out = edit(
            &POSTS.replace(
                "channels = [\"x\"]\nvariants",
                "channels = [\"x\", \"y\"]\nvariants",
            ),
            &[
                ("b", "x", "2026-10-06T08:30:00"),
                ("b", "y", "2026-10-07T09:00:00"),
            ],
        );
        assert!(
            out.contains(
                "variants = { x = { text = \"t\", at = 2026-10-06T08:30:00 }, y = { at = 2026-10-07T09:00:00 } }\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn the_last_post_gets_its_table_at_the_end() {
        let out = edit(POSTS, &[("c", "x", "2026-10-07T08:30:00")]);
        assert_eq!(
            out,
            format!("{POSTS}\n[post.variants.x]\nat = 2026-10-07T08:30:00\n")
        );
    }

    #[test]
    fn an_unknown_post_is_an_error() {
        let mut doc: DocumentMut = POSTS.parse().unwrap();
        let err = set_variant_at(&mut doc, "zz", 0, "x", at("2026-10-07T08:30:00")).unwrap_err();
        assert_eq!(err.to_string(), "no post `zz` in the file");
    }

    #[test]
    fn a_note_goes_after_the_posts_tables_and_before_the_next_posts_comment() {
        let mut doc: DocumentMut = POSTS.parse().unwrap();
        let note = |text: &str| vec![("by", Value::from("lead")), ("text", Value::from(text))];
        push_post_table(&mut doc, "a", 0, "note", note("un")).unwrap();
        push_post_table(&mut doc, "a", 0, "note", note("deux")).unwrap();
        let expected = POSTS.replace(
            "text = \"insta\"\n",
            "text = \"insta\"\n\n[[post.note]]\nby = \"lead\"\ntext = \"un\"\n\n[[post.note]]\nby = \"lead\"\ntext = \"deux\"\n",
        );
        assert_eq!(doc.to_string(), expected);
    }

    #[test]
    fn a_publication_is_a_new_table_then_its_keys_are_replaced_in_place() {
        let mut doc: DocumentMut = POSTS.parse().unwrap();
        let publication = |url: &str| vec![("url", Value::from(url))];
        set_post_subtable(&mut doc, "c", 0, "published", "x", publication("https://a")).unwrap();
        assert_eq!(
            doc.to_string(),
            format!("{POSTS}\n[post.published.x]\nurl = \"https://a\"\n")
        );
        let mut doc: DocumentMut =
            format!("{POSTS}\n[post.published.x]\nurl = \"https://a\"   # first\n")
                .parse()
                .unwrap();
        set_post_subtable(&mut doc, "c", 0, "published", "x", publication("https://b")).unwrap();
        assert_eq!(
            doc.to_string(),
            format!("{POSTS}\n[post.published.x]\nurl = \"https://b\"   # first\n")
        );
    }

    #[test]
    fn an_inline_post_is_left_to_the_user() {
        let mut doc: DocumentMut = "post = [{ id = \"i\", channels = [\"x\"] }]\n"
            .parse()
            .unwrap();
        let err = push_post_table(&mut doc, "i", 0, "note", vec![]).unwrap_err();
        assert!(err.to_string().contains("written inline"), "{err}");
    }

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("posts.toml");
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn commit_writes_atomically_and_keeps_crlf_and_a_missing_final_newline() {
        let text = "[[post]]\r\nid = \"c\"\r\nchannels = [\"x\"]";
        let (dir, path) = file(text);
        let mut e = Edit::open(dir.path(), "posts.toml").unwrap();
        set_variant_at(e.doc_mut(), "c", 0, "x", at("2026-10-07T08:30:00")).unwrap();
        assert!(e.commit().unwrap());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "[[post]]\r\nid = \"c\"\r\nchannels = [\"x\"]\r\n\r\n[post.variants.x]\r\nat = 2026-10-07T08:30:00"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left");
    }

    /// Regression: the parser's own message quoted the whole
    /// line, so a 2 MB line made a 4 MB error.
    #[test]
    fn a_syntax_error_is_named_briefly() {
        let (dir, _) = file(&format!("a = 1\nb = \"{}\" c = 2\n", "é".repeat(1_000_000)));
        let err = Edit::open(dir.path(), "posts.toml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "posts.toml:2:1000008 is not valid TOML (unexpected key or value, expected newline, `#`); not edited"
        );
    }

    #[test]
    fn an_unchanged_document_writes_nothing() {
        let (dir, _) = file(POSTS);
        let e = Edit::open(dir.path(), "posts.toml").unwrap();
        assert!(!e.commit().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn commit_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = file(POSTS);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let mut e = Edit::open(dir.path(), "posts.toml").unwrap();
        set_variant_at(e.doc_mut(), "c", 0, "x", at("2026-10-07T08:30:00")).unwrap();
        e.commit().unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_original_intact() {
        let (dir, path) = file(POSTS);
        let mut e = Edit::open(dir.path(), "posts.toml").unwrap();
        set_variant_at(e.doc_mut(), "c", 0, "x", at("2026-10-07T08:30:00")).unwrap();
        let err = e
            .commit_with(|tmp| {
                assert!(tmp.exists());
                Err(std::io::Error::other("injected fault"))
            })
            .unwrap_err();
        assert!(format!("{err:#}").contains("injected fault"), "{err:#}");
        assert_eq!(fs::read_to_string(&path).unwrap(), POSTS);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let (dir, path) = file(POSTS);
        let mut e = Edit::open(dir.path(), "posts.toml").unwrap();
        set_variant_at(e.doc_mut(), "c", 0, "x", at("2026-10-07T08:30:00")).unwrap();
        fs::write(&path, "# someone else's edit\n").unwrap();
        let err = e.commit().unwrap_err();
        assert!(
            format!("{err:#}").contains("posts.toml changed on disk since it was read"),
            "{err:#}"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# someone else's edit\n"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
