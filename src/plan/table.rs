//! The terminal tables of every human report (`plan week`, `backlog`,
//! `campaign`): one house style, and one promise: **an id, a date or a code
//! is never cut in two**.
//!
//! comfy-table wraps a cell at its spaces, and cuts a word that is wider than
//! its column: `lucas-assistant` became `lucas-assistan` / `t`, which nobody
//! can copy into a command. So before a table is drawn, every column is made
//! at least as wide as the widest piece that must stay whole in it: every
//! word (an id, a code, a URL, `12:30`, `201/63206`), and, in the columns
//! declared [`TextTable::whole`] (days, statuses, windows), every line. A
//! title still wraps, at its spaces; a word of more than 60 columns (a URL
//! pasted in a title) may be cut.
//!
//! With fixed widths ([`TextTable::widths`]) the room a column needs beyond
//! its width is taken from the column declared flexible (the title's), down
//! to its own widest piece, then from the room other columns leave unused;
//! when even that is not enough, the table grows wider than
//! [`TABLE_WIDTH`]: a wide table beats a broken id.

use std::fmt;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

/// Width of terminal tables, whatever the terminal.
pub const TABLE_WIDTH: u16 = 100;

/// Columns take one space of padding on each side.
const PADDING: u16 = 2;

/// Words longer than this are not kept whole: no id or code is that long,
/// and a URL pasted in a title must not make the table hundreds of
/// columns wide.
const LONGEST_WHOLE_WORD: usize = 60;

/// A table in the house style, drawn by its `Display`.
#[derive(Debug, Clone)]
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Widths, padding included, and the column that gives room.
    widths: Option<(Vec<u16>, usize)>,
    /// Columns whose lines never wrap.
    whole: Vec<usize>,
}

impl TextTable {
    pub fn new(header: Vec<String>) -> TextTable {
        TextTable {
            header,
            rows: Vec::new(),
            widths: None,
            whole: Vec::new(),
        }
    }

    /// Fixed widths, padding included, so that several tables line up;
    /// `flexible` is the column that gives room to the others when their
    /// ids need it.
    pub fn widths(&mut self, widths: &[u16], flexible: usize) -> &mut TextTable {
        self.widths = Some((widths.to_vec(), flexible));
        self
    }

    /// Columns whose every line stays on one line (a day and date, a
    /// status, a window of dates): only other columns wrap.
    pub fn whole(&mut self, columns: &[usize]) -> &mut TextTable {
        self.whole.extend_from_slice(columns);
        self
    }

    pub fn add_row(&mut self, row: Vec<String>) -> &mut TextTable {
        self.rows.push(row);
        self
    }

    /// Per column, padding included: the narrowest it may be (its widest
    /// whole piece), and the width its widest line takes (what it uses
    /// without wrapping anything). Header included.
    fn measure(&self) -> (Vec<u16>, Vec<u16>) {
        let columns = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0);
        let padded = |w: usize| u16::try_from(w).unwrap_or(u16::MAX).saturating_add(PADDING);
        (0..columns)
            .map(|i| {
                let whole_lines = self.whole.contains(&i);
                let lines = || {
                    std::iter::once(&self.header)
                        .chain(&self.rows)
                        .filter_map(move |row| row.get(i))
                        .flat_map(|cell| cell.lines())
                };
                let widest_line = lines().map(str::width).max().unwrap_or(0);
                let floor = if whole_lines {
                    widest_line
                } else {
                    lines()
                        .flat_map(|line| line.split(' '))
                        .map(str::width)
                        .filter(|&w| w <= LONGEST_WHOLE_WORD)
                        .max()
                        .unwrap_or(0)
                };
                (padded(floor), padded(widest_line))
            })
            .unzip()
    }

    /// The comfy-table to draw, constraints set.
    fn build(&self) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(TABLE_WIDTH)
            .set_header(self.header.clone());
        for row in &self.rows {
            table.add_row(row.clone());
        }
        let (floors, used) = self.measure();
        let constraints: Vec<ColumnConstraint> = match &self.widths {
            Some((widths, flexible)) => fixed(widths, *flexible, &floors, &used)
                .into_iter()
                .map(|w| ColumnConstraint::Absolute(Width::Fixed(w)))
                .collect(),
            None => floors
                .iter()
                .map(|&w| ColumnConstraint::LowerBoundary(Width::Fixed(w)))
                .collect(),
        };
        let total: u16 = constraints
            .iter()
            .map(|c| match c {
                ColumnConstraint::Absolute(Width::Fixed(w))
                | ColumnConstraint::LowerBoundary(Width::Fixed(w)) => *w,
                _ => 0,
            })
            .sum();
        // Borders: one per column, plus one.
        let needed = total.saturating_add(u16::try_from(constraints.len()).unwrap_or(0) + 1);
        if needed > TABLE_WIDTH {
            table.set_width(needed);
        }
        for (column, constraint) in table.column_iter_mut().zip(constraints) {
            column.set_constraint(constraint);
        }
        table
    }
}

