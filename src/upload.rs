//! What a scheduler can fetch: the public URL of each media file, and
//! whether a (post, channel) pair can be uploaded at all.
//!
//! A scheduler's bulk import takes media as public URLs, never as files on
//! the team's disk. A media written as an `https://` URL is its own URL; a
//! local file under `media/` gets one when the calendar (`[export]
//! media_base_url` in edcal.toml) or its channel (`media_base_url` in
//! channels.toml) says where that folder is published. Instagram, TikTok
//! and YouTube publish nothing without a picture or a video, so a pair on
//! them is refused by every export, and warned about by `check`
//! (`media-not-uploadable`), when none of its media has a URL or its format
//! has no media column. Pure: nothing here reads the disk.

use std::fmt::Write as _;

use social_text::limits;

use crate::model::{Calendar, Channel, ExportFormat, Media};

/// The base URL that applies to `channel`: its own, else the calendar's.
pub fn base_url<'a>(calendar: &'a Calendar, channel: &'a Channel) -> Option<&'a str> {
    channel
        .media_base_url
        .as_deref()
        .or(calendar.settings.media_base_url.as_deref())
}

/// The URL a scheduler fetches `media` from: its own `https://` address,
/// or `base` followed by its path under `media/` (each segment
/// percent-encoded); `None` for a local file without one.
pub fn url(media: &Media, base: Option<&str>) -> Option<String> {
    if media.is_url() {
        return Some(media.file.value.clone());
    }
    let rest = media.file.value.strip_prefix("media/")?;
    let base = base?;
    let encoded: Vec<String> = rest.split('/').map(encode).collect();
    Some(format!("{base}{}", encoded.join("/")))
}

/// Percent-encodes a path segment: everything but RFC 3986's unreserved
/// characters.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Whether a format's file can carry the media at `url`: Hootsuite's and
/// Sprout's bulk files have no media column (media are attached in the
/// tool), Buffer's `Image URL` takes one picture, Publer's and the generic
/// file take any URL.
pub fn carries(format: ExportFormat, url: &str) -> bool {
    match format {
        ExportFormat::Hootsuite | ExportFormat::Sprout => false,
        ExportFormat::Buffer => is_image(url),
        ExportFormat::Publer | ExportFormat::Generic => true,
    }
}

/// A picture, by the extension of its URL's path.
pub fn is_image(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// Why a pair with these `media` (and their [`url`]s, same order) cannot
/// be exported to `format` for `channel`, if it cannot: its network
/// publishes no text alone and none of its media has a URL (the same reason
/// in every format), or the format has no media column. `None` when the
/// network takes text alone, or when the pair has no media at all
/// (`missing-media` reports that).
pub fn refusal(
    channel: &Channel,
    media: &[Media],
    urls: &[Option<String>],
    format: ExportFormat,
    product: &str,
) -> Option<String> {
    if !limits::profile(channel.network).needs_media || media.is_empty() {
        return None;
    }
    if urls.iter().all(Option::is_none) {
        let local = &media[0].file.value;
        let how = if local.starts_with("media/") {
            "set `media_base_url` to the public address of `media/`, or give the media as an https:// URL"
        } else {
            "put it under `media/` and set `media_base_url`, or give it as an https:// URL"
        };
        return Some(format!(
            "{} publishes no text-only posts, and no media of this post has a URL a scheduler \
             can fetch (`{local}` is a local file: {how})",
            channel.network
        ));
    }
    if !urls.iter().flatten().any(|url| carries(format, url)) {
        let what = match format {
            ExportFormat::Buffer => "takes pictures only (`Image URL`)",
            _ => "has no media column",
        };
        return Some(format!(
            "{} publishes no text-only posts, and the {product} file {what}: \
             schedule this post in {product} by hand, or export this channel with `publer`",
            channel.network
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Located;
    use crate::source::{Sources, Span};

    fn media(file: &str) -> Media {
        let span = Span::new(Sources::id_of(0), 0..0);
        Media {
            file: Located::new(file.to_owned(), span),
            alt: None,
            people: false,
            consent: None,
            consent_unresolved: false,
            span,
        }
    }

    #[test]
    fn images_are_recognised_by_extension() {
        assert!(is_image("https://cdn.example.org/a.JPG?x=1"));
        assert!(!is_image("https://cdn.example.org/a.mp4"));
    }

    #[test]
    fn local_files_under_media_get_the_base_url() {
        let base = Some("https://media.clinique.example/edcal/");
        assert_eq!(
            url(&media("media/2026/Marche rose é.jpg"), base).as_deref(),
            Some("https://media.clinique.example/edcal/2026/Marche%20rose%20%C3%A9.jpg")
        );
        assert_eq!(url(&media("media/a.jpg"), None), None);
        assert_eq!(url(&media("photos/a.jpg"), base), None);
        assert_eq!(
            url(&media("https://cdn.example.org/a.jpg"), None).as_deref(),
            Some("https://cdn.example.org/a.jpg")
        );
    }
}
