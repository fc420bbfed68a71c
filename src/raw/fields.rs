//! Reading one TOML table key by key, reporting every problem on the way.
//!
//! A [`Fields`] wraps a parsed table. Each typed getter records the key as
//! known, checks the value's TOML type (reporting `invalid-value`, or
//! `missing-key` for the required variants) and returns it with its span.
//! [`Fields::finish`] then reports every key nobody asked for as
//! `unknown-key`, listing the keys the table has. Unlike a serde derive, which
//! stops at the first problem of a file, this reports all of them and keeps
//! the rest of the file usable.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::rules::Code;
pub use crate::source::Located;
use crate::source::{SourceId, Span};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Where findings go while reading one file.
pub struct Sink<'d> {
    pub source: SourceId,
    pub diagnostics: &'d mut Vec<Diagnostic>,
}

impl Sink<'_> {
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.source, range)
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn invalid(&mut self, value: &Value<'_>, message: impl Into<String>) {
        let span = self.span(value.span());
        self.push(Diagnostic::new(Code::InvalidValue, span, message));
    }
}

/// How a table is named in messages.
#[derive(Debug, Clone, Copy)]
pub enum Name<'t> {
    /// As is: `edcal.toml`, `a posts file`.
    Plain(&'static str),
    /// A key, in backticks: `` `post` ``.
    Key(&'t str),
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Name::Plain(name) => f.write_str(name),
            Name::Key(key) => write!(f, "`{key}`"),
        }
    }
}

/// Keys asked for by the reader of a table. A post's reader asks for 19,
/// other readers for fewer, so they all fit in a fixed array and reading a
/// table allocates nothing for it (100,000 posts).
const ASKED: usize = 24;

/// A table found and not read yet: lists of tables hold these, small,
/// rather than readers (each carries room for the keys it is asked for),
/// which 100,000 posts moved around by the megabyte.
#[derive(Debug, Clone, Copy)]
pub struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    span: Span,
    what: Name<'t>,
}

