//! Publer's bulk CSV: the twelve columns of its template, in order, kept
//! even when empty; dates `YYYY/MM/DD HH:MM` (24 h, with a colon: a hyphen
//! makes the row an unscheduled draft).
//!
//! Source: Publer's help, https://publer.com/help/en/article/how-to-use-a-csv-file-18qhxcq,
//! and blog, https://publer.com/blog/ultimate-csv-bulk-scheduler-social-media/,
//! for the twelve columns and the date; the header names as public
//! generators write them. A link in `Link(s)` turns a photo post into a
//! link card, so the link column is used only when the post has no media;
//! otherwise the link ends the text. Media must be public URLs; local files
//! are attached by hand. Alt texts are `||`-separated in the media's order.

use social_text::network::Network;

use super::{DateOrder, Format, Row};
use crate::model::{ExportFormat, Post};
use crate::publish::Link;

pub(crate) static FORMAT: Format = Format {
    id: ExportFormat::Publer,
    product: "Publer",
    header: Some(&[
        "Date - Intl. format or prompt",
        "Text",
        "Link(s) - Separated by comma for FB carousels",
        "Media URL(s) - Separated by comma",
        "Title - For the video, pin, PDF ..",
        "Label(s) - Separated by comma",
        "Alt text(s) - Separated by ||",
        "Comment(s) - Separated by ||",
        "Pin board, FB album, or Google category",
        "Post subtype - I.e. story, reel, PDF ..",
        "CTA - For Facebook links or Google",
        "Reminder - For stories, reels, shorts, and TikToks",
    ]),
    cap: None,
    link,
    lead_minutes: Some(0),
    spacing_minutes: None,
    scheduler: true,
    check: |_| Ok(()),
    record,
    by_hand: super::local_media,
    import: |tz, _| format!("set {tz} as the Publer workspace's time zone"),
};

fn link(post: &Post, channel: &str) -> Link {
    if post.media_for(channel).is_empty() {
        Link::Column
    } else {
        Link::InText
    }
}

/// The `Title` column ("for the video, pin, PDF"): the post's title where
/// the network shows one, YouTube's video title; empty elsewhere, where
/// Publer would not publish it.
fn title(row: &Row<'_>) -> String {
    match row.channel.network {
        Network::Youtube => row.post.title.clone(),
        _ => String::new(),
    }
}

fn record(row: &Row<'_>, _: DateOrder) -> Vec<String> {
    let urls: Vec<_> = super::media_urls(row).collect();
    let link = if row.published.media.is_empty() {
        row.published.link.as_deref().unwrap_or_default()
    } else {
        ""
    };
    let alts: Vec<&str> = urls
        .iter()
        .map(|(m, _)| m.alt.as_deref().unwrap_or(""))
        .collect();
    let alts = if alts.iter().all(|a| a.is_empty()) {
        String::new()
    } else {
        alts.join("||")
    };
    let mut cells = vec![
        row.local.format("%Y/%m/%d %H:%M").to_string(),
        row.published.text.clone(),
        link.to_owned(),
        urls.iter()
            .map(|(_, url)| *url)
            .collect::<Vec<_>>()
            .join(","),
        title(row),
        String::new(),
        alts,
    ];
    cells.resize(12, String::new());
    cells
}
