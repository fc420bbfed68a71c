//! The review sheet: what a physician must validate, printed, with room to
//! write remarks and sign.
//!
//! Physicians who review medical posts use neither git nor a terminal. The
//! sheet gives them, for each post, the exact text of every channel, its
//! link and media, the day it goes out, the day their review is due, and
//! the post's *digest*: the seal `edcal review` writes (see [`crate::seal`]),
//! computed by the same function from the same content. A signed sheet thus
//! names exactly what was validated: if a comma changes afterwards, the
//! digest of the post changes and no longer matches the paper.
//!
//! Which posts: those on a theme with `medical_review = true`, in status
//! `draft`, `review`, `approved` or `scheduled` (an idea has no text to
//! validate yet; a published post is out), whose physician's review is
//! missing or no longer matches; with `all`, every such post whatever its
//! review. A post is kept when the first day it goes out is within the
//! period; a post with no day yet is kept too, last (it needs the review
//! whatever day it gets).
//!
//! Selecting is pure; so is rendering, given the digests and the media.

use std::io::{self, Write};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use maud::{Markup, html};

use crate::model::{Calendar, Member, Post, Role, Status, Timing};
use crate::plan::html::{self as page, marked_text, media_markup, network_name};
use crate::plan::labels::Labels;
use crate::publish::{self, Link};
use crate::seal::{self, Verdict};

/// What to put on the sheet.
pub struct Query {
    pub from: NaiveDate,
    /// `None`: no end.
    pub to: Option<NaiveDate>,
    /// Every medical post of the period, reviewed or not.
    pub all: bool,
}

/// The physician's review of a post, as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// No review by a physician.
    Missing,
    /// Reviewed, and the content changed since: what changed, by channel
    /// (empty when the digest cannot be read).
    Changed(Vec<seal::Change>),
    /// Reviewed, without a digest (written by hand): cannot be verified.
    Unsealed { by: String, on: NaiveDate },
    /// Reviewed, and the content is still what was reviewed.
    Current { by: String, on: NaiveDate },
}

impl Review {
    pub fn is_waiting(&self) -> bool {
        matches!(self, Review::Missing | Review::Changed(_))
    }
}

/// One post of the sheet.
#[derive(Debug, Clone)]
pub struct Item<'c> {
    pub post: &'c Post,
    /// The first local time it goes out, on any channel.
    pub first: Option<NaiveDateTime>,
    /// Without a time: the first day of its `on` or `between`.
    pub first_day: Option<NaiveDate>,
    /// `approve_days_before` days before the first day: the review must be
    /// in before the lead can approve.
    pub due: Option<NaiveDate>,
    pub review: Review,
}

/// The posts the sheet lists, by first day (undated last), then id.
pub fn select<'c>(calendar: &'c Calendar, query: &Query) -> Vec<Item<'c>> {
    let days = i64::from(calendar.rules.approve_days_before);
    let mut items: Vec<Item<'c>> = calendar
        .posts
        .iter()
        .filter(|p| {
            matches!(
                p.status.value,
                Status::Draft | Status::Review | Status::Approved | Status::Scheduled
            ) && seal::needs_review(calendar, p)
        })
        .filter_map(|post| {
            let first = post
                .channel_ids()
                .filter_map(|c| post.at(c).map(|at| at.value))
                .min_by_key(|at| at.instant)
                .map(|at| at.local);
            let first_day = first.map(|t| t.date()).or(match &post.timing {
                Timing::On(on) => Some(on.value),
                Timing::Between(b) => Some(b.value.0),
                _ => None,
            });
            if let Some(day) = first_day
                && (day < query.from || query.to.is_some_and(|to| day > to))
            {
                return None;
            }
            let review = review(calendar, post);
            if !query.all && !review.is_waiting() {
                return None;
            }
            Some(Item {
                post,
                first,
                first_day,
                due: first_day.map(|d| d - Duration::days(days)),
                review,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        (
            a.first_day.is_none(),
            a.first_day,
            a.first,
            &a.post.id.value,
        )
            .cmp(&(
                b.first_day.is_none(),
                b.first_day,
                b.first,
                &b.post.id.value,
            ))
    });
    items
}

fn review(calendar: &Calendar, post: &Post) -> Review {
    let Some(r) = post.medical_review.as_ref().filter(|r| {
        calendar
            .team
            .get(&r.by)
            .is_some_and(|m| m.role == Role::Physician)
    }) else {
        return Review::Missing;
    };
    match seal::verdict(calendar, post, Some(r)) {
        Some(Verdict::Changed(changes)) => Review::Changed(changes),
        Some(Verdict::Unreadable) => Review::Changed(Vec::new()),
        Some(Verdict::Unsealed) => Review::Unsealed {
            by: r.by.clone(),
            on: r.on,
        },
        Some(Verdict::Current) | None => Review::Current {
            by: r.by.clone(),
            on: r.on,
        },
    }
}

/// The whole sheet, ready to render.
pub struct Sheet<'c> {
    pub calendar: &'c Calendar,
    pub physician: &'c Member,
    pub query: Query,
    pub today: NaiveDate,
    pub items: Vec<Item<'c>>,
    /// The digest `edcal review` would seal for a post now.
    pub digest: &'c dyn Fn(&Post) -> String,
    /// See [`page::Page::media_src`].
    pub media_src: &'c dyn Fn(&str) -> Option<String>,
}

