//! The per-post analytics exports edcal reads: for each, the network it
//! describes, the header names of each column (the name the vendor writes
//! in English first, then the aliases seen in other versions or other
//! interface languages), how its dates are written and in which zone.
//!
//! Headers are matched exactly (trimmed, ignoring case), never by
//! likeness: Meta writes `Reactions, Comments and Shares` beside
//! `Reactions`, and a fuzzy match would take one for the other. When a
//! file has several names of one column, each row takes the first of them,
//! in the order of the list, whose cell is not empty. The table is printed in the manual (`docs/results.md`)
//! with the public page each layout was checked against.

use std::fmt::Write as _;

use chrono_tz::Tz;

use super::Metric;
use social_text::network::Network;

/// A column of an export, as edcal reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// The network's id of the post.
    Id,
    /// The post's public link.
    Url,
    /// The caption, or the start of it.
    Text,
    /// When the post went out (a time, or a day only).
    Published,
    Metric(Metric),
    /// The network of the row (schedulers' exports mix networks).
    Network,
    /// A channel id of the calendar (the generic layout).
    Channel,
    /// A post id of the calendar (the generic layout).
    Post,
}

impl Column {
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Url => "url",
            Column::Text => "text",
            Column::Published => "published",
            Column::Metric(m) => m.name(),
            Column::Network => "network",
            Column::Channel => "channel",
            Column::Post => "post",
        }
    }
}

/// How an export writes when a post went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// `MM/DD/YYYY HH:MM` (24 h) or `MM/DD/YYYY hh:mm[:ss] AM`.
    UsDateTime,
    /// `2017-04-04 00:00 +0000`.
    IsoWithOffset,
    /// `Tue, Jul 14, 2026`: a day only.
    WeekdayDay,
    /// `MM/DD/YYYY`: a day only.
    UsDay,
    /// `Apr 29, 2020`, or in French `28 sept. 2026`: a day only.
    MonthDayYear,
    /// `11 septembre`, `Sep 11`: a day without its year.
    DayMonth,
    /// RFC 3339, `YYYY-MM-DDTHH:MM[:SS]` or `YYYY-MM-DD`.
    Iso,
}

/// The zone an export's times are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Fixed(Tz),
    /// Not documented by the vendor: the calendar's zone is taken.
    Calendar,
}

