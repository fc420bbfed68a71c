//! Sprout Social's bulk scheduling: the required, case-sensitive columns
//! `date,time_24hr,message_text`; the date in the order chosen in the import
//! preferences, the time on 24 hours.
//!
//! Source: Sprout's help article,
//! https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling: 350
//! messages per import, at least 10 minutes after the upload and 10 minutes
//! between any two messages. The optional columns (link, image) were not
//! seen, so none is written: the link ends the text and media are attached
//! in Sprout.

use super::{DateOrder, Format, Row};
use crate::model::{ExportFormat, Post};
use crate::publish::Link;

pub(crate) static FORMAT: Format = Format {
    id: ExportFormat::Sprout,
    product: "Sprout Social",
    header: Some(&["date", "time_24hr", "message_text"]),
    cap: Some(350),
    link: |_: &Post, _: &str| Link::InText,
    lead_minutes: Some(10),
    spacing_minutes: Some(10),
    scheduler: true,
    check: |_| Ok(()),
    record,
    by_hand: super::all_media,
    import: |tz, order| {
        format!(
            "set {tz} as your Sprout Social time zone, and pick `{}` as the date format in the import preferences ({})",
            match order {
                DateOrder::Dmy => "dd/mm/yyyy",
                DateOrder::Mdy => "mm/dd/yyyy",
            },
            match order {
                DateOrder::Dmy => "day first: `04/12/2026` is 4 December",
                DateOrder::Mdy => "month first: `12/04/2026` is December 4",
            }
        )
    },
};

fn record(row: &Row<'_>, order: DateOrder) -> Vec<String> {
    let date = match order {
        DateOrder::Dmy => "%d/%m/%Y",
        DateOrder::Mdy => "%m/%d/%Y",
    };
    vec![
        row.local.format(date).to_string(),
        row.local.format("%H:%M").to_string(),
        row.published.text.clone(),
    ]
}
