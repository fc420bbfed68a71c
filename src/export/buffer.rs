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
use crate::model::{ExportFormat, Media, Post};
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
fn image_url<'a>(row: &'a Row<'_>) -> Option<&'a Media> {
    super::media_urls(row).find(|m| is_image(&m.file.value))
}

fn is_image(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

fn check(row: &Row<'_>) -> Result<(), String> {
    match row.channel.network {
        Network::Youtube => Err("bulk upload is not available for YouTube".to_owned()),
        Network::Instagram if image_url(row).is_none() => Err(
            "Instagram needs an image URL (a public https:// URL in `file`; a local file cannot be uploaded)"
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
        image_url(row)
            .map(|m| m.file.value.clone())
            .unwrap_or_default(),
        String::new(),
        row.local.format("%Y-%m-%d %H:%M").to_string(),
    ]
}

/// Everything but the one image URL Buffer takes.
fn by_hand(row: &Row<'_>) -> Vec<String> {
    let image = image_url(row).map(|m| m.file.value.as_str());
    row.published
        .media
        .iter()
        .map(|m| m.file.value.clone())
        .filter(|f| Some(f.as_str()) != image)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn images_are_recognised_by_extension() {
        assert!(super::is_image("https://cdn.example.org/a.JPG?x=1"));
        assert!(!super::is_image("https://cdn.example.org/a.mp4"));
    }
}