/// One export layout.
#[derive(Debug)]
pub struct Format {
    /// The `--from` value.
    pub name: &'static str,
    /// What the manual calls it.
    pub title: &'static str,
    /// The network of every row; `None` when each row says it (a
    /// scheduler's export) or the layout fits any network.
    pub network: Option<Network>,
    /// At least one of these headers must be in a file for the format to be
    /// detected.
    pub markers: &'static [&'static str],
    /// Each column with its header names, preferred first.
    pub columns: &'static [(Column, &'static [&'static str])],
    /// Columns a file must have.
    pub required: &'static [Column],
    pub dates: Dates,
    pub zone: Zone,
    /// The id is a snowflake that gives the exact second the post went out:
    /// `id >> shift` plus `epoch_ms` is Unix milliseconds (`unit_ms`: the
    /// shifted value is already milliseconds, else seconds).
    pub snowflake: Option<Snowflake>,
    /// How the public link is made from the id when the file gives none.
    pub url_of_id: Option<&'static str>,
    /// The network counts a video's views as its impressions (TikTok): the
    /// views stand for the impressions the file does not give.
    pub views_are_impressions: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Snowflake {
    pub shift: u32,
    pub epoch_ms: u64,
    pub unit_ms: bool,
}

const LA: Zone = Zone::Fixed(chrono_tz::America::Los_Angeles);
const UTC: Zone = Zone::Fixed(chrono_tz::UTC);

use Column::Metric as M;

/// Every layout, in the order detection tries them.
pub const FORMATS: &[Format] = &[
    Format {
        name: "meta-facebook",
        title: "Meta Business Suite, Facebook Page content (and the older Page Insights post export)",
        network: Some(Network::Facebook),
        markers: &[
            "Page ID",
            "Page name",
            "Reactions, Comments and Shares",
            "Lifetime Post Total Reach",
            "ID de la Page",
            "Nom de la Page",
        ],
        columns: &[
            (Column::Id, &["Post ID", "ID de la publication"]),
            (Column::Url, &["Permalink", "Lien permanent"]),
            (
                Column::Text,
                &["Title", "Description", "Post Message", "Titre"],
            ),
            (
                Column::Published,
                &[
                    "Publish time",
                    "Publication time",
                    "Posted",
                    "Heure de publication",
                ],
            ),
            (
                M(Metric::Impressions),
                &[
                    "Views",
                    "Impressions",
                    "Lifetime Post Total Impressions",
                    "Vues",
                ],
            ),
            (
                M(Metric::Reach),
                &["Reach", "Lifetime Post Total Reach", "Couverture"],
            ),
            (
                M(Metric::Likes),
                &[
                    "Reactions",
                    "Lifetime Post Stories by action type - like",
                    "Réactions",
                ],
            ),
            (
                M(Metric::Comments),
                &[
                    "Comments",
                    "Lifetime Post Stories by action type - comment",
                    "Commentaires",
                ],
            ),
            (
                M(Metric::Shares),
                &[
                    "Shares",
                    "Lifetime Post Stories by action type - share",
                    "Partages",
                ],
            ),
            (
                M(Metric::Clicks),
                &[
                    "Total clicks",
                    "Link clicks",
                    "Lifetime Post Consumptions",
                    "Nombre total de clics",
                    "Clics sur un lien",
                ],
            ),
            (
                M(Metric::VideoViews),
                &["3-second video views", "Lifetime Organic Video Views"],
            ),
            (
                M(Metric::Engagements),
                &[
                    "Reactions, Comments and Shares",
                    "Réactions, commentaires et partages",
                ],
            ),
        ],
        required: &[Column::Published],
        dates: Dates::UsDateTime,
        zone: LA,
        snowflake: None,
        url_of_id: None,
        views_are_impressions: false,
    },
    Format {
        name: "meta-instagram",
        title: "Meta Business Suite, Instagram content",
        network: Some(Network::Instagram),
        markers: &[
            "Account username",
            "Account ID",
            "Nom d'utilisateur du compte",
            "ID du compte",
        ],
        columns: &[
            (Column::Id, &["Post ID", "ID de la publication"]),
            (Column::Url, &["Permalink", "Lien permanent"]),
            (Column::Text, &["Description"]),
            (Column::Published, &["Publish time", "Heure de publication"]),
            (M(Metric::Impressions), &["Views", "Impressions", "Vues"]),
            (M(Metric::Reach), &["Reach", "Couverture"]),
            (M(Metric::Likes), &["Likes", "J'aime", "J’aime"]),
            (M(Metric::Comments), &["Comments", "Commentaires"]),
            (M(Metric::Shares), &["Shares", "Partages"]),
            (M(Metric::Saves), &["Saves", "Enregistrements"]),
            (M(Metric::Clicks), &["Link clicks", "Clics sur un lien"]),
            (M(Metric::VideoViews), &["Plays", "Lectures"]),
        ],
        required: &[Column::Published],
        dates: Dates::UsDateTime,
        zone: LA,
        snowflake: None,
        url_of_id: None,
        views_are_impressions: false,
    },
    Format {
        name: "x-classic",
        title: "X (Twitter) tweet activity, the export used until 2024",
        network: Some(Network::X),
        markers: &["Tweet id", "Tweet permalink"],
        columns: &[
            (Column::Id, &["Tweet id"]),
            (Column::Url, &["Tweet permalink"]),
            (Column::Text, &["Tweet text"]),
            (Column::Published, &["time"]),
            (M(Metric::Impressions), &["impressions"]),
            (M(Metric::Likes), &["likes", "favorites"]),
            (M(Metric::Comments), &["replies"]),
            (M(Metric::Shares), &["retweets"]),
            (M(Metric::Clicks), &["url clicks"]),
            (M(Metric::VideoViews), &["media views"]),
            (M(Metric::Engagements), &["engagements"]),
        ],
        required: &[Column::Published],
        dates: Dates::IsoWithOffset,
        zone: UTC,
        snowflake: Some(X_SNOWFLAKE),
        url_of_id: None,
        views_are_impressions: false,
    },
    Format {
        name: "x",
        title: "X account analytics, content (2024 onwards)",
        network: Some(Network::X),
        markers: &["Post text", "Bookmarks", "Texte du post", "Signets"],
        columns: &[
            (Column::Id, &["Post id", "ID du post"]),
            (Column::Url, &["Post Link", "Lien du post"]),
            (Column::Text, &["Post text", "Texte du post"]),
            (Column::Published, &["Date"]),
            (M(Metric::Impressions), &["Impressions"]),
            (M(Metric::Likes), &["Likes", "J'aime"]),
            (M(Metric::Comments), &["Replies", "Réponses"]),
            (M(Metric::Shares), &["Reposts"]),
            (M(Metric::Saves), &["Bookmarks", "Signets"]),
            (M(Metric::Clicks), &["URL Clicks", "Clics sur l'URL"]),
            (M(Metric::Engagements), &["Engagements"]),
        ],
        required: &[Column::Published],
        dates: Dates::WeekdayDay,
        zone: UTC,
        snowflake: Some(X_SNOWFLAKE),
        url_of_id: None,
        views_are_impressions: false,
    },
    Format {
        name: "linkedin",
        title: "LinkedIn Page analytics, content (`.xls`: its `All posts` sheet, or that sheet as CSV)",
        network: Some(Network::Linkedin),
        markers: &[
            "Post title",
            "Created date",
            "Titre du post",
            "Date de création",
        ],
        columns: &[
            (Column::Url, &["Post link", "Update link", "Lien du post"]),
            (
                Column::Text,
                &["Post title", "Update title", "Titre du post"],
            ),
            (Column::Published, &["Created date", "Date de création"]),
            (M(Metric::Impressions), &["Impressions"]),
            (M(Metric::Likes), &["Likes", "Reactions", "Réactions"]),
            (M(Metric::Comments), &["Comments", "Commentaires"]),
            (M(Metric::Shares), &["Reposts", "Shares", "Republications"]),
            (M(Metric::Clicks), &["Clicks", "Clics"]),
            (
                M(Metric::VideoViews),
                &["Views (excluding off-site video views)", "Video views"],
            ),
        ],
        required: &[Column::Published],
        dates: Dates::UsDay,
        zone: Zone::Calendar,
        snowflake: None,
        url_of_id: None,
        views_are_impressions: false,
    },
    Format {
        name: "youtube",
        title: "YouTube Studio, advanced mode, the export archive or its `Table data.csv`",
        network: Some(Network::Youtube),
        markers: &["Video publish time", "Heure de publication de la vidéo"],
        columns: &[
            (Column::Id, &["Content", "Contenu"]),
            (Column::Text, &["Video title", "Titre de la vidéo"]),
            (
                Column::Published,
                &["Video publish time", "Heure de publication de la vidéo"],
            ),
            (M(Metric::Impressions), &["Impressions"]),
            (M(Metric::Likes), &["Likes", "J'aime", "J’aime"]),
            (
                M(Metric::Comments),
                &["Comments added", "Commentaires ajoutés"],
            ),
            (M(Metric::Shares), &["Shares", "Partages"]),
            (M(Metric::VideoViews), &["Views", "Vues"]),
        ],
        required: &[Column::Id, Column::Published],
        dates: Dates::MonthDayYear,
        zone: Zone::Calendar,
        snowflake: None,
        url_of_id: Some("https://youtu.be/"),
        views_are_impressions: false,
    },
    Format {
        name: "tiktok",
        title: "TikTok Studio, analytics, the content archive or its `Content.csv`",
        network: Some(Network::Tiktok),
        markers: &[
            "Video link",
            "Total views",
            "Lien de la vidéo",
            "Total des vues",
        ],
        columns: &[
            (Column::Url, &["Video link", "Lien de la vidéo"]),
            (Column::Text, &["Video title", "Titre de la vidéo"]),
            (Column::Published, &["Post time", "Heure de publication"]),
            (M(Metric::Likes), &["Total likes", "Total des J'aime"]),
            (
                M(Metric::Comments),
                &["Total comments", "Total des commentaires"],
            ),
            (M(Metric::Shares), &["Total shares", "Total des partages"]),
            (M(Metric::VideoViews), &["Total views", "Total des vues"]),
        ],
        required: &[Column::Url],
        dates: Dates::DayMonth,
        zone: UTC,
        snowflake: Some(Snowflake {
            shift: 32,
            epoch_ms: 0,
            unit_ms: false,
        }),
        url_of_id: None,
        views_are_impressions: true,
    },
    Format {
        name: "sprout",
        title: "Sprout Social, post performance report",
        network: None,
        markers: &["Network", "Post Clicks (All)", "Réseau"],
        columns: &[
            (Column::Id, &["Post ID"]),
            (Column::Url, &["Link", "Permalink"]),
            (Column::Text, &["Post"]),
            (Column::Published, &["Date"]),
            (Column::Network, &["Network", "Réseau"]),
            (M(Metric::Impressions), &["Impressions"]),
            (M(Metric::Reach), &["Reach"]),
            (M(Metric::Likes), &["Reactions", "Likes"]),
            (M(Metric::Comments), &["Comments"]),
            (M(Metric::Shares), &["Shares"]),
            (M(Metric::Saves), &["Saves"]),
            (
                M(Metric::Clicks),
                &["Post Clicks (All)", "Post Link Clicks"],
            ),
            (M(Metric::VideoViews), &["Video Views"]),
            (M(Metric::Engagements), &["Engagements"]),
        ],
        required: &[Column::Published, Column::Network],
        dates: Dates::UsDateTime,
        zone: Zone::Calendar,
        snowflake: None,
        url_of_id: None,
        views_are_impressions: false,
    },
    Format {
        name: "generic",
        title: "edcal's own layout (the columns of `results/<channel>.csv`)",
        network: None,
        markers: &["published_at", "post"],
        columns: &[
            (Column::Post, &["post"]),
            (Column::Channel, &["channel"]),
            (Column::Url, &["url"]),
            (Column::Text, &["text"]),
            (Column::Published, &["published_at"]),
            (M(Metric::Impressions), &["impressions"]),
            (M(Metric::Reach), &["reach"]),
            (M(Metric::Likes), &["likes"]),
            (M(Metric::Comments), &["comments"]),
            (M(Metric::Shares), &["shares"]),
            (M(Metric::Saves), &["saves"]),
            (M(Metric::Clicks), &["clicks"]),
            (M(Metric::VideoViews), &["video_views"]),
            (M(Metric::Engagements), &["engagements"]),
        ],
        required: &[],
        dates: Dates::Iso,
        zone: Zone::Calendar,
        snowflake: None,
        url_of_id: None,
        views_are_impressions: false,
    },
];

/// X's ids: `(id >> 22) + 1288834974657` is Unix milliseconds.
const X_SNOWFLAKE: Snowflake = Snowflake {
    shift: 22,
    epoch_ms: 1_288_834_974_657,
    unit_ms: true,
};

/// The `--from` values.
pub fn names() -> impl Iterator<Item = &'static str> {
    FORMATS.iter().map(|f| f.name)
}

