//! The words of plans and reports in the calendar's language (`fr`, `en`):
//! day and month names, headings, status and flag labels.
//!
//! Only human formats (table, Markdown) use these. JSON and CSV keep stable
//! English identifiers (`not-approved`, `2026-10-05`) whatever the language,
//! since scripts read them.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::{Language, Status};

use super::{EventKind, Flag};

/// The labels of one language.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    pub language: Language,
}

impl Labels {
    pub fn new(language: Language) -> Labels {
        Labels { language }
    }

    /// The word of the calendar's language.
    pub fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self.language {
            Language::Fr => fr,
            Language::En => en,
        }
    }

    /// French typography puts a space before a colon.
    pub fn colon(self) -> &'static str {
        self.pick(" :", ":")
    }

    pub fn weekday(self, day: Weekday) -> &'static str {
        let i = day.num_days_from_monday() as usize;
        match self.language {
            Language::Fr => [
                "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
            ][i],
            Language::En => crate::days::WEEKDAYS_EN[i],
        }
    }

    pub fn month(self, month: u32) -> &'static str {
        let i = month as usize - 1;
        match self.language {
            Language::Fr => [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ][i],
            Language::En => crate::days::MONTHS_EN[i],
        }
    }

    /// `lundi 5 octobre` / `Monday 5 October`.
    pub fn day(self, date: NaiveDate) -> String {
        format!("{} {}", self.weekday(date.weekday()), self.date_short(date))
    }

    /// `5 octobre` / `5 October`.
    pub fn date_short(self, date: NaiveDate) -> String {
        let day = if self.language == Language::Fr && date.day() == 1 {
            "1er".to_owned()
        } else {
            date.day().to_string()
        };
        format!("{day} {}", self.month(date.month()))
    }

    /// `5 octobre 2026` / `5 October 2026`.
    pub fn date_long(self, date: NaiveDate) -> String {
        format!("{} {}", self.date_short(date), date.year())
    }

    /// A span of days: `5 octobre`, `5–11 octobre`, `28 septembre – 4 octobre`,
    /// with the year when the span leaves `year`.
    pub fn days(self, from: NaiveDate, to: NaiveDate, year: i32) -> String {
        let short = |d: NaiveDate| {
            if d.year() == year {
                self.date_short(d)
            } else {
                self.date_long(d)
            }
        };
        if from == to {
            short(from)
        } else if from.month() == to.month() && from.year() == to.year() && to.year() == year {
            let first = if self.language == Language::Fr && from.day() == 1 {
                "1er".to_owned()
            } else {
                from.day().to_string()
            };
            format!("{first}–{}", short(to))
        } else {
            format!("{} – {}", short(from), short(to))
        }
    }

    pub fn status(self, status: Status) -> &'static str {
        match status {
            Status::Idea => self.pick("idée", "idea"),
            Status::Draft => self.pick("brouillon", "draft"),
            Status::Review => self.pick("relecture", "review"),
            Status::Approved => self.pick("validé", "approved"),
            Status::Scheduled => self.pick("programmé", "scheduled"),
            Status::Published => self.pick("publié", "published"),
            Status::Cancelled => self.pick("annulé", "cancelled"),
        }
    }

    pub fn flag(self, flag: Flag) -> &'static str {
        match flag {
            Flag::NotApproved => self.pick("non validé", "not approved"),
            Flag::ReviewMissing => self.pick("sans relecture médicale", "review missing"),
            Flag::Stale => self.pick("modifié depuis validation", "changed since approval"),
            Flag::Unsealed => self.pick("validation non scellée", "approval not sealed"),
            Flag::Consent => self.pick("droit à l'image", "image consent"),
            Flag::Frozen => self.pick("gel", "frozen"),
            Flag::OverLimit => self.pick("trop long", "over limit"),
            Flag::ClosedDay => self.pick("jour fermé", "closed day"),
        }
    }

    pub fn event_kind(self, kind: EventKind) -> &'static str {
        match kind {
            EventKind::Holiday => self.pick("Jours fériés", "Holidays"),
            EventKind::Blackout => self.pick("Jours sans publication", "Blackout days"),
            EventKind::Freeze => self.pick("Gel des publications", "Freezes"),
            EventKind::Awareness => self.pick("Journées de sensibilisation", "Awareness days"),
            EventKind::Milestone => self.pick("Jalons", "Milestones"),
        }
    }

    /// `1 publication`, `3 publications` / `1 post`, `3 posts`.
    pub fn posts(self, n: usize) -> String {
        let word = match (self.language, n) {
            (Language::Fr, 0 | 1) => "publication",
            (Language::Fr, _) => "publications",
            (Language::En, 1) => "post",
            (Language::En, _) => "posts",
        };
        format!("{n} {word}")
    }

    pub fn word(self, key: Word) -> &'static str {
        match key {
            Word::Week => self.pick("Semaine", "Week"),
            Word::From => self.pick("du", "from"),
            Word::To => self.pick("au", "to"),
            Word::Zone => self.pick("fuseau", "time zone"),
            Word::Campaigns => self.pick("Campagnes", "Campaigns"),
            Word::Day => self.pick("Jour", "Day"),
            Word::Time => self.pick("Heure", "Time"),
            Word::Post => self.pick("Publication", "Post"),
            Word::Campaign => self.pick("Campagne", "Campaign"),
            Word::Status => self.pick("Statut", "Status"),
            Word::Length => self.pick("Longueur", "Length"),
            Word::Flags => self.pick("Alertes", "Flags"),
            Word::Channel => self.pick("Canal", "Channel"),
            Word::Window => self.pick("Fenêtre", "Window"),
            Word::Unplaced => self.pick("Sans horaire", "Unplaced"),
            Word::NoPost => self.pick("aucune publication cette semaine", "no post this week"),
            Word::Target => self.pick("cible", "target"),
            Word::BelowMin => self.pick("sous le minimum", "below the minimum"),
            Word::AboveMax => self.pick("au-dessus du maximum", "above the maximum"),
            Word::PerWeek => self.pick("par semaine", "per week"),
            Word::Late => self.pick("en retard", "late"),
            Word::Done => self.pick("fait", "done"),
            Word::Due => self.pick("échéance", "due"),
            Word::Owner => self.pick("responsable", "owner"),
            Word::FromToday => self.pick("à partir du", "from"),
            Word::ClockChange => self.pick("changement d'heure", "clock change"),
            Word::Age => self.pick("Âge", "Age"),
            Word::Themes => self.pick("Thèmes", "Themes"),
            Word::Channels => self.pick("Canaux", "Channels"),
            Word::Missing => self.pick("À compléter", "Missing"),
            Word::Theme => self.pick("Thème", "Theme"),
            Word::Planned => self.pick("Prévues", "Planned"),
            Word::Share => self.pick("Part", "Share"),
            Word::Ideas => self.pick("Idées", "Ideas"),
        }
    }
}

/// Fixed words of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Week,
    From,
    To,
    Zone,
    Campaigns,
    Day,
    Time,
    Post,
    Campaign,
    Status,
    Length,
    Flags,
    Channel,
    Window,
    Unplaced,
    NoPost,
    Target,
    BelowMin,
    AboveMax,
    PerWeek,
    Late,
    Done,
    Due,
    Owner,
    FromToday,
    ClockChange,
    Age,
    Themes,
    Channels,
    Missing,
    Theme,
    Planned,
    Share,
    Ideas,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_read_naturally_in_both_languages() {
        let fr = Labels::new(Language::Fr);
        let en = Labels::new(Language::En);
        assert_eq!(fr.day(date("2026-10-05")), "lundi 5 octobre");
        assert_eq!(en.day(date("2026-10-05")), "Monday 5 October");
        assert_eq!(fr.day(date("2026-11-01")), "dimanche 1er novembre");
        assert_eq!(
            fr.days(date("2026-10-01"), date("2026-10-31"), 2026),
            "1er–31 octobre"
        );
        assert_eq!(
            en.days(date("2026-12-28"), date("2027-01-03"), 2026),
            "28 December – 3 January 2027"
        );
    }
}
