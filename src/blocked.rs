//! What a calendar's errors keep from going out, and nothing more.
//!
//! An error blocks what it is about: a post's errors block that post (its
//! export rows, its approval, its placement); a channel's errors (inside
//! its table in `channels.toml`) block that channel; a posts file with an
//! error outside any post (it is not valid TOML, a key it does not have)
//! blocks every post it holds; a campaign file's errors block the campaign's
//! posts; an error in `consents.toml` blocks the posts whose media name a
//! consent or show people (which consent covers them cannot be trusted);
//! any other error in `edcal.toml` or `channels.toml` blocks everything,
//! since every post depends on the settings and channels.
//!
//! The commands that publish or write (`export csv`, `export ics`,
//! `approve`, `schedule --write`) go on for the rest, say on stderr what
//! was left out ([`Blocked::lines`]) and exit 1. Warnings block nothing.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Calendar, Post};
use crate::rules::Code;
use crate::source::Sources;

/// Everything a check's errors block.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Blocked {
    /// Files whose errors block everything (`edcal.toml`, `channels.toml`
    /// outside any channel's table).
    pub everything: BTreeSet<String>,
    /// Channel ids with errors in their table in `channels.toml`.
    pub channels: BTreeSet<String>,
    /// Posts files with an error outside any post: none of their posts
    /// goes out. The syntax errors are among them: such a file's posts are
    /// not even read.
    pub files: BTreeSet<String>,
    /// Those of [`files`](Self::files) that could not be read at all (not
    /// valid TOML, not UTF-8, too large): their posts are missing from
    /// every command's output, not only from what goes out.
    pub unread: BTreeSet<String>,
    /// Posts blocked by their own errors, by id (also ids of posts that the
    /// errors left out of the model).
    pub posts: BTreeSet<String>,
    /// Posts blocked by an error in a file they depend on (a campaign file,
    /// `consents.toml`), with that file.
    pub through: BTreeMap<String, String>,
    /// The campaign files and `consents.toml` when they have errors, whether
    /// or not a post depends on them.
    pub depended_on: BTreeSet<String>,
    /// Findings inside a `[[post]]` with no usable id: that post is not in
    /// the model, so nothing else is blocked; `file:line` for the message.
    pub unnamed: Vec<String>,
}