/// Writes the sheet as one printable HTML page (A4 portrait, one post a
/// page).
pub fn write_html(sheet: &Sheet<'_>, out: &mut dyn Write) -> io::Result<()> {
    let calendar = sheet.calendar;
    let l = Labels::new(calendar.settings.language);
    let title = format!(
        "{} — {}",
        l.pick("Relecture médicale", "Medical review"),
        sheet.physician.name
    );
    let period = match sheet.query.to {
        Some(to) => format!(
            "{} {} {} {}",
            l.pick("du", "from"),
            l.date_long(sheet.query.from),
            l.pick("au", "to"),
            l.date_long(to)
        ),
        None => format!(
            "{} {}",
            l.pick("à partir du", "from"),
            l.date_long(sheet.query.from)
        ),
    };
    let body = html! {
        div.sheet {
            header.page-header {
                h1 { (title) }
                p {
                    (calendar.settings.name) " — "
                    @if sheet.query.all {
                        (l.pick("publications médicales", "medical posts"))
                    } @else {
                        (l.pick("publications à relire", "posts to review"))
                    }
                    " " (period) ". "
                    (l.pick("Établie le", "Made on")) " " (l.date_long(sheet.today)) "."
                }
                p.sheet-intro {
                    @if l.language == crate::model::Language::Fr {
                        "Pour chaque publication : lisez le texte exact de chaque réseau, "
                        "regardez les images et leur description, notez vos remarques, "
                        "cochez votre avis, datez et signez. L'empreinte imprimée identifie "
                        "ce contenu exact : c'est celle que l'équipe enregistrera avec votre "
                        "relecture. Si un mot change ensuite, l'empreinte change et la "
                        "publication est bloquée jusqu'à une nouvelle relecture."
                    } @else {
                        "For each post: read the exact text of each network, look at the "
                        "pictures and their descriptions, write your remarks, tick your "
                        "opinion, date and sign. The printed digest identifies this exact "
                        "content: it is the one the team records with your review. If a "
                        "word changes afterwards, the digest changes and the post is held "
                        "until it is reviewed again."
                    }
                }
            }
            main {
                @if sheet.items.is_empty() {
                    p.nothing {
                        (l.pick("Aucune publication n'attend de relecture pour cette période.",
                                "No post awaits a review in this period."))
                    }
                }
                @for item in &sheet.items {
                    (post_section(sheet, item, l))
                }
            }
        }
    };
    // Paper for one reader: portrait, one post a page.
    let paper = "\n@page { size: A4 portrait; margin: 14mm; }\n";
    let markup = page::document(calendar.settings.language, &title, paper, &body);
    out.write_all(markup.into_string().as_bytes())?;
    writeln!(out)
}

