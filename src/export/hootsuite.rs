//! Hootsuite's Bulk Composer: no header, three positional columns
//! (date-time, message, link), dates in the order picked in the upload
//! dialog, 24 h clock.
//!
//! Source: Hootsuite's article https://help.hootsuite.com/s/article/bulk-schedule
//! could not be read; the layout is what public generators and user notes
//! agree on (e.g. https://www.socialseer.com/hootschedule-generate-hootsuite-batch-publishing-files/),
//! and the 5-minute steps, one message per slot and 10-minute lead come
//! from the rules users report for Hootsuite (not verified with Hootsuite).
//! No BOM: without a header it would prefix the first date.

use super::{DateOrder, Format, Row};
use crate::model::{ExportFormat, Post};
use crate::publish::Link;

pub(crate) static FORMAT: Format = Format {
    id: ExportFormat::Hootsuite,
    product: "Hootsuite",
    header: None,
    cap: Some(350),
    link: |_: &Post, _: &str| Link::Column,
    lead_minutes: Some(10),
    spacing_minutes: Some(1),
    scheduler: true,
    check,
    record,
    by_hand: super::all_media,
    import: |tz, order| {
        format!(
            "set {tz} as your Hootsuite profile's time zone, and pick `{}` as the date format in the bulk upload dialog ({}); \
             do not open the file in a spreadsheet, which may read the date the other way",
            date_format(order),
            match order {
                DateOrder::Dmy => "day first: `04/12/2026` is 4 December",
                DateOrder::Mdy => "month first: `12/04/2026` is December 4",
            }
        )
    },
};

fn check(row: &Row<'_>) -> Result<(), String> {
    use chrono::Timelike as _;
    let minute = row.local.minute();
    if !minute.is_multiple_of(5) {
        let down = row.local - chrono::Duration::minutes(i64::from(minute % 5));
        let up = down + chrono::Duration::minutes(5);
        return Err(format!(
            "minutes must be a multiple of 5 (move it to {} or {})",
            down.format("%H:%M"),
            up.format("%H:%M")
        ));
    }
    Ok(())
}

fn date_format(order: DateOrder) -> &'static str {
    match order {
        DateOrder::Dmy => "dd/mm/yyyy hh:mm",
        DateOrder::Mdy => "mm/dd/yyyy hh:mm",
    }
}

fn record(row: &Row<'_>, order: DateOrder) -> Vec<String> {
    let pattern = match order {
        DateOrder::Dmy => "%d/%m/%Y %H:%M",
        DateOrder::Mdy => "%m/%d/%Y %H:%M",
    };
    vec![
        row.local.format(pattern).to_string(),
        row.published.text.clone(),
        row.published.link.as_deref().unwrap_or_default().to_owned(),
    ]
}
