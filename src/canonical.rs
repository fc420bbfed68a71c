//! The canonical layout of a calendar file, as `edcal fmt` writes it.
//!
//! It works on a `toml_edit` document, so comments and values are carried
//! over untouched; only the layout around them changes:
//!
//! - **key order**: the keys of each table in the order of the file format
//!   (the reference tables of the manual; for posts, the order of its
//!   example: identity, routing, workflow, timing, content). Keys the format
//!   does not have come after, in their order. Tables (`[[post.media]]`,
//!   `[post.variants.x]`…) stay where they are: they are already grouped
//!   under their post, and moving them would move the comments between them.
//! - **spacing**: `key = value`, no indentation, no trailing whitespace; one
//!   blank line before each table header (none at the top of the file), no
//!   blank line between the keys of a table (comment lines stay with the key
//!   below them), runs of blank lines collapsed to one; a comment after a
//!   value keeps its column.
//! - **arrays**: on one line as `["a", "b"]`, or, past 100 columns, one item
//!   a line with a trailing comma. An array holding comments keeps its
//!   layout. Inline tables as `{ by = "lead", on = 2026-09-28 }`.
//! - **dates**: local date-times as `2026-10-05T12:30:00` (a `T`, seconds
//!   written); dates as they are.
//! - one final newline.
//!
//! Strings and numbers keep their representation (`"""` text stays `"""`,
//! `0.10` stays `0.10`): the data is never rewritten, only its layout.
//! [`format`] is idempotent: a canonical file is returned unchanged.

use toml_edit::{Array, DocumentMut, InlineTable, Item, RawString, Table, Value};

use crate::format::Kind;
use crate::format::{keyed_by_id, order};

/// Widest line an array is kept on.
const MAX_WIDTH: usize = 100;

fn child(kind: Kind, path: &str, key: &str) -> String {
    let step = if keyed_by_id(kind, path) { "*" } else { key };
    if path.is_empty() {
        step.to_owned()
    } else {
        format!("{path}.{step}")
    }
}

fn rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

/// Rewrites `doc` in the canonical layout of a file of `kind`.
pub fn format(doc: &mut DocumentMut, kind: Kind) {
    let root_has_values = doc.iter().any(|(_, item)| item.is_value());
    let first_table = if root_has_values {
        None
    } else {
        first_position(doc.as_table())
    };
    let mut state = State { kind, first_table };
    state.table(doc.as_table_mut(), "", true);
    let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
    doc.set_trailing(lines(&trailing, false, true));
}

struct State {
    kind: Kind,
    /// The position of the table shown first, when no key comes before it.
    first_table: Option<isize>,
}

impl State {
    /// `first`: this table's keys come first in the file.
    fn table(&mut self, table: &mut Table, path: &str, root: bool) {
        let order = order(self.kind, path);
        table.sort_values_by(|a, _, b, _| rank(&order, a.get()).cmp(&rank(&order, b.get())));
        if !root && !table.is_implicit() {
            let at_top = self.first_table.is_some() && table.position() == self.first_table;
            let decor = table.decor_mut();
            let prefix = raw(decor.prefix());
            let suffix = raw(decor.suffix());
            decor.set_prefix(lines(&prefix, !at_top, false));
            decor.set_suffix(suffix.trim_end().to_owned());
        }
        let kind = self.kind;
        for (mut key, item) in table.iter_mut() {
            let here = child(kind, path, key.get());
            match item {
                Item::Value(value) => {
                    let prefix = raw(key.leaf_decor().prefix());
                    key.fmt();
                    key.leaf_decor_mut().set_prefix(key_prefix(&prefix));
                    key.leaf_decor_mut().set_suffix(" ");
                    let width = key.get().len() + 3;
                    self.value(value, &here, width);
                    let suffix = raw(value.decor().suffix());
                    value.decor_mut().set_prefix(" ");
                    value.decor_mut().set_suffix(suffix.trim_end().to_owned());
                }
                Item::Table(t) => self.table(t, &here, false),
                Item::ArrayOfTables(tables) => {
                    let item_path = format!("{here}.[]");
                    for t in tables.iter_mut() {
                        self.table(t, &item_path, false);
                    }
                }
                Item::None => {}
            }
        }
    }

    /// `width`: the columns before the value on its line.
    fn value(&mut self, value: &mut Value, path: &str, width: usize) {
        match value {
            Value::Datetime(formatted) => {
                let mut datetime = *formatted.value();
                if let Some(time) = &mut datetime.time
                    && time.second.is_none()
                {
                    time.second = Some(0);
                }
                let decor = formatted.decor().clone();
                let mut fresh = toml_edit::Formatted::new(datetime);
                *fresh.decor_mut() = decor;
                // Only when the text differs: an unchanged value keeps its
                // representation byte for byte.
                if fresh.display_repr() != formatted.display_repr() {
                    *formatted = fresh;
                }
            }
            Value::Array(array) => self.array(array, path, width),
            Value::InlineTable(table) => self.inline_table(table, path),
            _ => {}
        }
    }

