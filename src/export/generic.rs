//! The `generic` export: every field edcal knows, for a spreadsheet or a
//! script. Times in RFC 3339 (UTC, and local with its offset), media
//! separated by `|`, hashtags by spaces. Meant to be opened in a
//! spreadsheet, so a cell that would start a formula gets a leading `'`.

use super::{DateOrder, Format, Row};
use crate::model::{ExportFormat, Post};
use crate::publish::Link;

pub(crate) static FORMAT: Format = Format {
    id: ExportFormat::Generic,
    product: "the generic export",
    header: Some(&[
        "channel", "network", "post", "at_utc", "at_local", "text", "link", "media", "hashtags",
    ]),
    cap: None,
    link: |_: &Post, _: &str| Link::Column,
    lead_minutes: None,
    spacing_minutes: None,
    scheduler: false,
    check: |_| Ok(()),
    record,
    by_hand: |_| Vec::new(),
    import: |_, _| String::new(),
};

fn record(row: &Row<'_>, _: DateOrder) -> Vec<String> {
    let local = row.instant.with_timezone(&row.tz);
    vec![
        row.channel.id.clone(),
        row.channel.network.name().to_owned(),
        row.id.clone(),
        row.instant.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        local.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        row.published.text.clone(),
        row.published.link.as_deref().unwrap_or_default().to_owned(),
        super::all_media(row).join("|"),
        row.published.hashtags.join(" "),
    ]
}