pub fn by_name(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

/// A header as compared: trimmed (a byte-order mark too), case folded.
pub fn fold(header: &str) -> String {
    header.trim_start_matches('\u{feff}').trim().to_lowercase()
}

impl Format {
    /// Where each column is in `headers`: every header that is one of its
    /// names, in the order of the names (a row takes the first of them
    /// that is not empty), compared [folded](fold). A header serves one
    /// column only.
    pub fn locate(&self, headers: &[String]) -> Vec<(Column, usize)> {
        let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
        let mut taken = vec![false; headers.len()];
        let mut found = Vec::new();
        for (column, names) in self.columns {
            for name in *names {
                let name = fold(name);
                for (i, h) in folded.iter().enumerate() {
                    if !taken[i] && *h == name {
                        taken[i] = true;
                        found.push((*column, i));
                    }
                }
            }
        }
        found
    }

    /// Whether the file looks like this layout: one of its markers is there.
    pub fn marked_in(&self, headers: &[String]) -> bool {
        let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
        self.markers.iter().any(|m| folded.contains(&fold(m)))
    }

    /// The layout whose markers the headers have and which finds the most
    /// columns among them; ties go to the earlier layout.
    pub fn detect(headers: &[String]) -> Option<&'static Format> {
        let mut best: Option<(&'static Format, usize)> = None;
        for format in FORMATS {
            if !format.marked_in(headers) {
                continue;
            }
            let n = format.locate(headers).len();
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((format, n));
            }
        }
        best.map(|(f, _)| f)
    }

    /// The names a file of this layout is expected to have, for messages:
    /// the first name of each required column and of each metric.
    pub fn expected(&self) -> Vec<&'static str> {
        self.columns
            .iter()
            .filter(|(c, _)| self.required.contains(c) || matches!(c, Column::Metric(_)))
            .map(|(_, names)| names[0])
            .collect()
    }
}