fn post_section(sheet: &Sheet<'_>, item: &Item<'_>, l: Labels) -> Markup {
    let calendar = sheet.calendar;
    let post = item.post;
    let digest = (sheet.digest)(post);
    let themes: Vec<&str> = post
        .themes
        .iter()
        .map(|t| {
            calendar
                .themes
                .get(t)
                .map_or(t.as_str(), |t| t.label.as_str())
        })
        .collect();
    let member = |id: &str| {
        calendar
            .team
            .get(id)
            .map_or(id.to_owned(), |m| m.name.clone())
    };
    let colon = l.colon();
    html! {
        section.sheet-post data-post=(post.id.value) {
            h2 { (post.title) }
            dl.facts {
                dt { (l.pick("Identifiant", "Id")) (colon) } dd { code { (post.id.value) } }
                dt { (l.pick("Thèmes", "Themes")) (colon) } dd { (themes.join(", ")) }
                @if let Some(c) = &post.campaign {
                    dt { (l.pick("Campagne", "Campaign")) (colon) }
                    dd { (calendar.campaigns.get(c).map_or(c.as_str(), |c| c.name.as_str())) }
                }
                @if let Some(owner) = &post.owner {
                    dt { (l.pick("Rédigée par", "Written by")) (colon) } dd { (member(owner)) }
                }
                dt { (l.pick("Publication", "Goes out")) (colon) }
                dd {
                    @match (item.first, item.first_day) {
                        (Some(at), _) => { (l.day(at.date())) " " (at.date().format("%Y")) " " (at.format("%H:%M")) }
                        (None, Some(day)) => { (l.day(day)) " " (day.format("%Y")) }
                        (None, None) => { (l.pick("date pas encore fixée", "no date yet")) }
                    }
                }
                dt { (l.pick("Relecture attendue avant le", "Review due by")) (colon) }
                dd.due {
                    @match item.due {
                        Some(due) => {
                            strong { (l.day(due)) " " (due.format("%Y")) }
                            @if due < sheet.today { " — " strong { (l.pick("en retard", "late")) } }
                        }
                        None => { "—" }
                    }
                }
                dt { (l.pick("Relecture actuelle", "Current review")) (colon) }
                dd {
                    @match &item.review {
                        Review::Missing => { (l.pick("aucune", "none")) }
                        Review::Changed(changes) => {
                            (l.pick("à refaire : le contenu a changé depuis", "to do again: the content changed since"))
                            @if !changes.is_empty() { " (" (changed(changes, l)) ")" }
                        }
                        Review::Unsealed { by, on } => {
                            (member(by)) ", " (l.date_long(*on)) " "
                            (l.pick("(sans empreinte)", "(no digest)"))
                        }
                        Review::Current { by, on } => {
                            (member(by)) ", " (l.date_long(*on)) " — "
                            (l.pick("le contenu n'a pas changé depuis", "the content has not changed since"))
                        }
                    }
                }
            }
            @for channel in post.channel_ids() {
                (channel_text(sheet, post, channel, l))
            }
            p { strong { (l.pick("Empreinte", "Digest")) (colon) } }
            p.digest data-digest=(digest) { (digest) }
            p { strong { (l.pick("Avis", "Opinion")) (colon) } }
            ul.opinion {
                li { "☐ " (l.pick("favorable", "approved")) }
                li { "☐ " (l.pick("favorable sous réserve des modifications ci-dessous", "approved with the changes below")) }
                li { "☐ " (l.pick("défavorable", "not approved")) }
            }
            p { strong { (l.pick("Remarques", "Remarks")) (colon) } }
            div.remarks {}
            div.signature {
                div { (l.pick("Date", "Date")) (colon) }
                div { (l.pick("Signature", "Signature")) " — " (sheet.physician.name) (colon) }
            }
        }
    }
}