    fn array(&mut self, array: &mut Array, path: &str, width: usize) {
        let item_path = format!("{path}.[]");
        let has_comment = array.iter().any(|v| {
            raw(v.decor().prefix()).contains('#') || raw(v.decor().suffix()).contains('#')
        }) || raw(Some(array.trailing())).contains('#');
        for v in array.iter_mut() {
            self.value(v, &item_path, width);
        }
        if has_comment {
            return;
        }
        for (i, v) in array.iter_mut().enumerate() {
            v.decor_mut().set_prefix(if i == 0 { "" } else { " " });
            v.decor_mut().set_suffix("");
        }
        array.set_trailing("");
        array.set_trailing_comma(false);
        let one_line = array.to_string();
        if width + one_line.trim().len() > MAX_WIDTH && !one_line.contains('\n') {
            for v in array.iter_mut() {
                v.decor_mut().set_prefix("\n    ");
            }
            array.set_trailing("\n");
            array.set_trailing_comma(true);
        }
    }

    fn inline_table(&mut self, table: &mut InlineTable, path: &str) {
        let order = order(self.kind, path);
        table.sort_values_by(|a, _, b, _| rank(&order, a.get()).cmp(&rank(&order, b.get())));
        let kind = self.kind;
        for (mut key, value) in table.iter_mut() {
            let here = child(kind, path, key.get());
            key.fmt();
            self.value(value, &here, 0);
        }
        // Default decor: `{ key = value, key = value }`.
        table.fmt();
        table.set_trailing("");
        table.set_trailing_comma(false);
    }
}

/// The smallest position of a table shown in the file.
fn first_position(table: &Table) -> Option<isize> {
    let mut first: Option<isize> = None;
    let mut see = |p: Option<isize>| {
        if let Some(p) = p {
            first = Some(first.map_or(p, |f| f.min(p)));
        }
    };
    for (_, item) in table {
        match item {
            Item::Table(t) => {
                if !t.is_implicit() {
                    see(t.position());
                }
                see(first_position(t));
            }
            Item::ArrayOfTables(tables) => {
                for t in tables {
                    see(t.position());
                    see(first_position(t));
                }
            }
            _ => {}
        }
    }
    first
}

fn raw(s: Option<&RawString>) -> String {
    s.and_then(RawString::as_str).unwrap_or("").to_owned()
}

