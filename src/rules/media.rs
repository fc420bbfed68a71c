//! `media-not-found`: every local media file exists.
//! `media-not-uploadable`: a pair whose channel's export would refuse it for
//! want of media a scheduler can fetch (see [`crate::upload`]).
//!
//! The file system is not read here: the caller passes a probe, so the rule
//! stays pure and testable.

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Status};
use crate::rules::Code;

pub fn check(calendar: &Calendar, exists: &dyn Fn(&str) -> bool, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        for media in post.all_media() {
            if media.is_url() || exists(&media.file.value) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::MediaNotFound,
                    media.file.span,
                    format!("media file `{}` does not exist", media.file.value),
                )
                .label("no such file in the calendar folder")
                .help("paths are relative to the calendar folder; check the name or add the file")
                .post(&post.id.value),
            );
        }
    }
}

/// `media-not-uploadable`, for the pairs still to go out whose channel has
/// an `export` format.
pub fn check_uploadable(calendar: &Calendar, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        if matches!(
            post.status.value,
            Status::Idea | Status::Cancelled | Status::Published
        ) {
            continue;
        }
        for id in post.channel_ids() {
            let Some(channel) = calendar.channels.get(id) else {
                continue;
            };
            let Some(format) = channel.export else {
                continue;
            };
            let media = post.media_for(id);
            let base = crate::upload::base_url(calendar, channel);
            let urls: Vec<_> = media.iter().map(|m| crate::upload::url(m, base)).collect();
            let name = crate::export::format_name(format);
            let Some(reason) = crate::upload::refusal(channel, media, &urls, format, name) else {
                continue;
            };
            let span = media.first().map_or(post.id.span, |m| m.file.span);
            let no_url = urls.iter().all(Option::is_none);
            out.push(
                Diagnostic::new(
                    Code::MediaNotUploadable,
                    span,
                    format!(
                        "the `{name}` export of `{id}` will refuse `{}`: {reason}",
                        post.id.value
                    ),
                )
                .label(if no_url {
                    "no URL a scheduler can fetch"
                } else {
                    "the format cannot carry it"
                })
                .help(if no_url {
                    "`[export] media_base_url` in edcal.toml (or `media_base_url` on the channel) \
                     gives local files under `media/` their public URL"
                } else {
                    "set `export = \"publer\"` on the channel, or schedule the post by hand"
                })
                .post(&post.id.value)
                .channel(id),
            );
        }
    }
}