impl<'t, 'i> Table<'t, 'i> {
    /// `value` as a table, or reports that it should be one.
    fn of(value: &'t Value<'i>, what: Name<'t>, sink: &mut Sink<'_>) -> Option<Self> {
        match value.get_ref() {
            DeValue::Table(entries) => Some(Table {
                entries,
                span: sink.span(value.span()),
                what,
            }),
            other => {
                sink.invalid(
                    value,
                    format!("{what} must be a table, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// Starts reading the table.
    pub fn read(self) -> Fields<'t, 'i> {
        Fields::new(self.entries, self.span, self.what)
    }
}

/// One table being read. `what` names it in messages.
pub struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Span,
    what: Name<'t>,
    /// Every key asked for, in order, for the message about an unknown
    /// key: the first [`ASKED`] here, the others in `more`.
    asked: [&'static str; ASKED],
    len: usize,
    more: Vec<&'static str>,
    /// Bit `n`: the table's `n`-th entry was asked for, for `n` < 64
    /// (further entries are matched by name in `finish`).
    found: u64,
    /// The table's first [`KEYS`] keys and values, in its order: a lookup
    /// scans this flat array instead of walking the table's B-tree (about
    /// twenty lookups for each of 100,000 posts).
    keys: [(&'t str, Option<&'t Value<'i>>); KEYS],
    /// How many of `keys` are filled; a table with more entries is looked
    /// up in itself.
    keys_len: usize,
}

/// See [`Fields::keys`]: a post has about fifteen keys.
const KEYS: usize = 24;

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, span: Span, what: Name<'t>) -> Fields<'t, 'i> {
        let mut keys = [("", None); KEYS];
        let mut keys_len = 0;
        if table.len() <= KEYS {
            for (slot, (key, value)) in keys.iter_mut().zip(table.iter()) {
                *slot = (key.get_ref().as_ref(), Some(value));
            }
            keys_len = table.len();
        }
        Fields {
            table,
            span,
            what,
            asked: [""; ASKED],
            len: 0,
            more: Vec::new(),
            found: 0,
            keys,
            keys_len,
        }
    }

    /// Reads `value` as a table, or reports that it should be one.
    pub fn of(value: &'t Value<'i>, what: Name<'t>, sink: &mut Sink<'_>) -> Option<Self> {
        Table::of(value, what, sink).map(Table::read)
    }

    pub fn span(&self) -> Span {
        self.span
    }

    /// The raw value of `key`, marking it as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'t Value<'i>> {
        if self.len < ASKED {
            self.asked[self.len] = key;
            self.len += 1;
        } else {
            self.more.push(key);
        }
        let (n, value) = if self.keys_len > 0 || self.table.is_empty() {
            self.keys[..self.keys_len]
                .iter()
                .enumerate()
                .find(|(_, (k, _))| same_key(k, key))
                .and_then(|(n, (_, value))| Some((n, (*value)?)))?
        } else {
            self.table
                .iter()
                .enumerate()
                .find(|(_, (k, _))| same_key(k.get_ref(), key))
                .map(|(n, (_, value))| (n, value))?
        };
        if n < 64 {
            self.found |= 1 << n;
        }
        Some(value)
    }

    /// The keys asked for so far, sorted, each once.
    fn known(&self) -> Vec<&'static str> {
        let mut known: Vec<&'static str> = self.asked[..self.len]
            .iter()
            .chain(&self.more)
            .copied()
            .collect();
        known.sort_unstable();
        known.dedup();
        known
    }

    /// Reports `missing-key` when a required value is absent.
    pub fn require<T>(&self, key: &str, found: Option<T>, sink: &mut Sink<'_>) -> Option<T> {
        if found.is_none() && !self.has(key) {
            sink.push(
                Diagnostic::new(
                    Code::MissingKey,
                    self.span,
                    format!("{} has no `{key}`", self.what),
                )
                .label(format!("`{key}` is required here")),
            );
        }
        found
    }

    /// Whether the table has `key`, whatever its value.
    pub fn has(&self, key: &str) -> bool {
        self.table.iter().any(|(k, _)| k.get_ref() == key)
    }

    pub fn string(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Located<&'t str>> {
        let value = self.get(key)?;
        as_string(value, Key(key), sink)
    }

    pub fn req_string(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<Located<&'t str>> {
        let found = self.string(key, sink);
        self.require(key, found, sink)
    }

    pub fn bool(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Located<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Located::new(*b, sink.span(value.span()))),
            other => {
                sink.invalid(
                    value,
                    format!(
                        "`{key}` must be `true` or `false`, found {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    /// A non-negative integer.
    pub fn count(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Located<u32>> {
        let value = self.get(key)?;
        as_count(value, Key(key), sink)
    }

    /// A non-negative number, integer or float.
    pub fn number(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Located<f64>> {
        let value = self.get(key)?;
        let number = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|i| i as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            other => {
                sink.invalid(
                    value,
                    format!("`{key}` must be a number, found {}", type_name(other)),
                );
                return None;
            }
        };
        match number {
            Some(n) if n.is_finite() && n >= 0.0 => Some(Located::new(n, sink.span(value.span()))),
            _ => {
                sink.invalid(value, format!("`{key}` must be a number, zero or more"));
                None
            }
        }
    }

    pub fn date(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Located<NaiveDate>> {
        let value = self.get(key)?;
        as_date(value, Key(key), sink)
    }

    pub fn req_date(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<Located<NaiveDate>> {
        let found = self.date(key, sink);
        self.require(key, found, sink)
    }

    pub fn datetime(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<Located<NaiveDateTime>> {
        let value = self.get(key)?;
        as_datetime(value, Key(key), sink)
    }

    /// An array of strings; reports each element that is not one.
    pub fn strings(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<Located<Vec<Located<&'t str>>>> {
        let value = self.get(key)?;
        let items = as_array(value, Key(key), "strings", sink)?;
        let strings = items
            .iter()
            .filter_map(|item| as_string(item, ElementOf(key), sink))
            .collect();
        Some(Located::new(strings, sink.span(value.span())))
    }

    pub fn req_strings(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<Located<Vec<Located<&'t str>>>> {
        let found = self.strings(key, sink);
        self.require(key, found, sink)
    }

    /// An array of dates.
    pub fn dates(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<Located<Vec<Located<NaiveDate>>>> {
        let value = self.get(key)?;
        let items = as_array(value, Key(key), "dates", sink)?;
        let dates = items
            .iter()
            .filter_map(|item| as_date(item, ElementOf(key), sink))
            .collect();
        Some(Located::new(dates, sink.span(value.span())))
    }

    /// A sub-table.
    pub fn table(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Fields<'t, 'i>> {
        let value = self.get(key)?;
        Fields::of(value, Name::Key(key), sink)
    }

    /// An array of tables (`[[key]]` or an array of inline tables), each
    /// to be [read](Table::read).
    pub fn tables(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Vec<Table<'t, 'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Some(items) = as_array(value, Key(key), "tables", sink) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| Table::of(item, Name::Key(key), sink))
            .collect()
    }

    /// A table whose keys are ids chosen by the user (`[team.<id>]`), each
    /// mapping to a table.
    pub fn entries(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Vec<(Located<&'t str>, Table<'t, 'i>)> {
        match self.table(key, sink) {
            Some(table) => table.into_entries(sink),
            None => Vec::new(),
        }
    }

    /// Every key of this table, each mapping to a table (channels.toml,
    /// consents.toml). Consumes the reader: there are no fixed keys to check.
    pub fn into_entries(self, sink: &mut Sink<'_>) -> Vec<(Located<&'t str>, Table<'t, 'i>)> {
        self.table
            .iter()
            .filter_map(|(key, value)| {
                let name = Located::new(key.get_ref().as_ref(), sink.span(key.span()));
                let fields = Table::of(value, Name::Key(key.get_ref()), sink)?;
                Some((name, fields))
            })
            .collect()
    }

    /// Every key and value of this table, for tables whose keys are data
    /// (`[campaign.targets]`). Consumes the reader: any key is accepted.
    pub fn raw_entries(
        self,
    ) -> impl Iterator<Item = (&'t Spanned<toml::de::DeString<'i>>, &'t Value<'i>)> {
        self.table.iter()
    }

    /// Reports every key that no getter asked for.
    pub fn finish(self, sink: &mut Sink<'_>) {
        for (n, (key, _)) in self.table.iter().enumerate() {
            let name = key.get_ref();
            let asked = if n < 64 {
                self.found & (1 << n) != 0
            } else {
                self.known().contains(&name.as_ref())
            };
            if asked {
                continue;
            }
            let known = self.known();
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut diagnostic = Diagnostic::new(
                Code::UnknownKey,
                sink.span(key.span()),
                format!("unknown key `{name}` in {}", self.what),
            )
            .help(format!("{} has the keys {list}", self.what));
            if let Some(close) = closest(name, known.iter().copied()) {
                diagnostic = diagnostic.label(format!("did you mean `{close}`?"));
            }
            sink.push(diagnostic);
        }
    }
}

/// `a == b`, the first bytes compared before the rest: a table's keys
/// often share a length (`at`, `id`, `on`), and this lookup runs about
/// twenty times for each of 100,000 posts.
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The candidate closest to `word`, when it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(distance, c)| distance <= (c.chars().count().max(3) / 3).max(1) && distance > 0)
        .min()
        .map(|(_, c)| c)
}

pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(d) => match (d.date, d.time, d.offset) {
            (Some(_), None, _) => "a date",
            (None, Some(_), _) => "a time",
            (Some(_), Some(_), None) => "a local date-time",
            _ => "a date-time with offset",
        },
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

pub fn as_string<'t>(
    value: &'t Value<'_>,
    what: impl fmt::Display,
    sink: &mut Sink<'_>,
) -> Option<Located<&'t str>> {
    match value.get_ref() {
        DeValue::String(s) => Some(Located::new(s.as_ref(), sink.span(value.span()))),
        other => {
            sink.invalid(
                value,
                format!("{what} must be a string, found {}", type_name(other)),
            );
            None
        }
    }
}

pub fn as_count(
    value: &Value<'_>,
    what: impl fmt::Display,
    sink: &mut Sink<'_>,
) -> Option<Located<u32>> {
    match value.get_ref() {
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) if n >= 0 => match u32::try_from(n) {
                Ok(n) => Some(Located::new(n, sink.span(value.span()))),
                Err(_) => {
                    sink.invalid(value, format!("{what} is too large"));
                    None
                }
            },
            _ => {
                sink.invalid(value, format!("{what} must be zero or more"));
                None
            }
        },
        other => {
            sink.invalid(
                value,
                format!("{what} must be an integer, found {}", type_name(other)),
            );
            None
        }
    }
}

pub fn as_array<'t, 'i>(
    value: &'t Value<'i>,
    what: impl fmt::Display,
    of: &str,
    sink: &mut Sink<'_>,
) -> Option<&'t [Value<'i>]> {
    match value.get_ref() {
        DeValue::Array(items) => Some(items),
        other => {
            sink.invalid(
                value,
                format!(
                    "{what} must be an array of {of}, found {}",
                    type_name(other)
                ),
            );
            None
        }
    }
}

pub fn as_date(
    value: &Value<'_>,
    what: impl fmt::Display,
    sink: &mut Sink<'_>,
) -> Option<Located<NaiveDate>> {
    if let DeValue::Datetime(d) = value.get_ref()
        && let (Some(date), None, None) = (d.date, d.time, d.offset)
    {
        return match NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()) {
            Some(date) => Some(Located::new(date, sink.span(value.span()))),
            None => {
                sink.invalid(value, format!("{what} is not a calendar date"));
                None
            }
        };
    }
    let mut d = Diagnostic::new(
        Code::InvalidValue,
        sink.span(value.span()),
        format!(
            "{what} must be a date like `2026-10-05`, found {}",
            type_name(value.get_ref())
        ),
    );
    if let DeValue::String(s) = value.get_ref()
        && let Some(iso) = iso_date(s)
    {
        d = d.help(format!("write dates as {iso}, without quotes"));
    }
    sink.push(d);
    None
}

/// The date a person wrote in another form, as `YYYY-MM-DD`: day first as
/// in France (`12/03/2027`, `12-03-2027`, `12.03.2027`, `1/3/27` is not
/// taken: a two-digit year is ambiguous), year first with slashes
/// (`2027/03/12`), or a quoted `2027-03-12`. `None` when it is none of
/// these or not a calendar date.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let number = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A local date-time: wall-clock time in the calendar's zone, no offset.
pub fn as_datetime(
    value: &Value<'_>,
    what: impl fmt::Display,
    sink: &mut Sink<'_>,
) -> Option<Located<NaiveDateTime>> {
    if let DeValue::Datetime(d) = value.get_ref()
        && let (Some(date), Some(time)) = (d.date, d.time)
    {
        if d.offset.is_some() {
            sink.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    sink.span(value.span()),
                    format!("{what} must be a local date-time, without offset"),
                )
                .help("times are wall-clock times in `calendar.timezone`: write `2026-10-05T12:30:00`"),
            );
            return None;
        }
        let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into());
        let time = NaiveTime::from_hms_nano_opt(
            time.hour.into(),
            time.minute.into(),
            time.second.unwrap_or(0).into(),
            time.nanosecond.unwrap_or(0),
        );
        return match (date, time) {
            (Some(date), Some(time)) => {
                Some(Located::new(date.and_time(time), sink.span(value.span())))
            }
            _ => {
                sink.invalid(value, format!("{what} is not a valid date-time"));
                None
            }
        };
    }
    sink.invalid(
        value,
        format!(
            "{what} must be a local date-time like `2026-10-05T12:30:00`, found {}",
            type_name(value.get_ref())
        ),
    );
    None
}

/// A key named in a message: `` `key` ``. Written only when a message is,
/// not on every read.
#[derive(Debug, Clone, Copy)]
pub struct Key(pub &'static str);

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.0)
    }
}