impl Blocked {
    /// Sorts every error of a check into what it blocks.
    pub fn of(diagnostics: &[Diagnostic], sources: &Sources, calendar: &Calendar) -> Blocked {
        let mut blocked = Blocked::default();
        let mut campaign_files = BTreeSet::new();
        let mut consents = false;
        for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            let source = sources.get(d.span.source);
            let path = source.path.as_str();
            if let Some(post) = &d.post {
                blocked.posts.insert(post.clone());
            } else if path.starts_with("posts/") {
                if let Some(table) = d.in_post {
                    let (line, _) = source.line_col(table.start as usize);
                    blocked.unnamed.push(format!("{path}:{line}"));
                } else {
                    blocked.files.insert(path.to_owned());
                    if d.code == Code::TomlSyntax {
                        blocked.unread.insert(path.to_owned());
                    }
                }
            } else if let Some(channel) = &d.channel {
                blocked.channels.insert(channel.clone());
            } else if path.starts_with("campaigns/") {
                campaign_files.insert(d.span.source);
                blocked.depended_on.insert(path.to_owned());
            } else if path == "consents.toml" {
                consents = true;
                blocked.depended_on.insert(path.to_owned());
            } else {
                blocked.everything.insert(path.to_owned());
            }
        }
        blocked.unnamed.sort();
        blocked.unnamed.dedup();
        let campaigns: BTreeMap<&str, &str> = calendar
            .campaigns
            .values()
            .filter(|c| campaign_files.contains(&c.span.source))
            .map(|c| (c.id.as_str(), sources.get(c.span.source).path.as_str()))
            .collect();
        for post in &calendar.posts {
            let id = &post.id.value;
            if blocked.posts.contains(id) {
                continue;
            }
            let file = &sources.get(post.span.source).path;
            if blocked.files.contains(file) {
                continue;
            }
            let through = post
                .campaign
                .as_deref()
                .and_then(|c| campaigns.get(c).copied())
                .or_else(|| (consents && shows_people(post)).then_some("consents.toml"));
            if let Some(file) = through {
                blocked.through.insert(id.clone(), file.to_owned());
            }
        }
        blocked
    }

    /// Whether nothing at all may go out.
    pub fn all(&self) -> bool {
        !self.everything.is_empty()
    }

    /// Whether this post is blocked, whatever the channel.
    pub fn post(&self, post: &Post, sources: &Sources) -> bool {
        self.all()
            || self.posts.contains(&post.id.value)
            || self.through.contains_key(&post.id.value)
            || self.files.contains(&sources.get(post.span.source).path)
    }

    /// Whether this post may not go out on this channel.
    pub fn pair(&self, post: &Post, channel: &str, sources: &Sources) -> bool {
        self.channels.contains(channel) || self.post(post, sources)
    }

    /// What was left out, one line each, for stderr: files first, then
    /// channels, then posts.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.all() {
            lines.push(format!(
                "edcal: nothing goes out: {} {} errors (run `edcal check`)",
                list(self.everything.iter().map(String::as_str)),
                if self.everything.len() == 1 {
                    "has"
                } else {
                    "have"
                },
            ));
            return lines;
        }
        for file in &self.files {
            lines.push(if self.unread.contains(file) {
                format!(
                    "edcal: {file} left out: it could not be read, none of its posts goes out (run `edcal check`)"
                )
            } else {
                format!(
                    "edcal: {file} left out for errors: none of its posts goes out (run `edcal check`)"
                )
            });
        }
        if !self.channels.is_empty() {
            lines.push(format!(
                "edcal: {} left out for errors in channels.toml: {} (run `edcal check`)",
                plural(self.channels.len(), "channel"),
                ids(self.channels.iter())
            ));
        }
        if !self.posts.is_empty() {
            lines.push(format!(
                "edcal: {} left out for errors: {} (run `edcal check`)",
                plural(self.posts.len(), "post"),
                ids(self.posts.iter())
            ));
        }
        let mut by_file: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
        for (post, file) in &self.through {
            by_file.entry(file).or_default().push(post);
        }
        for file in &self.depended_on {
            lines.push(match by_file.remove(file.as_str()) {
                Some(posts) => format!(
                    "edcal: {} left out for errors in {file}: {} (run `edcal check`)",
                    plural(posts.len(), "post"),
                    ids(posts.into_iter())
                ),
                None => format!("edcal: {file} has errors (run `edcal check`)"),
            });
        }
        if !self.unnamed.is_empty() {
            lines.push(format!(
                "edcal: {} without a valid id left out: {} (run `edcal check`)",
                plural(self.unnamed.len(), "post"),
                self.unnamed.join(", ")
            ));
        }
        lines
    }

    /// For the commands that only show the calendar: the posts files that
    /// could not be read, whose posts they cannot show.
    pub fn unread_lines(&self) -> Vec<String> {
        self.unread
            .iter()
            .map(|file| {
                format!(
                    "edcal: {file} left out: it could not be read, its posts are missing (run `edcal check`)"
                )
            })
            .collect()
    }

    /// Why this post is blocked, for a command about it (`approve`), or
    /// `None` when it is not.
    pub fn why(&self, post: &Post, sources: &Sources) -> Option<String> {
        let id = &post.id.value;
        if self.posts.contains(id) {
            Some(format!("post `{id}` has errors"))
        } else {
            self.why_elsewhere(post, sources)
        }
    }

    /// Why this post is blocked by errors outside it: in a file it is in or
    /// depends on, or in the settings.
    pub fn why_elsewhere(&self, post: &Post, sources: &Sources) -> Option<String> {
        let id = &post.id.value;
        let file = &sources.get(post.span.source).path;
        if self.all() {
            Some(format!(
                "{} {} errors, which block every post",
                list(self.everything.iter().map(String::as_str)),
                if self.everything.len() == 1 {
                    "has"
                } else {
                    "have"
                }
            ))
        } else if self.files.contains(file) {
            Some(format!("{file}, which holds post `{id}`, has errors"))
        } else {
            self.through
                .get(id)
                .map(|through| format!("post `{id}` depends on {through}, which has errors"))
        }
    }
}

/// Whether the media of a post, on any channel, name a consent or show
/// people.
fn shows_people(post: &Post) -> bool {
    let variants = post.variants.values().filter_map(|v| v.media.as_ref());
    std::iter::once(&post.media)
        .chain(variants)
        .flatten()
        .any(|m| m.people || m.consent.is_some())
}

