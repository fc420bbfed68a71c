//! `media-not-found`: every local media file exists.
//!
//! The file system is not read here: the caller passes a probe, so the rule
//! stays pure and testable.

use crate::diagnostic::Diagnostic;
use crate::model::Calendar;
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