/// "texte modifié sur facebook, lien modifié sur x" / "text changed on
/// facebook, …".
fn changed(changes: &[seal::Change], l: Labels) -> String {
    changes
        .iter()
        .map(|c| {
            let what = match c.what {
                seal::What::Text => l.pick("texte modifié sur", "text changed on"),
                seal::What::Link => l.pick("lien modifié sur", "link changed on"),
                seal::What::Media => l.pick("médias modifiés sur", "media changed on"),
                seal::What::Added => l.pick("canal ajouté :", "channel added:"),
            };
            format!("{what} {}", c.channel)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn channel_text(sheet: &Sheet<'_>, post: &Post, channel: &str, l: Labels) -> Markup {
    let calendar = sheet.calendar;
    let published = publish::compose(post, channel, Link::Column);
    let network = calendar.channels.get(channel).map(|c| c.network);
    let measure = publish::measure(calendar, post, channel);
    html! {
        div.channel-text data-channel=(channel) {
            h3 {
                (channel)
                @if let Some(n) = network { " (" (network_name(n, l)) ")" }
                @if let Some(at) = post.at(channel) {
                    " — " (l.day(at.value.local.date())) " " (at.value.local.format("%H:%M"))
                }
            }
            div.text { (marked_text(&published.text)) }
            @if let Some(link) = published.link {
                p.link { (l.pick("Lien", "Link")) (l.colon()) " " code { (link) } }
            }
            (media_markup(published.media, sheet.media_src, l))
            @if let Some(m) = measure {
                p.length.over[m.length > m.limit] {
                    (l.pick("Longueur", "Length")) (l.colon()) " " (m.length) " / " (m.limit)
                }
            }
            // A repeating post's own dates are reviewed too: the seal covers them.
            @for own in post.occurrences.iter().filter(|o| !o.skip && (o.text.is_some() || o.link.is_some() || o.media.is_some())) {
                (own_date(sheet, post, channel, own.on, l))
            }
        }
    }
}

/// What one own date of a repeating post publishes on `channel`.
fn own_date(
    sheet: &Sheet<'_>,
    post: &Post,
    channel: &str,
    on: chrono::NaiveDate,
    l: Labels,
) -> Markup {
    let published = publish::compose_on(post, channel, Some(on), Link::Column);
    let measure = publish::measure_on(sheet.calendar, post, channel, Some(on));
    html! {
        div.own-date data-on=(on.format("%Y-%m-%d").to_string()) {
            h4 { (l.pick("Le ", "On ")) (l.day(on)) }
            div.text { (marked_text(&published.text)) }
            @if let Some(link) = published.link {
                p.link { (l.pick("Lien", "Link")) (l.colon()) " " code { (link) } }
            }
            (media_markup(published.media, sheet.media_src, l))
            @if let Some(m) = measure {
                p.length.over[m.length > m.limit] {
                    (l.pick("Longueur", "Length")) (l.colon()) " " (m.length) " / " (m.limit)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: &str = r#"
[calendar]
name = "Test"
timezone = "Europe/Paris"

[team.lead]
role = "lead"
[team.dr]
role = "physician"

[themes.uro]
label = "Urologie"
medical_review = true
[themes.vie]
label = "Vie de la clinique"
"#;

    const POSTS: &str = r#"
[[post]]
id = "later"
title = "Later"
themes = ["uro"]
channels = ["facebook"]
status = "draft"
at = 2026-10-20T12:30:00
text = "b"

[[post]]
id = "sooner"
title = "Sooner"
themes = ["uro"]
channels = ["facebook"]
status = "review"
on = 2026-10-10
text = "a"

[[post]]
id = "undated"
title = "Undated"
themes = ["uro"]
channels = ["facebook"]
status = "draft"
text = "c"

[[post]]
id = "past"
title = "Past"
themes = ["uro"]
channels = ["facebook"]
status = "draft"
at = 2026-09-20T12:30:00
text = "d"

[[post]]
id = "idea"
title = "An idea"
themes = ["uro"]
channels = ["facebook"]
status = "idea"
at = 2026-10-12T12:30:00

[[post]]
id = "not-medical"
title = "Not medical"
themes = ["vie"]
channels = ["facebook"]
status = "draft"
at = 2026-10-12T12:30:00
text = "e"

[[post]]
id = "reviewed"
title = "Reviewed"
themes = ["uro"]
channels = ["facebook"]
status = "review"
at = 2026-10-14T12:30:00
text = "f"
medical_review = { by = "dr", on = 2026-10-01 }
"#;

    fn ids(items: &[Item<'_>]) -> Vec<String> {
        items.iter().map(|i| i.post.id.value.clone()).collect()
    }

    #[test]
    fn the_sheet_lists_waiting_medical_posts_of_the_period_in_order() {
        let checked = crate::testing::checked(
            &[
                ("edcal.toml", SETTINGS),
                ("channels.toml", "[facebook]\nnetwork = \"facebook\"\n"),
                ("posts/2026-10.toml", POSTS),
            ],
            "2026-10-01",
        );
        let calendar = &checked.calendar;
        let from = "2026-10-01".parse().unwrap();
        let waiting = select(
            calendar,
            &Query {
                from,
                to: None,
                all: false,
            },
        );
        assert_eq!(ids(&waiting), ["sooner", "later", "undated"]);
        // Due `approve_days_before` (2 by default) days before it goes out.
        assert_eq!(waiting[0].due, "2026-10-08".parse().ok());
        assert_eq!(waiting[1].first_day, "2026-10-20".parse().ok());
        assert_eq!(waiting[2].due, None);
        assert_eq!(waiting[0].review, Review::Missing);
        let all = select(
            calendar,
            &Query {
                from,
                to: Some("2026-10-15".parse().unwrap()),
                all: true,
            },
        );
        assert_eq!(ids(&all), ["sooner", "reviewed", "undated"]);
        assert!(matches!(all[1].review, Review::Unsealed { .. }));
    }
}
