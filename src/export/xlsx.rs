//! `edcal export xlsx`: the exported rows as a typed spreadsheet, for the
//! team to read, filter and annotate, where a CSV file would be read by
//! guesswork.
//!
//! One sheet per channel and a summary first. Every text is written as a
//! string cell, never a formula, whatever it starts with (`=`, `+`, `-`,
//! `@`): the cell type says so, and no protective `'` is needed. Times are
//! real date cells in the export zone, shown `dd/mm/yyyy hh:mm` for a French
//! calendar (`yyyy-mm-dd hh:mm` otherwise), so that sorting and filtering
//! by date work and no day/month order is guessed. The header row is
//! frozen and carries an autofilter; columns have set widths and the text
//! wraps. The selection and the gates are the CSV export's; the file's
//! creation date is the export's "now", so the same calendar and the same
//! `--now` give the same bytes.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use chrono::{Datelike as _, NaiveDateTime, Timelike as _};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Workbook, Worksheet};

use super::{CsvExport, CsvOptions, Listed, Row};
use crate::model::{Calendar, ExportFormat, Language};

/// What `edcal export xlsx` has to say: the file and the pairs left out.
#[derive(Debug, Default)]
pub struct XlsxExport {
    pub bytes: Vec<u8>,
    /// Rows written, by channel.
    pub rows: BTreeMap<String, usize>,
    pub skipped: Vec<Listed>,
    pub refused: Vec<Listed>,
}

