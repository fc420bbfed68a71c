//! Exports that are not a plain CSV: a ZIP archive of CSV files (YouTube
//! Studio's `Table data.csv`, TikTok Studio's `Content.csv`) or a
//! spreadsheet (LinkedIn's `.xls`, any sheet saved as `.xlsx`), turned into
//! the same rows of cells a CSV gives, each with its line (row) number.
//!
//! The containers are hostile too: an archive is refused when it holds more
//! than [`MAX_ENTRIES`] files or says its files hold more than
//! [`MAX_UNPACKED`] bytes, before anything is unpacked, and a CSV inside it
//! is read through a tap that stops at [`super::read::MAX_BYTES`] whatever
//! the archive says. A sheet is read with calamine, then its size is
//! checked against the reader's caps.

use std::io::{Cursor, Read as _};

use anyhow::{Context as _, Result, bail};
use calamine::{Data, Reader as _};
use chrono::{Duration, NaiveDate};

use super::format::Format;
use super::read::{self, MAX_BYTES, MAX_COLUMNS, MAX_ROWS, Records};

/// Most files an archive may hold.
pub const MAX_ENTRIES: usize = 1000;
/// Most bytes an archive may say its files hold, unpacked (256 MiB).
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// The rows of a ZIP export: a workbook (`.xlsx`), or the first CSV file in
/// it that the layout (given or detected) reads: `Table data.csv` and
/// `Content.csv` are tried first.
pub fn zip(bytes: &[u8], given: Option<&'static Format>) -> Result<Records> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).context("not a readable ZIP archive")?;
    if archive.len() > MAX_ENTRIES {
        bail!(
            "the archive holds {} files; more than {MAX_ENTRIES} are not read",
            archive.len()
        );
    }
    let mut unpacked: u64 = 0;
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let file = archive
            .by_index_raw(i)
            .context("not a readable ZIP archive")?;
        unpacked = unpacked.saturating_add(file.size());
        names.push(
            file.name()
                .context("a file name in the archive is not readable")?
                .into_owned(),
        );
    }
    if unpacked > MAX_UNPACKED {
        bail!(
            "the archive says it unpacks to {} MiB; more than {} MiB are not read",
            unpacked >> 20,
            MAX_UNPACKED >> 20
        );
    }
    if names.iter().any(|n| n == "xl/workbook.xml") {
        return workbook(bytes, given);
    }
    #[allow(clippy::case_sensitive_file_extension_comparisons)]
    let mut csvs: Vec<&String> = names
        .iter()
        .filter(|n| n.to_lowercase().ends_with(".csv") && !n.ends_with('/'))
        .collect();
    // The per-post tables first; the daily charts and totals are not per post.
    csvs.sort_by_key(|n| {
        let lower = n.to_lowercase();
        let other = !(lower.ends_with("table data.csv") || lower.ends_with("content.csv"));
        (other, (*n).clone())
    });
    if csvs.is_empty() {
        bail!("the archive holds no CSV file ({})", names.join(", "));
    }
    let mut first: Option<Records> = None;
    for name in csvs {
        let mut entry = archive
            .by_name(name)
            .with_context(|| format!("failed to unpack {name}"))?;
        let mut bytes = Vec::new();
        (&mut entry)
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("failed to unpack {name}"))?;
        if bytes.len() as u64 > MAX_BYTES {
            bail!("{name} unpacks to more than {} MiB", MAX_BYTES >> 20);
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        let records = read::records(&text).with_context(|| format!("in {name}"))?;
        if read::header(&records, given).is_ok() {
            return Ok(records);
        }
        first.get_or_insert(records);
    }
    Ok(first.unwrap_or_default())
}

/// The rows of a spreadsheet (`.xls` or `.xlsx`): the `All posts` sheet
/// (LinkedIn) if there is one, else the first sheet the layout reads, else
/// the first sheet.
pub fn workbook(bytes: &[u8], given: Option<&'static Format>) -> Result<Records> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .context("not a spreadsheet calamine can read")?;
    let mut names = book.sheet_names();
    names.sort_by_key(|n| n != "All posts");
    let mut first: Option<Records> = None;
    for name in names {
        let range = book
            .worksheet_range(&name)
            .with_context(|| format!("failed to read the sheet `{name}`"))?;
        let (rows, columns) = range.get_size();
        if columns > MAX_COLUMNS {
            bail!("the sheet `{name}` has {columns} columns; more than {MAX_COLUMNS} are not read");
        }
        if rows > MAX_ROWS + 8 {
            bail!("the sheet `{name}` has {rows} rows; more than {MAX_ROWS} are not read");
        }
        let top = range.start().map_or(0, |(row, _)| u64::from(row));
        let left = range.start().map_or(0, |(_, column)| column as usize);
        let records: Records = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![String::new(); left];
                cells.extend(row.iter().map(cell));
                (top + i as u64 + 1, cells)
            })
            .collect();
        if read::header(&records, given).is_ok() {
            return Ok(records);
        }
        first.get_or_insert(records);
    }
    Ok(first.unwrap_or_default())
}

/// A cell as the text a CSV export would hold: whole numbers without a
/// decimal point, dates as ISO 8601.
fn cell(data: &Data) -> String {
    match data {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            // Days since 1899-12-30, the spreadsheet epoch, with the time
            // as the fraction.
            let serial = d.as_f64();
            let Some(epoch) = NaiveDate::from_ymd_opt(1899, 12, 30) else {
                return String::new();
            };
            let seconds = (serial * 86_400.0).round() as i64;
            match epoch
                .and_hms_opt(0, 0, 0)
                .and_then(|e| e.checked_add_signed(Duration::seconds(seconds)))
            {
                Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
                None => String::new(),
            }
        }
        Data::Error(_) | Data::Empty => String::new(),
    }
}