/// `widths` grown to `floors`. The growth is taken from `flexible` down to
/// its floor, then from the other columns, last first, each down to the
/// width it `used` (so that nothing else starts to wrap), and the table
/// grows by what is left.
fn fixed(widths: &[u16], flexible: usize, floors: &[u16], used: &[u16]) -> Vec<u16> {
    let at = |v: &[u16], i: usize| v.get(i).copied().unwrap_or(0);
    let mut out: Vec<u16> = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| w.max(at(floors, i)))
        .collect();
    let mut grown: u16 = out.iter().zip(widths).map(|(o, w)| o - w).sum();
    let givers = (0..out.len()).rev().filter(|&i| i != flexible);
    for i in std::iter::once(flexible).chain(givers) {
        let keep = if i == flexible {
            at(floors, i)
        } else {
            at(used, i).max(at(floors, i))
        };
        let Some(width) = out.get_mut(i) else {
            continue;
        };
        let given = grown.min(width.saturating_sub(keep));
        *width -= given;
        grown -= given;
    }
    out
}

impl fmt::Display for TextTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &TextTable) -> Vec<String> {
        t.to_string().lines().map(str::to_owned).collect()
    }

    #[test]
    fn an_id_wider_than_its_column_is_never_cut() {
        let mut t = TextTable::new(vec!["Post".into(), "Statut".into()]);
        t.widths(&[30, 8], 0);
        t.add_row(vec![
            "journee-rein\nUn titre qui passe à la ligne sans souci".into(),
            "brouillon\nlucas-assistant".into(),
        ]);
        let text = t.to_string();
        assert!(text.contains("lucas-assistant"), "{text}");
        assert!(text.contains("brouillon"), "{text}");
        // The status column took its room from the title's.
        let width = lines(&t)[0].chars().count();
        assert_eq!(width, 30 + 8 + 3, "{text}");
    }

    #[test]
    fn whole_columns_keep_their_lines_and_titles_wrap() {
        let mut t = TextTable::new(vec!["Fenêtre".into(), "Titre".into()]);
        t.whole(&[0]);
        t.add_row(vec![
            "du lundi 5 au vendredi 9 octobre".into(),
            "Un titre très long qui doit passer à la ligne, plusieurs fois même, \
             parce que la table ne fait que cent colonnes de large en tout"
                .into(),
        ]);
        let text = t.to_string();
        assert!(text.contains("du lundi 5 au vendredi 9 octobre"), "{text}");
        assert!(lines(&t).iter().all(|l| l.chars().count() <= 100), "{text}");
        assert!(lines(&t).len() > 5, "the title wraps: {text}");
    }

    #[test]
    fn a_table_too_narrow_for_its_ids_grows() {
        let mut t = TextTable::new(vec!["a".into(), "b".into()]);
        t.widths(&[10, 10], 0);
        let long = "x".repeat(60);
        t.add_row(vec!["court".into(), long.clone()]);
        let text = t.to_string();
        assert!(text.contains(&long), "{text}");
    }

    #[test]
    fn a_word_longer_than_any_id_wraps_rather_than_widen_the_table() {
        let mut t = TextTable::new(vec!["a".into()]);
        t.add_row(vec![format!("https://example.org/{}", "x".repeat(300))]);
        assert!(lines(&t).iter().all(|l| l.chars().count() <= 100), "{t}");
    }
}