/// An element of an array named in a message: ``an element of `key` ``.
#[derive(Debug, Clone, Copy)]
pub struct ElementOf(pub &'static str);

impl fmt::Display for ElementOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an element of `{}`", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_messages_read_as_before() {
        assert_eq!(Key("at").to_string(), "`at`");
        assert_eq!(ElementOf("tags").to_string(), "an element of `tags`");
    }

    #[test]
    fn keys_past_the_64th_are_known_by_name() {
        // 70 keys: `k00`..`k69`; the reader asks for `k03` and `k67`.
        let text: String = (0..70)
            .map(|n| format!("k{n:02} = 1"))
            .collect::<Vec<_>>()
            .join("\n");
        let doc = DeTable::parse(&text).unwrap();
        let mut diagnostics = Vec::new();
        let mut sink = Sink {
            source: crate::source::Sources::id_of(0),
            diagnostics: &mut diagnostics,
        };
        let mut fields = Fields::new(doc.get_ref(), sink.span(0..0), Name::Plain("t"));
        assert!(fields.get("k03").is_some());
        assert!(fields.get("k67").is_some());
        assert!(fields.get("absent").is_none());
        fields.finish(&mut sink);
        let unknown: Vec<&str> = diagnostics
            .iter()
            .map(|d| d.message.strip_prefix("unknown key `").unwrap())
            .map(|rest| rest.strip_suffix("` in t").unwrap())
            .collect();
        let expected: Vec<String> = (0..70)
            .filter(|n| ![3, 67].contains(n))
            .map(|n| format!("k{n:02}"))
            .collect();
        assert_eq!(unknown, expected);
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("t has the keys `absent`, `k03`, `k67`")
        );
    }

    /// The unknown keys `finish` reports after the reader asked for `asked`.
    fn unknown_after(text: &str, asked: &[&'static str]) -> Vec<String> {
        let doc = DeTable::parse(text).unwrap();
        let mut diagnostics = Vec::new();
        let mut sink = Sink {
            source: crate::source::Sources::id_of(0),
            diagnostics: &mut diagnostics,
        };
        let mut fields = Fields::new(doc.get_ref(), sink.span(0..0), Name::Plain("t"));
        for key in asked {
            fields.get(key);
        }
        fields.finish(&mut sink);
        diagnostics.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_key_asked_twice_does_not_hide_an_unknown_one() {
        assert_eq!(
            unknown_after("a = 1\nb = 2\n", &["a", "a"]),
            ["unknown key `b` in t"]
        );
        assert!(unknown_after("a = 1\nb = 2\n", &["b", "a", "b"]).is_empty());
    }

    #[test]
    fn tables_with_more_keys_than_the_fixed_array_are_read_whole() {
        let keys: Vec<&'static str> = (0..30)
            .map(|n| &*Box::leak(format!("k{n:02}").into_boxed_str()))
            .collect();
        let text = keys
            .iter()
            .map(|k| format!("{k} = 1"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(unknown_after(&text, &keys).is_empty());
        assert_eq!(unknown_after(&text, &keys[1..]), ["unknown key `k00` in t"]);
    }

    #[test]
    fn dates_written_day_first_are_read_as_french_dates() {
        assert_eq!(iso_date("12/03/2027").as_deref(), Some("2027-03-12"));
        assert_eq!(iso_date("1/3/2027").as_deref(), Some("2027-03-01"));
        assert_eq!(iso_date("12.03.2027").as_deref(), Some("2027-03-12"));
        assert_eq!(iso_date("12-03-2027").as_deref(), Some("2027-03-12"));
        assert_eq!(iso_date("2027/03/12").as_deref(), Some("2027-03-12"));
        assert_eq!(iso_date(" 2027-03-12 ").as_deref(), Some("2027-03-12"));
        assert_eq!(iso_date("31/02/2027"), None);
        assert_eq!(iso_date("03/25/2027"), None);
        assert_eq!(iso_date("12/03/27"), None);
        assert_eq!(iso_date("12/03"), None);
        assert_eq!(iso_date("mardi"), None);
    }

    #[test]
    fn closest_suggests_typos_only() {
        let ids = ["facebook", "instagram", "x"];
        assert_eq!(closest("facebok", ids), Some("facebook"));
        assert_eq!(closest("instagarm", ids), Some("instagram"));
        assert_eq!(closest("linkedin", ids), None);
        assert_eq!(closest("facebook", ids), None);
    }
}
