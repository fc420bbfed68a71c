//! Buffer's Bulk Upload: the channel's CSV template, header
//! `Text,Image URL,Tags,Posting Time` (case-sensitive), `YYYY-MM-DD HH:mm`.
//!
//! Source: Buffer's help article on bulk uploads,
//! https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer: one
//! file per channel, 100 posts per upload, no `YouTube`, Instagram needs an
//! image URL, one image per row, a direct public image URL. Buffer has no
//! link column, so the link ends the text. `Tags` are Buffer's own
//! organising tags, which must already exist in Buffer: left empty (the
//! post's hashtags are in the text).

use social_text::network::Network;

use super::{DateOrder, Format, Row};
use crate::model::{ExportFormat, Post};
use crate::publish::Link;

pub(crate) static FORMAT: Format = Format {
    id: ExportFormat::Buffer,
    product: "Buffer",
    header: Some(&["Text", "Image URL", "Tags", "Posting Time"]),
    cap: Some(100),
    link: |_: &Post, _: &str| Link::InText,
    lead_minutes: Some(0),
    spacing_minutes: None,
    scheduler: true,
    check,
    record,
    by_hand,
    import: |tz, _| {
        format!(
            "set {tz} as each Buffer channel's time zone, and upload each file in its channel's settings (General → Bulk Upload)"
        )
    },
};

/// The first media that is a direct image URL, as Buffer asks.
fn image_url<'a>(row: &'a Row<'_>) -> Option<&'a str> {
    super::media_urls(row)
        .map(|(_, url)| url)
        .find(|url| crate::upload::is_image(url))
}

fn check(row: &Row<'_>) -> Result<(), String> {
    match row.channel.network {
        Network::Youtube => Err("bulk upload is not available for YouTube".to_owned()),
        Network::Instagram if image_url(row).is_none() => Err(
            "Buffer takes an Instagram post only with an image URL (`.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`)"
                .to_owned(),
        ),
        _ if row.published.text.is_empty() && image_url(row).is_none() => {
            Err("a row needs a text or an image URL".to_owned())
        }
        _ => Ok(()),
    }
}

fn record(row: &Row<'_>, _: DateOrder) -> Vec<String> {
    vec![
        row.published.text.clone(),
        image_url(row).unwrap_or_default().to_owned(),
        String::new(),
        row.local.format("%Y-%m-%d %H:%M").to_string(),
    ]
}

/// Everything but the one image URL Buffer takes.
fn by_hand(row: &Row<'_>) -> Vec<String> {
    let image = image_url(row);
    super::all_media(row)
        .into_iter()
        .filter(|f| Some(f.as_str()) != image)
        .collect()
}
