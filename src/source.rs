//! The text of every file a calendar is made of, and positions in it.
//!
//! A [`Span`] is plain data: which file, which byte range. Turning it into a
//! line and a column happens only when a diagnostic is rendered, so nothing
//! upstream pays for it. Paths are kept relative to the calendar folder with
//! `/` separators, as every message shows them.

use std::ops::Range;
use std::sync::OnceLock;

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(u32);

/// A byte range in one source file.
///
/// Offsets are `u32` so that a span stays `Copy` and small; the loader refuses
/// files over [`MAX_FILE_BYTES`], which keeps every offset representable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub source: SourceId,
    pub start: u32,
    pub end: u32,
}

/// Largest file the loader reads (8 MiB): a calendar file is a month of posts,
/// anything this big is a mistake, and offsets must fit in `u32`. The rules
/// read each post's text once per channel; at 64 MiB a hostile file took
/// minutes to check, at 8 MiB it takes seconds.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

impl Span {
    pub fn new(source: SourceId, range: Range<usize>) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            source,
            start: clamp(range.start),
            end: clamp(range.end.max(range.start)),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file of the calendar.
#[derive(Debug)]
pub struct Source {
    /// Relative to the calendar folder, `/`-separated.
    pub path: String,
    /// The file's text; invalid UTF-8 is replaced so the file can still be quoted.
    pub text: String,
    /// Where lines start, built the first time a finding in this file needs
    /// a line or column: most files of a large calendar have none, and
    /// indexing ten years of posts took 4 % of a check.
    index: OnceLock<Index>,
}

#[derive(Debug)]
struct Index {
    line_starts: Vec<usize>,
    /// `char_marks[k]`: how many characters the first `k * CHAR_MARK` bytes
    /// hold, built the first time a column is asked on a line longer than
    /// `CHAR_MARK`: a column is then counted over at most `CHAR_MARK` bytes,
    /// not the whole line (thousands of findings on one 8 MB line would
    /// otherwise cost quadratic time, found by fuzzing). Columns on shorter
    /// lines are counted from the line's start, and the file is not read
    /// for them (counting the characters of ten years of posts took a tenth
    /// of printing thousands of findings).
    char_marks: OnceLock<Vec<usize>>,
}

/// Bytes between two entries of `Index::char_marks`.
const CHAR_MARK: usize = 4096;

/// Characters in `bytes` (valid UTF-8, any byte range): the bytes that are
/// not continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl Index {
    fn of(text: &str) -> Index {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Index {
            line_starts,
            char_marks: OnceLock::new(),
        }
    }

    fn char_marks(&self, text: &str) -> &[usize] {
        self.char_marks.get_or_init(|| {
            let mut marks = vec![0];
            for chunk in text.as_bytes().chunks(CHAR_MARK) {
                marks.push(marks.last().copied().unwrap_or(0) + chars_in(chunk));
            }
            marks
        })
    }
}

impl Source {
    pub fn new(path: String, text: String) -> Source {
        Source {
            path,
            text,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(&self.text))
    }

    /// Characters in `text[..offset]`, `offset` a char boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let mark = offset / CHAR_MARK;
        self.index().char_marks(&self.text)[mark]
            + chars_in(&self.text.as_bytes()[mark * CHAR_MARK..offset])
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line_starts = &self.index().line_starts;
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let start = line_starts[line];
        let column = if offset - start <= CHAR_MARK {
            chars_in(&self.text.as_bytes()[start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(start)
        } + 1;
        (line + 1, column)
    }

    /// Byte range of the given 0-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let line_starts = &self.index().line_starts;
        let start = line_starts[line];
        let end = line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

/// The largest char boundary at or below `index`.
pub fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Every file read for one calendar, in load order.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<Source>,
}

impl Sources {
    pub fn add(&mut self, path: String, text: String) -> SourceId {
        let id = SourceId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(Source::new(path, text));
        id
    }

    /// The id the `n`-th file added gets (from 0): the loader reads files in
    /// parallel, each knowing its id, and adds them in order.
    pub fn id_of(n: usize) -> SourceId {
        SourceId(u32::try_from(n).expect("fewer than 4 billion files"))
    }

    /// Adds a file built elsewhere (see [`Sources::id_of`]).
    pub fn push(&mut self, source: Source) -> SourceId {
        let id = Sources::id_of(self.files.len());
        self.files.push(source);
        id
    }

    pub fn get(&self, id: SourceId) -> &Source {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The text a span covers.
    pub fn text(&self, span: Span) -> &str {
        let text = &self.get(span.source).text;
        let start = floor_char_boundary(text, span.start as usize);
        let end = floor_char_boundary(text, (span.end as usize).min(text.len()));
        &text[start..end]
    }

    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, s)| (SourceId(i as u32), s))
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Located<T> {
        Located { value, span }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            span: self.span,
        }
    }
}

impl Located<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl Located<&str> {
    /// The text, owned, at the same place: raw values borrow the file's
    /// syntax tree, the model owns what it keeps.
    pub fn owned(&self) -> Located<String> {
        Located::new(self.value.to_owned(), self.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let source = Source::new("a.toml".into(), "a = 1\ntitre = \"é\" x\n".into());
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(6), (2, 1));
        // `x` comes after the two-byte `é`: byte 19, character column 13.
        assert_eq!(source.line_col(19), (2, 13));
        assert_eq!(source.line_range(1), 6..20);
    }

    #[test]
    fn columns_count_characters_across_marks() {
        let line = "é".repeat(3 * CHAR_MARK);
        let text = format!("x\n{line}\nz");
        let source = Source::new("a.toml".into(), text.clone());
        for offset in [
            2,
            3,
            4,
            CHAR_MARK,
            CHAR_MARK + 2,
            2 * CHAR_MARK + 7,
            text.len(),
        ] {
            let offset = floor_char_boundary(&text, offset);
            let (line, column) = source.line_col(offset);
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(column, text[start..offset].chars().count() + 1, "{offset}");
            assert_eq!(line, text[..offset].matches('\n').count() + 1);
        }
    }

    #[test]
    fn columns_count_characters_on_short_and_long_lines() {
        // A short line, then one longer than `CHAR_MARK` bytes of two-byte
        // characters: columns counted from the line's start and through the
        // marks agree with counting every character.
        let long = "é".repeat(3 * CHAR_MARK);
        let text = format!("ab\nçà x\n{long}z\n");
        let source = Source::new("a.toml".into(), text.clone());
        for offset in [
            0,
            1,
            3,
            5,
            7,
            10,
            12 + 2 * CHAR_MARK,
            10 + 6 * CHAR_MARK + 1,
        ] {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let column = text[line_start..offset].chars().count() + 1;
            assert_eq!(source.line_col(offset), (line, column), "offset {offset}");
        }
    }

    #[test]
    fn offsets_past_the_end_stay_in_bounds() {
        let source = Source::new("a.toml".into(), "ab\r\ncd".into());
        assert_eq!(source.line_col(100), (2, 3));
        assert_eq!(source.line_range(0), 0..2);
    }
}