/// Builds the workbook of the selection (`options.format` is ignored).
pub fn xlsx(calendar: &Calendar, options: &CsvOptions) -> Result<XlsxExport> {
    let mut options = options.clone();
    options.format = Some(ExportFormat::Generic);
    let mut listing = CsvExport::default();
    let selected = super::selected(calendar, &options, &mut listing)?;
    let mut out = XlsxExport {
        skipped: listing.skipped,
        ..XlsxExport::default()
    };
    let mut sheets: Vec<(&str, Vec<Row<'_>>)> = Vec::new();
    for (channel, (_, mut rows)) in selected {
        rows.sort_by(|a, b| (a.instant, &a.id).cmp(&(b.instant, &b.id)));
        let mut kept = Vec::with_capacity(rows.len());
        for row in rows {
            match control(&row) {
                Some(reason) => out.refused.push(Listed {
                    refusal: None,
                    channel: channel.to_owned(),
                    id: row.id.clone(),
                    at: Some(row.local),
                    reason,
                }),
                None => kept.push(row),
            }
        }
        out.rows.insert(channel.to_owned(), kept.len());
        sheets.push((channel, kept));
    }
    let order = |l: &Listed| (l.channel.clone(), l.at.is_none(), l.at, l.id.clone());
    out.skipped.sort_by_key(order);
    out.refused.sort_by_key(order);
    out.bytes = workbook(calendar, &options, &sheets)?;
    Ok(out)
}

/// A control character in any text of the row (XML cannot even hold most
/// of them; `check` reports them as `control-character`).
fn control(row: &Row<'_>) -> Option<String> {
    let texts = [
        row.published.text.as_str(),
        row.post.title.as_str(),
        row.published.link.as_deref().unwrap_or_default(),
    ];
    texts
        .iter()
        .find_map(|t| crate::rules::find_controls(t).first().copied())
        .map(|(_, c)| {
            format!(
                "the text holds the control character {} (`edcal check` points at it)",
                crate::rules::describe_control(c)
            )
        })
}

struct Words {
    summary: &'static str,
    headers: [&'static str; 8],
    summary_headers: [&'static str; 5],
    date_format: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::Fr => Words {
            summary: "Résumé",
            headers: [
                "Date et heure",
                "Publication",
                "Titre",
                "Statut",
                "Texte",
                "Lien",
                "Médias",
                "Hashtags",
            ],
            summary_headers: ["Canal", "Réseau", "Publications", "Première", "Dernière"],
            date_format: "dd/mm/yyyy hh:mm",
        },
        Language::En => Words {
            summary: "Summary",
            headers: [
                "Date and time",
                "Post",
                "Title",
                "Status",
                "Text",
                "Link",
                "Media",
                "Hashtags",
            ],
            summary_headers: ["Channel", "Network", "Posts", "First", "Last"],
            date_format: "yyyy-mm-dd hh:mm",
        },
    }
}

/// An Excel date-time cell value for a wall-clock time.
fn excel_time(t: NaiveDateTime) -> Result<ExcelDateTime> {
    let year = u16::try_from(t.year()).context("a year before 0 cannot be written")?;
    let narrow = |n: u32| u8::try_from(n).unwrap_or(0);
    Ok(
        ExcelDateTime::from_ymd(year, narrow(t.month()), narrow(t.day()))?.and_hms(
            u16::from(narrow(t.hour())),
            narrow(t.minute()),
            t.second(),
        )?,
    )
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &CellFormat) -> Result<()> {
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(0, col, *name, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn workbook(
    calendar: &Calendar,
    options: &CsvOptions,
    sheets: &[(&str, Vec<Row<'_>>)],
) -> Result<Vec<u8>> {
    let words = words(calendar.settings.language);
    let labels = crate::plan::labels::Labels::new(calendar.settings.language);
    let mut book = Workbook::new();
    let created = excel_time(options.now.naive_utc())?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = CellFormat::new().set_bold();
    let date = CellFormat::new().set_num_format(words.date_format);
    let wrap = CellFormat::new().set_text_wrap();
    let plain = CellFormat::new();

    let summary = book.add_worksheet();
    summary.set_name(words.summary)?;
    header(summary, &words.summary_headers, &bold)?;
    for (row, (channel, rows)) in (1u32..).zip(sheets) {
        let network = calendar.channels[*channel].network.name();
        summary.write_string_with_format(row, 0, *channel, &plain)?;
        summary.write_string_with_format(row, 1, network, &plain)?;
        summary.write_number(row, 2, u32::try_from(rows.len()).unwrap_or(u32::MAX))?;
        if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
            summary.write_datetime_with_format(row, 3, excel_time(first.local)?, &date)?;
            summary.write_datetime_with_format(row, 4, excel_time(last.local)?, &date)?;
        }
    }
    let last = u32::try_from(sheets.len()).unwrap_or(u32::MAX);
    summary.autofilter(0, 0, last, 4)?;
    for (col, width) in [(0, 16), (1, 12), (2, 13), (3, 17), (4, 17)] {
        summary.set_column_width(col, width)?;
    }

    for (channel, rows) in sheets {
        let sheet = book.add_worksheet();
        // Excel's sheet names: 31 characters at most; channel ids are
        // `[a-z0-9-]`, so nothing else to replace.
        let name: String = channel.chars().take(31).collect();
        sheet.set_name(name)?;
        header(sheet, &words.headers, &bold)?;
        for (r, row) in (1u32..).zip(rows) {
            sheet.write_datetime_with_format(r, 0, excel_time(row.local)?, &date)?;
            let media = super::all_media(row).join("\n");
            let cells = [
                row.id.as_str(),
                row.post.title.as_str(),
                labels.status(row.post.status.value),
                row.published.text.as_str(),
                row.published.link.as_deref().unwrap_or_default(),
                media.as_str(),
                &row.published.hashtags.join(" "),
            ];
            for (col, cell) in (1u16..).zip(cells) {
                // A string cell, whatever the text starts with: never a
                // formula.
                let format = if col == 4 { &wrap } else { &plain };
                sheet.write_string_with_format(r, col, cell, format)?;
            }
        }
        let last = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        sheet.autofilter(0, 0, last, 7)?;
        for (col, width) in [
            (0, 17),
            (1, 28),
            (2, 36),
            (3, 12),
            (4, 70),
            (5, 40),
            (6, 40),
            (7, 24),
        ] {
            sheet.set_column_width(col, width)?;
        }
    }
    Ok(book.save_to_buffer()?)
}