impl Dates {
    /// How the manual describes it.
    pub fn describe(self) -> &'static str {
        match self {
            Dates::UsDateTime => "`MM/DD/YYYY HH:MM` or `MM/DD/YYYY hh:mm[:ss] AM`",
            Dates::IsoWithOffset => "`YYYY-MM-DD HH:MM +0000`",
            Dates::WeekdayDay => "`Tue, Jul 14, 2026` (a day)",
            Dates::UsDay => "`MM/DD/YYYY` (a day)",
            Dates::MonthDayYear => "`Apr 29, 2020`, `28 sept. 2026` (a day)",
            Dates::DayMonth => "`11 septembre` (a day, no year)",
            Dates::Iso => "ISO 8601: `2026-10-05T08:30:00[+02:00]` or `2026-10-05`",
        }
    }
}

/// The manual's table of layouts: dates, zone, and each column's header
/// names, generated from [`FORMATS`] (`tests/results.rs` keeps
/// `docs/results.md` showing it).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| `--from` | export | dates and zone | edcal field ← header names (preferred first) |\n\
         | --- | --- | --- | --- |\n",
    );
    for f in FORMATS {
        let zone = match (f.zone, f.snowflake) {
            (_, Some(_)) => "exact time from the post id (UTC)".to_owned(),
            (Zone::Fixed(tz), None) => tz.name().to_owned(),
            (Zone::Calendar, None) => "the calendar's zone".to_owned(),
        };
        let columns: Vec<String> = f
            .columns
            .iter()
            .map(|(c, names)| {
                let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("{} ← {}", c.name(), names.join(" / "))
            })
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {}; {zone} | {} |",
            f.name,
            f.title,
            f.dates.describe(),
            columns.join("; ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn reactions_and_the_meta_total_are_told_apart() {
        let h = headers(
            "\u{feff}\"Post ID\",\"Page ID\",\"Publish time\",Reach,\"Reactions, Comments and Shares\",Reactions,Comments,Shares",
        );
        let f = Format::detect(&h).unwrap();
        assert_eq!(f.name, "meta-facebook");
        let found = f.locate(&h);
        assert!(found.contains(&(M(Metric::Engagements), 4)));
        assert!(found.contains(&(M(Metric::Likes), 5)));
    }

    #[test]
    fn each_layout_is_detected_from_its_own_headers() {
        for format in FORMATS {
            let h: Vec<String> = format
                .columns
                .iter()
                .map(|(_, names)| names[0].to_owned())
                .chain(format.markers.iter().take(1).map(|m| (*m).to_owned()))
                .collect();
            let detected = Format::detect(&h).map(|f| f.name);
            assert_eq!(detected, Some(format.name), "{h:?}");
        }
    }

    #[test]
    fn names_are_unique_within_a_layout() {
        for format in FORMATS {
            let mut all: Vec<String> = format
                .columns
                .iter()
                .flat_map(|(_, names)| names.iter().map(|n| fold(n)))
                .collect();
            all.sort();
            let before = all.len();
            all.dedup();
            assert_eq!(before, all.len(), "{}", format.name);
        }
    }
}