/// A key's prefix: its comment lines, unindented, with no blank line: the
/// keys of a table stand together, whatever order they come in.
fn key_prefix(prefix: &str) -> String {
    let mut text = String::new();
    for line in lines(prefix, false, false)
        .split('\n')
        .filter(|l| !l.is_empty())
    {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The lines of a decor prefix (or the file's trailer): comments kept and
/// unindented, trailing whitespace removed, runs of blank lines collapsed.
/// The indentation after the last newline (before the key) is dropped.
///
/// Before a table header (`blank`) there is one blank line: at the start,
/// unless a blank line already separates comments that end the previous
/// table from the header's own. Elsewhere leading blank lines are dropped;
/// in the `trailer` (the end of the file) trailing ones too.
fn lines(text: &str, blank: bool, trailer: bool) -> String {
    let mut parts: Vec<&str> = text.split('\n').collect();
    // The last part is what stands before the key or header on its line.
    let last = parts.pop().unwrap_or("");
    let mut out: Vec<&str> = Vec::new();
    for line in parts.iter().map(|l| l.trim()) {
        if line.is_empty() && out.last().is_some_and(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    if !last.trim().is_empty() {
        // A comment with no newline after it: only at the end of the file.
        out.push(last.trim());
    }
    if trailer {
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
    }
    let separated = out.iter().any(|l| l.is_empty()) && out.first().is_some_and(|l| !l.is_empty());
    if !(blank && separated) {
        while out.first().is_some_and(|l| l.is_empty()) {
            out.remove(0);
        }
    }
    let mut text = String::new();
    if blank && !separated {
        text.push('\n');
    }
    for line in out {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str, kind: Kind) -> String {
        let mut doc: DocumentMut = text.parse().unwrap();
        format(&mut doc, kind);
        doc.to_string()
    }

    /// The same data: both texts parse to the same TOML values (`12:30` and
    /// `12:30:00` being the same time).
    fn same_data(a: &str, b: &str) {
        fn seconds(value: &mut toml::Value) {
            match value {
                toml::Value::Datetime(d) => {
                    if let Some(t) = &mut d.time {
                        t.second.get_or_insert(0);
                    }
                }
                toml::Value::Array(items) => items.iter_mut().for_each(seconds),
                toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| seconds(v)),
                _ => {}
            }
        }
        let mut a = toml::Value::Table(toml::from_str(a).unwrap());
        let mut b = toml::Value::Table(toml::from_str(b).unwrap());
        seconds(&mut a);
        seconds(&mut b);
        assert_eq!(a, b);
    }

    const MESSY: &str = "# Posts — the header comment stays.


[[post]]
  status=\"draft\"      # still a draft
title   =  'Marche nordique'
id = \"or26-marche\"
channels = [ \"facebook\" ,\"instagram\", ]
approval = {on=2026-09-28,by=\"lead\"}
at = 2026 - 10 - 05 12:30
text = \"\"\"
Ligne un,   espaces gardés.
\"\"\"



themes = [
  \"prevention\", # why this theme
]
  [post.variants.instagram]
at=2026-10-05T18:00:00
text = \"Insta\"
[[post.media]]
file = \"m.jpg\"
# a comment that ends the media table

# and one for the next post
[[post]]
id = \"b\"
title = \"B\"
channels = [\"x\"]
status = \"idea\"
between = [2026-10-01, 2026-10-10]
# trailing comment


";

    #[test]
    fn messy_posts_get_the_canonical_layout_and_keep_comments_and_data() {
        let messy = MESSY.replace("2026 - 10 - 05 12:30", "2026-10-05 12:30");
        let out = fmt(&messy, Kind::Posts);
        assert_eq!(
            out,
            "# Posts — the header comment stays.

[[post]]
id = \"or26-marche\"
title = 'Marche nordique'
themes = [
  \"prevention\", # why this theme
]
channels = [\"facebook\", \"instagram\"]
status = \"draft\"      # still a draft
approval = { by = \"lead\", on = 2026-09-28 }
at = 2026-10-05T12:30:00
text = \"\"\"
Ligne un,   espaces gardés.
\"\"\"

[post.variants.instagram]
text = \"Insta\"
at = 2026-10-05T18:00:00

[[post.media]]
file = \"m.jpg\"
# a comment that ends the media table

# and one for the next post
[[post]]
id = \"b\"
title = \"B\"
channels = [\"x\"]
status = \"idea\"
between = [2026-10-01, 2026-10-10]
# trailing comment
"
        );
        same_data(&messy, &out);
        assert_eq!(fmt(&out, Kind::Posts), out, "idempotent");
    }

    #[test]
    fn long_arrays_go_one_item_a_line() {
        let slots: Vec<String> = (0..12)
            .map(|h| format!("\"mon {:02}:00\"", h + 8))
            .collect();
        let text = format!(
            "[facebook]\nslots = [{}]\nnetwork = \"facebook\"\n",
            slots.join(",")
        );
        let out = fmt(&text, Kind::Channels);
        assert!(
            out.starts_with("[facebook]\nnetwork = \"facebook\"\nslots = [\n    \"mon 08:00\",\n"),
            "{out}"
        );
        assert!(out.ends_with("    \"mon 19:00\",\n]\n"), "{out}");
        same_data(&text, &out);
        assert_eq!(fmt(&out, Kind::Channels), out);
    }

    #[test]
    fn unknown_keys_go_last_in_their_order() {
        let out = fmt(
            "[calendar]\nzz = 1\ntimezone = \"UTC\"\naa = 2\nname = \"n\"\n",
            Kind::Settings,
        );
        assert_eq!(
            out,
            "[calendar]\nname = \"n\"\ntimezone = \"UTC\"\nzz = 1\naa = 2\n"
        );
    }

    #[test]
    fn the_example_calendar_and_the_init_templates_are_canonical() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["calendar", "templates/init", "examples/minimal"] {
            let files = crate::load::Disk(&root.join(dir));
            let mut paths: Vec<String> = ["edcal.toml", "channels.toml", "consents.toml"]
                .into_iter()
                .map(str::to_owned)
                .collect();
            paths.extend(crate::load::Files::toml_files(&files, "campaigns").unwrap());
            paths.extend(crate::load::Files::toml_files(&files, "posts").unwrap());
            for rel in paths {
                let Ok(text) = std::fs::read_to_string(root.join(dir).join(&rel)) else {
                    continue;
                };
                // The init templates hold placeholders where dates go.
                let text = text
                    .replace("{YEAR}", "2026")
                    .replace("{NEXT_YEAR}", "2027");
                let text = text
                    .replace("{CAMPAIGN_START}", "2027-01-01")
                    .replace("{CAMPAIGN_END}", "2027-01-31");
                let text = text
                    .replace("{TODAY}", "2026-11-25")
                    .replace("{POST_DAY}", "2027-01-12");
                let text = text.replace("{CAMPAIGN_MONTH}", "2027-01");
                let canonical = fmt(&text, Kind::of(&rel).unwrap()) == text;
                assert!(
                    canonical,
                    "{dir}/{rel} is not canonical: run `edcal fmt` on it"
                );
                checked += 1;
            }
        }
        assert!(checked > 10);
    }
}