/// `` `a`, `b`, `c` ``.
fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    ids.map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `a`, `a and b`.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use crate::testing::checked;

    const CHANNELS: &str =
        "[facebook]\nnetwork = \"facebook\"\n\n[x]\nnetwork = \"x\"\nslots = [\"mardi midi\"]\n";

    fn post(id: &str, extra: &str) -> String {
        format!(
            "[[post]]\nid = \"{id}\"\ntitle = \"t\"\nchannels = [\"facebook\"]\nstatus = \"draft\"\ntext = \"Bonjour\"\n{extra}\n"
        )
    }

    #[test]
    fn a_posts_errors_block_that_post_only() {
        let posts = [
            post("a", ""),
            post("b", "colour = \"rose\""),
            post("c", "owner = \"nobody\""),
        ]
        .concat();
        let c = checked(
            &[("channels.toml", CHANNELS), ("posts/p.toml", &posts)],
            "2026-10-01",
        );
        let b = &c.blocked;
        assert_eq!(b.posts, ["b", "c"].map(String::from).into());
        assert_eq!(b.channels, ["x".to_owned()].into());
        assert!(b.files.is_empty() && b.everything.is_empty());
        let [a, _] = [&c.calendar.posts[0], &c.calendar.posts[1]];
        assert!(!b.post(a, &c.sources));
        assert!(b.pair(a, "x", &c.sources));
        assert_eq!(
            b.lines(),
            [
                "edcal: 1 channel left out for errors in channels.toml: `x` (run `edcal check`)",
                "edcal: 2 posts left out for errors: `b`, `c` (run `edcal check`)",
            ]
        );
    }

    /// What reading finds names the post, and the channel of a variant.
    #[test]
    fn reading_errors_name_their_post_and_channel() {
        let posts = post("a", "colour = 1\n[post.variants.facebook]\ncolour = 2");
        let c = checked(
            &[("channels.toml", CHANNELS), ("posts/p.toml", &posts)],
            "2026-10-01",
        );
        let found: Vec<(Option<&str>, Option<&str>)> = c
            .diagnostics
            .iter()
            .filter(|d| c.sources.get(d.span.source).path == "posts/p.toml")
            .map(|d| (d.post.as_deref(), d.channel.as_deref()))
            .collect();
        assert_eq!(found, [(Some("a"), None), (Some("a"), Some("facebook"))]);
    }

    #[test]
    fn a_file_error_outside_posts_blocks_the_file() {
        let posts = format!("colour = 1\n{}", post("a", ""));
        let c = checked(
            &[
                ("channels.toml", CHANNELS),
                ("posts/p.toml", &posts),
                ("posts/q.toml", &post("b", "")),
                ("posts/r.toml", "[[post]\n"),
            ],
            "2026-10-01",
        );
        let b = &c.blocked;
        assert_eq!(
            b.files,
            ["posts/p.toml", "posts/r.toml"].map(String::from).into()
        );
        assert_eq!(b.unread, ["posts/r.toml".to_owned()].into());
        assert!(b.post(&c.calendar.posts[0], &c.sources));
        assert!(!b.post(&c.calendar.posts[1], &c.sources));
        assert_eq!(
            b.unread_lines(),
            [
                "edcal: posts/r.toml left out: it could not be read, its posts are missing (run `edcal check`)"
            ]
        );
    }

    #[test]
    fn a_post_without_an_id_blocks_nothing_else() {
        let posts = format!(
            "[[post]]\ntitle = \"t\"\nchannels = [\"facebook\"]\nstatus = \"draft\"\n\n{}",
            post("a", "")
        );
        let c = checked(
            &[("channels.toml", CHANNELS), ("posts/p.toml", &posts)],
            "2026-10-01",
        );
        let b = &c.blocked;
        assert!(b.files.is_empty(), "{b:?}");
        assert_eq!(b.unnamed, ["posts/p.toml:1"]);
        assert!(!b.post(&c.calendar.posts[0], &c.sources));
    }

    #[test]
    fn settings_errors_block_everything() {
        let c = checked(
            &[
                (
                    "edcal.toml",
                    "colour = 1\n[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\n",
                ),
                ("posts/p.toml", &post("a", "")),
            ],
            "2026-10-01",
        );
        assert!(c.blocked.all());
        assert!(c.blocked.post(&c.calendar.posts[0], &c.sources));
        assert_eq!(
            c.blocked.lines(),
            ["edcal: nothing goes out: edcal.toml has errors (run `edcal check`)"]
        );
    }

    #[test]
    fn a_campaign_files_errors_block_its_posts() {
        let campaign = "[campaign]\nid = \"c\"\nname = \"C\"\nstart = 2026-10-01\nend = 2026-10-31\ncolour = 1\n";
        let c = checked(
            &[
                ("channels.toml", CHANNELS),
                ("campaigns/c.toml", campaign),
                (
                    "posts/p.toml",
                    &[post("a", "campaign = \"c\""), post("b", "")].concat(),
                ),
            ],
            "2026-10-01",
        );
        let b = &c.blocked;
        assert_eq!(
            b.through.get("a").map(String::as_str),
            Some("campaigns/c.toml")
        );
        assert!(!b.post(&c.calendar.posts[1], &c.sources));
        assert_eq!(
            b.why(&c.calendar.posts[0], &c.sources).unwrap(),
            "post `a` depends on campaigns/c.toml, which has errors"
        );
    }
}
