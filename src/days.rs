//! The days that matter to a French clinic's editorial calendar: the national
//! public holidays of Code du travail art. L.3133-1 (with Easter computed by the
//! Gregorian computus) and a built-in catalogue of health awareness days and
//! months, each rule stored as data with its source and whether that source was
//! checked.
//!
//! This module owns facts about dates and nothing else. It must not do I/O, read
//! the clock or the environment, or decide what a finding means: lint rules,
//! configuration (a calendar's own `[[awareness]]` entries) and rendering live
//! elsewhere and call these pure functions. Every function is total over the
//! years `chrono` can represent; dates that do not exist are left out rather than
//! panicking.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::fmt;

// ---------------------------------------------------------------------------
// Public holidays
// ---------------------------------------------------------------------------

/// First year in which the present list of L.3133-1 (eleven days) has applied
/// unchanged: 8 May came back as a public holiday with loi n° 81-893 of
/// 2 October 1981, so 1982 is its first year.
///
/// [`french_holidays`] and [`holiday_on`] apply the present list to every year;
/// for years before this one the result is that list projected backwards, not a
/// historical record (see the comment on `HOLIDAYS`).
pub const CURRENT_LIST_SINCE: i32 = 1982;

/// A French public holiday ("fête légale") on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_fr: &'static str,
    pub name_en: &'static str,
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy)]
enum HolidayDate {
    Fixed {
        month: u32,
        day: u32,
    },
    /// Days after Easter Sunday (negative: before).
    Easter(i64),
}

impl HolidayDate {
    /// `easter` is passed in so that one computus serves every movable feast of
    /// the year.
    fn in_year(self, year: i32, easter: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            HolidayDate::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            HolidayDate::Easter(offset) => {
                let easter = easter?;
                if offset >= 0 {
                    easter.checked_add_days(Days::new(offset.unsigned_abs()))
                } else {
                    easter.checked_sub_days(Days::new(offset.unsigned_abs()))
                }
            }
        }
    }
}

struct HolidayRule {
    date: HolidayDate,
    name_fr: &'static str,
    name_en: &'static str,
}

const fn fixed(month: u32, day: u32, name_fr: &'static str, name_en: &'static str) -> HolidayRule {
    HolidayRule {
        date: HolidayDate::Fixed { month, day },
        name_fr,
        name_en,
    }
}

const fn after_easter(days: i64, name_fr: &'static str, name_en: &'static str) -> HolidayRule {
    HolidayRule {
        date: HolidayDate::Easter(days),
        name_fr,
        name_en,
    }
}

/// The eleven "fêtes légales" of Code du travail art. L.3133-1, in the order the
/// article lists them. That order is also the tie-break when two of them fall
/// on the same date (Ascension was 1 May in 2008 and 8 May in 1997; it will be
/// 8 May again in 2059).
///
/// Law history, kept here because the list looks timeless but is not:
/// - 8 May was made a public holiday by loi n° 53-225 of 20 March 1953, lost that
///   status with décret n° 59-533 of 11 April 1959 (except a one-off in 1965),
///   and was restored by loi n° 81-893 of 2 October 1981. Hence
///   `CURRENT_LIST_SINCE = 1982`.
/// - 1 May has been a paid non-worked day since the laws of 30 April 1947 and
///   29 April 1948, and 11 November a holiday since the law of 24 October 1922.
///   Older years therefore also differ from the list below.
///
/// We deliberately do not model that history: edcal plans posts for the
/// current and coming years, and a half-historical table would invite trust it
/// has not earned. Years before 1982 get the present list, as documented on
/// `CURRENT_LIST_SINCE`. The 8 May and 1 May facts were cross-read on
/// public French pages (franceinfo, lci.fr, the JORF references they quote),
/// the 1922 law is general knowledge, and no code depends on any of it.
///
/// Legal status notes that matter to a communication team:
/// - Only 1 May is compulsorily non-worked (L.3133-4); the others are public
///   holidays that an employer may still make worked days.
/// - Whit Monday is still in L.3133-1. Since loi n° 2004-626 (30 June 2004) it
///   was by default the "journée de solidarité", and since loi n° 2008-351
///   (16 April 2008) the solidarity day may be any day the employer chooses; in
///   both cases the day stays a public holiday in law, it is only not
///   necessarily non-worked ("toujours férié mais pas forcément chômé").
/// - Alsace-Moselle adds Good Friday and 26 December (L.3134-13) and overseas
///   departments add the abolition-of-slavery day (L.3422-2). They are not in
///   this list; see [`alsace_moselle_extra`].
const HOLIDAYS: [HolidayRule; 11] = [
    fixed(1, 1, "Jour de l'an", "New Year's Day"),
    after_easter(1, "Lundi de Pâques", "Easter Monday"),
    fixed(5, 1, "Fête du Travail", "Labour Day"),
    fixed(5, 8, "Victoire 1945", "Victory in Europe Day"),
    after_easter(39, "Ascension", "Ascension Day"),
    after_easter(50, "Lundi de Pentecôte", "Whit Monday"),
    fixed(7, 14, "Fête nationale", "Bastille Day"),
    fixed(8, 15, "Assomption", "Assumption Day"),
    fixed(11, 1, "Toussaint", "All Saints' Day"),
    fixed(11, 11, "Armistice 1918", "Armistice Day"),
    fixed(12, 25, "Noël", "Christmas Day"),
];

/// Local law of Alsace and Moselle (Bas-Rhin, Haut-Rhin, Moselle), art.
/// L.3134-13. The article grants Good Friday "dans les communes ayant un temple
/// protestant ou une église mixte"; in practice it is observed throughout the
/// three departments, which is why a calendar may want it at all.
const ALSACE_MOSELLE: [HolidayRule; 2] = [
    after_easter(-2, "Vendredi saint", "Good Friday"),
    fixed(12, 26, "Saint-Étienne", "St Stephen's Day"),
];

/// Easter Sunday of `year` in the Gregorian calendar, by the "anonymous
/// Gregorian algorithm" (Meeus/Jones/Butcher), as published.
///
/// The Gregorian computus applies from 1583 (France switched in December 1582);
/// for earlier years this returns the proleptic Gregorian Easter, which is not
/// the Julian date the Church then used. Returns `None` only when the date is
/// outside `chrono`'s range.
#[must_use]
// The one-letter names are those of the published algorithm,
// so the code can be checked against it line by line.
#[allow(clippy::many_single_char_names)]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    // Euclidean division keeps the formula (written for floor division) right
    // for negative years too, so the function is total.
    let y = year;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn holidays_from(rules: &'static [HolidayRule], year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let mut days: Vec<Holiday> = rules
        .iter()
        .filter_map(|rule| {
            Some(Holiday {
                date: rule.date.in_year(year, easter)?,
                name_fr: rule.name_fr,
                name_en: rule.name_en,
            })
        })
        .collect();
    // Stable sort: holidays sharing a date stay in the article's order.
    days.sort_by_key(|holiday| holiday.date);
    days
}

/// The eleven national public holidays of `year` (L.3133-1), sorted by date.
///
/// When two coincide (Ascension on 1 May or 8 May) both are returned, in the
/// article's order. Years before [`CURRENT_LIST_SINCE`] get the present list.
#[must_use]
pub fn french_holidays(year: i32) -> Vec<Holiday> {
    holidays_from(&HOLIDAYS, year)
}

/// Good Friday and 26 December, the two extra public holidays of
/// Alsace-Moselle (L.3134-13), sorted by date. Not part of
/// [`french_holidays`]: a calendar for a clinic in Bas-Rhin, Haut-Rhin or
/// Moselle adds them explicitly.
#[must_use]
pub fn alsace_moselle_extra(year: i32) -> Vec<Holiday> {
    holidays_from(&ALSACE_MOSELLE, year)
}

/// The national public holiday on `date`, if any.
///
/// Cheap enough to call for every date of a long range: one computus and
/// eleven comparisons, no allocation and no cache. When two holidays coincide,
/// the one listed first in L.3133-1 is returned (1 May or 8 May before
/// Ascension).
#[must_use]
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    let year = date.year();
    // Movable feasts fall between 23 March (Easter Monday) and 14 June (Whit
    // Monday); skip the computus for the rest of the year.
    let easter = if (3..=6).contains(&date.month()) {
        easter_sunday(year)
    } else {
        None
    };
    HOLIDAYS
        .iter()
        .find(|rule| rule.date.in_year(year, easter) == Some(date))
        .map(|rule| Holiday {
            date,
            name_fr: rule.name_fr,
            name_en: rule.name_en,
        })
}

// ---------------------------------------------------------------------------
// Health awareness days
// ---------------------------------------------------------------------------

/// When an awareness event happens in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One fixed day, e.g. 4 February.
    Fixed { month: u32, day: u32 },
    /// A whole calendar month (1 = January).
    Month(u32),
    /// The `n`th `weekday` of `month`, e.g. the second Thursday of March.
    NthWeekday { month: u32, n: u8, weekday: Weekday },
}

impl Rule {
    /// First and last day (inclusive) of the event in `year`, or `None` if the
    /// rule names a date that does not exist that year or is outside `chrono`'s
    /// range.
    #[must_use]
    pub fn dates(self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Rule::Fixed { month, day } => {
                let date = NaiveDate::from_ymd_opt(year, month, day)?;
                Some((date, date))
            }
            Rule::Month(month) => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                // The last day is the day before the first of the next month;
                // `chrono` knows month lengths and leap years, we need not.
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                };
                let last = match next {
                    Some(next) => next.pred_opt()?,
                    // 31 December of chrono's last year.
                    None => NaiveDate::from_ymd_opt(year, 12, 31)?,
                };
                Some((first, last))
            }
            Rule::NthWeekday { month, n, weekday } => {
                let date = NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)?;
                Some((date, date))
            }
        }
    }
}

/// English month names, January first (also the plans' English labels).
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u32) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS_EN.get(i))
        .copied()
        .unwrap_or("?")
}

/// The days of the week in English, Monday first.
pub const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The whole word (chrono's `Weekday` displays as "Thu").
pub fn weekday_name(weekday: Weekday) -> &'static str {
    WEEKDAYS_EN[weekday.num_days_from_monday() as usize]
}

fn ordinal(n: u8) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => "nth",
    }
}

/// The rule in words, for the README and messages: "4 February",
/// "all of March", "second Thursday of March".
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Rule::Fixed { month, day } => write!(f, "{day} {}", month_name(month)),
            Rule::Month(month) => write!(f, "all of {}", month_name(month)),
            Rule::NthWeekday { month, n, weekday } => write!(
                f,
                "{} {} of {}",
                ordinal(n),
                weekday_name(weekday),
                month_name(month)
            ),
        }
    }
}

/// One entry of the built-in awareness catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwarenessRule {
    pub name_fr: &'static str,
    pub name_en: &'static str,
    pub rule: Rule,
    /// Where the date rule comes from: a URL, or the organising body.
    pub source: &'static str,
    /// `true` when the date rule was confirmed from the source cited in `source`;
    /// `false` for entries
    /// added from general knowledge, whose rule a lint should not treat as
    /// authoritative.
    pub verified: bool,
}

/// An awareness event placed in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Awareness {
    pub name_fr: &'static str,
    pub name_en: &'static str,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive (equal to `from` for a single day).
    pub to: NaiveDate,
    pub source: &'static str,
    /// Copied from [`AwarenessRule::verified`].
    pub verified: bool,
}

/// The built-in catalogue, in calendar order.
///
/// Left out on purpose: the Semaine nationale du rein (France Rein). Its dates
/// are set yearly and follow no reliable rule (2024–2026 ran Saturday to
/// Saturday around World Kidney Day, 2015 ran 21–28 March, after it, per
/// France Rein's yearly announcements), so calendars declare it as their own `[[awareness]]` entry;
/// [`suggested_semaine_du_rein`] offers a default to pre-fill one.
///
/// The rules are projected onto any year asked for, including years before an
/// event existed (World Kidney Day dates from 2006, Mois sans tabac from 2016).
static CATALOGUE: &[AwarenessRule] = &[
    // Organised by the UICC.
    AwarenessRule {
        name_fr: "Journée mondiale contre le cancer",
        name_en: "World Cancer Day",
        rule: Rule::Fixed { month: 2, day: 4 },
        source: "https://www.jinko.care/blog/cancer-le-calendrier-des-couleurs-de-la-sensibilisation",
        verified: true,
    },
    // Colorectal cancer screening, INCa and the ministry.
    AwarenessRule {
        name_fr: "Mars Bleu",
        name_en: "Blue March (colorectal cancer)",
        rule: Rule::Month(3),
        source: "https://www.ccmo.fr/article/mars-bleu-la-mobilisation-contre-le-cancer-colorectal/",
        verified: true,
    },
    // ISN and IFKF, since 2006. One French page gives a wrong
    // date for 2025, which is why the rule is computed, never copied.
    AwarenessRule {
        name_fr: "Journée mondiale du rein",
        name_en: "World Kidney Day",
        rule: Rule::NthWeekday {
            month: 3,
            n: 2,
            weekday: Weekday::Thu,
        },
        source: "https://nationaldaycalendar.com/world-kidney-day-second-thursday-in-march/",
        verified: true,
    },
    // No primary source found. The only observation found (24th edition on
    // 11 March 2021, radiocampusparis.org) fits the second Thursday of March,
    // but the association publishes each year's date; treat the rule as a guess.
    AwarenessRule {
        name_fr: "Journée nationale de l'audition",
        name_en: "National Hearing Day (France)",
        rule: Rule::NthWeekday {
            month: 3,
            n: 2,
            weekday: Weekday::Thu,
        },
        source: "Association JNA (Journée Nationale de l'Audition)",
        verified: false,
    },
    // Without a primary source re-read: WHO's founding day, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale de la santé",
        name_en: "World Health Day",
        rule: Rule::Fixed { month: 4, day: 7 },
        source: "World Health Organization (WHO)",
        verified: false,
    },
    // Without a primary source re-read: WHO "SAVE LIVES: Clean Your Hands", general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale de l'hygiène des mains",
        name_en: "World Hand Hygiene Day",
        rule: Rule::Fixed { month: 5, day: 5 },
        source: "World Health Organization (WHO)",
        verified: false,
    },
    // Without a primary source re-read: WHO, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale sans tabac",
        name_en: "World No Tobacco Day",
        rule: Rule::Fixed { month: 5, day: 31 },
        source: "World Health Organization (WHO)",
        verified: false,
    },
    // Without a primary source re-read: WHO, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale du donneur de sang",
        name_en: "World Blood Donor Day",
        rule: Rule::Fixed { month: 6, day: 14 },
        source: "World Health Organization (WHO)",
        verified: false,
    },
    // Without a primary source re-read: WHO, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale contre l'hépatite",
        name_en: "World Hepatitis Day",
        rule: Rule::Fixed { month: 7, day: 28 },
        source: "World Health Organization (WHO)",
        verified: false,
    },
    // Without a primary source re-read: Alzheimer's Disease International, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale de la maladie d'Alzheimer",
        name_en: "World Alzheimer's Day",
        rule: Rule::Fixed { month: 9, day: 21 },
        source: "Alzheimer's Disease International (ADI)",
        verified: false,
    },
    // Without a primary source re-read: World Heart Federation, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale du cœur",
        name_en: "World Heart Day",
        rule: Rule::Fixed { month: 9, day: 29 },
        source: "World Heart Federation",
        verified: false,
    },
    // In France since 1994.
    AwarenessRule {
        name_fr: "Octobre Rose",
        name_en: "Pink October (breast cancer)",
        rule: Rule::Month(10),
        source: "https://www.francebleu.fr/infos/sante-sciences/octobre-rose-un-mois-d-initiatives-contre-le-cancer-du-sein-1475311362",
        verified: true,
    },
    // No primary source found. Several secondary pages agree on the second Thursday
    // of October (e.g. hindustantimes.com 2022, business-standard.com), but
    // none is the IAPB itself.
    AwarenessRule {
        name_fr: "Journée mondiale de la vue",
        name_en: "World Sight Day",
        rule: Rule::NthWeekday {
            month: 10,
            n: 2,
            weekday: Weekday::Thu,
        },
        source: "International Agency for the Prevention of Blindness (IAPB)",
        verified: false,
    },
    // Without a primary source re-read: World Stroke Organization, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale de l'AVC",
        name_en: "World Stroke Day",
        rule: Rule::Fixed { month: 10, day: 29 },
        source: "World Stroke Organization",
        verified: false,
    },
    // Men's health: prostate, testicles, mental health.
    AwarenessRule {
        name_fr: "Movember",
        name_en: "Movember",
        rule: Rule::Month(11),
        source: "https://chnds.fr/movember/1/14/1169",
        verified: true,
    },
    // Santé publique France, since 2016; the campaign itself
    // starts in October, the month without tobacco is November.
    AwarenessRule {
        name_fr: "Mois sans tabac",
        name_en: "Tobacco-Free Month (France)",
        rule: Rule::Month(11),
        source: "https://www.sudradio.fr/sud-radio/pour-ses-10-ans-le-mois-sans-tabac-2025-met-le-paquet",
        verified: true,
    },
    // IDF and WHO, UN resolution 61/225; Banting's birthday.
    AwarenessRule {
        name_fr: "Journée mondiale du diabète",
        name_en: "World Diabetes Day",
        rule: Rule::Fixed { month: 11, day: 14 },
        source: "https://www.csridentity.com/14November.asp",
        verified: true,
    },
    // Without a primary source re-read: WHO and UNAIDS, general knowledge.
    AwarenessRule {
        name_fr: "Journée mondiale de lutte contre le sida",
        name_en: "World AIDS Day",
        rule: Rule::Fixed { month: 12, day: 1 },
        source: "World Health Organization (WHO), UNAIDS",
        verified: false,
    },
];

/// The built-in awareness catalogue (rules, not dates), in calendar order.
#[must_use]
pub fn awareness_catalogue() -> &'static [AwarenessRule] {
    CATALOGUE
}

/// The built-in awareness events of `year`, sorted by first day, then French
/// name (then English name, so the order is total).
#[must_use]
pub fn awareness_days(year: i32) -> Vec<Awareness> {
    let mut days: Vec<Awareness> = CATALOGUE
        .iter()
        .filter_map(|entry| {
            let (from, to) = entry.rule.dates(year)?;
            Some(Awareness {
                name_fr: entry.name_fr,
                name_en: entry.name_en,
                from,
                to,
                source: entry.source,
                verified: entry.verified,
            })
        })
        .collect();
    days.sort_by(|a, b| (a.from, a.name_fr, a.name_en).cmp(&(b.from, b.name_fr, b.name_en)));
    days
}

/// The catalogue as a Markdown table (event, rule in words, source, verified),
/// one row per entry in calendar order, ending with a newline. Meant for the
/// README, so that the documentation cannot drift from the data.
#[must_use]
pub fn awareness_markdown_table() -> String {
    let mut lines = vec![
        "| Event | Date rule | Source | Verified |".to_owned(),
        "|---|---|---|---|".to_owned(),
    ];
    lines.extend(CATALOGUE.iter().map(|entry| {
        // French name first: it is what the teams post; the English one helps
        // readers of the README who do not know the French campaign names.
        let name = if entry.name_fr == entry.name_en {
            markdown_cell(entry.name_fr)
        } else {
            format!(
                "{} ({})",
                markdown_cell(entry.name_fr),
                markdown_cell(entry.name_en)
            )
        };
        format!(
            "| {name} | {} | {} | {} |",
            entry.rule,
            markdown_cell(entry.source),
            if entry.verified { "yes" } else { "no" }
        )
    }));
    let mut table = lines.join("\n");
    table.push('\n');
    table
}

// A `|` inside a cell would end it; none is in the catalogue today, but the
// table must stay well-formed whatever someone adds.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A default for the Semaine nationale du rein of `year`: from the Saturday
/// before World Kidney Day to the Saturday after it (inclusive). This matched
/// 2024, 2025 and 2026 but not 2015 (France Rein's announcements), so it is only a value to
/// pre-fill a calendar's own `[[awareness]]` entry, never a built-in event.
#[must_use]
pub fn suggested_semaine_du_rein(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let kidney_day = NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Thu, 2)?;
    let from = kidney_day.checked_sub_days(Days::new(5))?;
    let to = from.checked_add_days(Days::new(7))?;
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// Knuth, TAOCP vol. 1, 1.3.2 exercise 14 (Algorithm E): an epact-based
    /// computus written independently of the one under test.
    fn knuth_easter(year: i32) -> NaiveDate {
        let golden = year % 19 + 1;
        let century = year / 100 + 1;
        let skipped_leap_days = 3 * century / 4 - 12;
        let moon_correction = (8 * century + 5) / 25 - 5;
        let sunday = 5 * year / 4 - skipped_leap_days - 10;
        let mut epact = (11 * golden + 20 + moon_correction - skipped_leap_days) % 30;
        if (epact == 25 && golden > 11) || epact == 24 {
            epact += 1;
        }
        let mut full_moon = 44 - epact;
        if full_moon < 21 {
            full_moon += 30;
        }
        let day = full_moon + 7 - (sunday + full_moon) % 7;
        let day = u32::try_from(day).unwrap();
        if day > 31 {
            ymd(year, 4, day - 31)
        } else {
            ymd(year, 3, day)
        }
    }

    #[test]
    fn easter_known_dates() {
        // Each checked against python-dateutil's easter(EASTER_WESTERN).
        let known = [
            (1818, 3, 22),
            (2008, 3, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (year, month, day) in known {
            assert_eq!(easter_sunday(year), Some(ymd(year, month, day)), "{year}");
        }
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april() {
        for year in 1583..=4099 {
            let easter = easter_sunday(year).unwrap();
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            assert!(
                (ymd(year, 3, 22)..=ymd(year, 4, 25)).contains(&easter),
                "{year}: {easter}"
            );
            assert_eq!(easter, knuth_easter(year), "{year}");
        }
    }

    #[test]
    fn easter_is_total() {
        // Negative (proleptic) years still give a Sunday in the window, and
        // years outside chrono's range give None instead of panicking.
        for year in -3000..=0 {
            let easter = easter_sunday(year).unwrap();
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            assert!((ymd(year, 3, 22)..=ymd(year, 4, 25)).contains(&easter));
        }
        assert_eq!(easter_sunday(i32::MAX), None);
        assert_eq!(easter_sunday(i32::MIN), None);
        assert!(french_holidays(i32::MAX).is_empty());
        assert!(awareness_days(i32::MIN).is_empty());
    }

    fn as_tuples(days: &[Holiday]) -> Vec<(NaiveDate, &'static str)> {
        days.iter().map(|h| (h.date, h.name_fr)).collect()
    }

    #[test]
    fn holidays_2026() {
        assert_eq!(
            as_tuples(&french_holidays(2026)),
            [
                (ymd(2026, 1, 1), "Jour de l'an"),
                (ymd(2026, 4, 6), "Lundi de Pâques"),
                (ymd(2026, 5, 1), "Fête du Travail"),
                (ymd(2026, 5, 8), "Victoire 1945"),
                (ymd(2026, 5, 14), "Ascension"),
                (ymd(2026, 5, 25), "Lundi de Pentecôte"),
                (ymd(2026, 7, 14), "Fête nationale"),
                (ymd(2026, 8, 15), "Assomption"),
                (ymd(2026, 11, 1), "Toussaint"),
                (ymd(2026, 11, 11), "Armistice 1918"),
                (ymd(2026, 12, 25), "Noël"),
            ]
        );
    }

    #[test]
    fn holidays_2027() {
        assert_eq!(
            as_tuples(&french_holidays(2027)),
            [
                (ymd(2027, 1, 1), "Jour de l'an"),
                (ymd(2027, 3, 29), "Lundi de Pâques"),
                (ymd(2027, 5, 1), "Fête du Travail"),
                (ymd(2027, 5, 6), "Ascension"),
                (ymd(2027, 5, 8), "Victoire 1945"),
                (ymd(2027, 5, 17), "Lundi de Pentecôte"),
                (ymd(2027, 7, 14), "Fête nationale"),
                (ymd(2027, 8, 15), "Assomption"),
                (ymd(2027, 11, 1), "Toussaint"),
                (ymd(2027, 11, 11), "Armistice 1918"),
                (ymd(2027, 12, 25), "Noël"),
            ]
        );
    }

    #[test]
    fn movable_feasts_match_the_published_dates() {
        // Code du travail art. L3133-1: Easter Monday, Ascension, Whit Monday.
        let table = [
            (2024, (4, 1), (5, 9), (5, 20)),
            (2025, (4, 21), (5, 29), (6, 9)),
            (2028, (4, 17), (5, 25), (6, 5)),
            (2029, (4, 2), (5, 10), (5, 21)),
            (2030, (4, 22), (5, 30), (6, 10)),
        ];
        for (year, monday, ascension, whit) in table {
            let names = |date: (u32, u32)| holiday_on(ymd(year, date.0, date.1)).map(|h| h.name_en);
            assert_eq!(names(monday), Some("Easter Monday"), "{year}");
            assert_eq!(names(ascension), Some("Ascension Day"), "{year}");
            assert_eq!(names(whit), Some("Whit Monday"), "{year}");
        }
    }

    #[test]
    fn ascension_can_share_a_date() {
        // Ascension was 1 May in 2008 and 8 May in 1986: both entries are
        // listed, the lookup returns the one L.3133-1 lists first.
        let may_first = ymd(2008, 5, 1);
        let on_that_day: Vec<_> = french_holidays(2008)
            .into_iter()
            .filter(|h| h.date == may_first)
            .map(|h| h.name_fr)
            .collect();
        assert_eq!(on_that_day, ["Fête du Travail", "Ascension"]);
        assert_eq!(french_holidays(2008).len(), 11);
        assert_eq!(holiday_on(may_first).unwrap().name_fr, "Fête du Travail");
        assert_eq!(
            holiday_on(ymd(1986, 5, 8)).unwrap().name_fr,
            "Victoire 1945"
        );
    }

    #[test]
    fn holiday_on_agrees_with_the_yearly_list() {
        for year in [1583, 1900, 1982, 2000, 2024, 2026, 2027, 2100, 2285, 4099] {
            let list = french_holidays(year);
            let mut date = ymd(year, 1, 1);
            while date.year() == year {
                let expected = list.iter().find(|h| h.date == date).copied();
                assert_eq!(holiday_on(date), expected, "{date}");
                date = date.succ_opt().unwrap();
            }
        }
        assert_eq!(holiday_on(ymd(2026, 6, 1)), None);
    }

    #[test]
    fn alsace_moselle_2026() {
        let extra = alsace_moselle_extra(2026);
        assert_eq!(
            as_tuples(&extra),
            [
                (ymd(2026, 4, 3), "Vendredi saint"),
                (ymd(2026, 12, 26), "Saint-Étienne"),
            ]
        );
        // Not part of the national list.
        assert!(extra.iter().all(|h| holiday_on(h.date).is_none()));
    }

    fn dates_of(year: i32, name_en: &str) -> (NaiveDate, NaiveDate) {
        let day = awareness_days(year)
            .into_iter()
            .find(|a| a.name_en == name_en)
            .unwrap_or_else(|| panic!("{name_en} missing"));
        (day.from, day.to)
    }

    #[test]
    fn awareness_known_dates() {
        let one = |y, m, d| (ymd(y, m, d), ymd(y, m, d));
        assert_eq!(dates_of(2026, "World Kidney Day"), one(2026, 3, 12));
        assert_eq!(dates_of(2027, "World Kidney Day"), one(2027, 3, 11));
        // Check values from the organisers' published dates.
        assert_eq!(dates_of(2024, "World Kidney Day"), one(2024, 3, 14));
        assert_eq!(dates_of(2025, "World Kidney Day"), one(2025, 3, 13));
        assert_eq!(dates_of(2028, "World Kidney Day"), one(2028, 3, 9));
        assert_eq!(dates_of(2026, "World Sight Day"), one(2026, 10, 8));
        assert_eq!(dates_of(2026, "World Cancer Day"), one(2026, 2, 4));
        assert_eq!(dates_of(2026, "World Diabetes Day"), one(2026, 11, 14));
        assert_eq!(
            dates_of(2026, "Blue March (colorectal cancer)"),
            (ymd(2026, 3, 1), ymd(2026, 3, 31))
        );
        assert_eq!(
            dates_of(2026, "Movember"),
            (ymd(2026, 11, 1), ymd(2026, 11, 30))
        );
    }

    #[test]
    fn month_rule_handles_month_lengths() {
        assert_eq!(
            Rule::Month(2).dates(2028),
            Some((ymd(2028, 2, 1), ymd(2028, 2, 29)))
        );
        assert_eq!(
            Rule::Month(2).dates(2100),
            Some((ymd(2100, 2, 1), ymd(2100, 2, 28)))
        );
        assert_eq!(
            Rule::Month(12).dates(2026),
            Some((ymd(2026, 12, 1), ymd(2026, 12, 31)))
        );
        assert_eq!(Rule::Month(13).dates(2026), None);
        let last_year = NaiveDate::MAX.year();
        assert_eq!(
            Rule::Month(12).dates(last_year),
            Some((ymd(last_year, 12, 1), ymd(last_year, 12, 31)))
        );
        assert_eq!(
            Rule::NthWeekday {
                month: 2,
                n: 5,
                weekday: Weekday::Mon
            }
            .dates(2026),
            None
        );
    }

    #[test]
    fn awareness_days_are_sorted_and_complete() {
        for year in 1583..=2400 {
            let days = awareness_days(year);
            // Every rule exists every year: no 29 February, no fifth weekday.
            assert_eq!(days.len(), CATALOGUE.len(), "{year}");
            assert!(days.windows(2).all(|w| {
                (w[0].from, w[0].name_fr, w[0].name_en) < (w[1].from, w[1].name_fr, w[1].name_en)
            }));
            assert!(days.iter().all(|d| d.from <= d.to && d.from.year() == year));
        }
        // Same first day: French name decides.
        let november: Vec<_> = awareness_days(2026)
            .into_iter()
            .filter(|a| a.from == ymd(2026, 11, 1))
            .map(|a| a.name_fr)
            .collect();
        assert_eq!(november, ["Mois sans tabac", "Movember"]);
    }

    #[test]
    fn catalogue_is_well_formed() {
        let catalogue = awareness_catalogue();
        for (i, entry) in catalogue.iter().enumerate() {
            assert!(!entry.source.is_empty(), "{}", entry.name_en);
            // Verified means "checked against the URL cited in `source`".
            if entry.verified {
                assert!(entry.source.starts_with("https://"), "{}", entry.name_en);
            }
            for other in &catalogue[i + 1..] {
                assert_ne!(entry.name_fr, other.name_fr);
                assert_ne!(entry.name_en, other.name_en);
            }
        }
        // Calendar order, as documented.
        let firsts: Vec<_> = catalogue
            .iter()
            .map(|e| e.rule.dates(2026).unwrap().0)
            .collect();
        assert!(firsts.is_sorted());
        let verified: Vec<_> = catalogue
            .iter()
            .filter(|e| e.verified)
            .map(|e| e.name_en)
            .collect();
        assert_eq!(
            verified,
            [
                "World Cancer Day",
                "Blue March (colorectal cancer)",
                "World Kidney Day",
                "Pink October (breast cancer)",
                "Movember",
                "Tobacco-Free Month (France)",
                "World Diabetes Day",
            ]
        );
        // Left out on purpose, see CATALOGUE.
        assert!(!catalogue.iter().any(|e| e.name_fr.contains("Semaine")));
    }

    #[test]
    fn rule_in_words() {
        assert_eq!(Rule::Fixed { month: 2, day: 4 }.to_string(), "4 February");
        assert_eq!(Rule::Month(3).to_string(), "all of March");
        let kidney = Rule::NthWeekday {
            month: 3,
            n: 2,
            weekday: Weekday::Thu,
        };
        assert_eq!(kidney.to_string(), "second Thursday of March");
    }

    #[test]
    fn markdown_table() {
        let table = awareness_markdown_table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), CATALOGUE.len() + 2);
        assert_eq!(lines[0], "| Event | Date rule | Source | Verified |");
        assert_eq!(lines[1], "|---|---|---|---|");
        assert_eq!(
            lines[2],
            "| Journée mondiale contre le cancer (World Cancer Day) | 4 February \
             | https://www.jinko.care/blog/cancer-le-calendrier-des-couleurs-de-la-sensibilisation | yes |"
        );
        assert!(lines.contains(
            &"| Journée mondiale du rein (World Kidney Day) | second Thursday of March \
              | https://nationaldaycalendar.com/world-kidney-day-second-thursday-in-march/ | yes |"
        ));
        assert!(lines.contains(
            &"| Journée mondiale de la vue (World Sight Day) | second Thursday of October \
              | International Agency for the Prevention of Blindness (IAPB) | no |"
        ));
        // Same name in both languages is not repeated.
        assert!(lines.contains(
            &"| Movember | all of November | https://chnds.fr/movember/1/14/1169 | yes |"
        ));
        // Every row has exactly four cells.
        assert!(lines[2..].iter().all(|l| l.matches(" | ").count() == 3));
        assert!(table.ends_with("|\n"));
        assert_eq!(markdown_cell("a|b"), "a\\|b");
    }

    #[test]
    fn semaine_du_rein_suggestion() {
        // Observed dates, from France Rein's announcements.
        assert_eq!(
            suggested_semaine_du_rein(2024),
            Some((ymd(2024, 3, 9), ymd(2024, 3, 16)))
        );
        assert_eq!(
            suggested_semaine_du_rein(2025),
            Some((ymd(2025, 3, 8), ymd(2025, 3, 15)))
        );
        assert_eq!(
            suggested_semaine_du_rein(2026),
            Some((ymd(2026, 3, 7), ymd(2026, 3, 14)))
        );
        // 2015 ran 21-28 March: the reason this is only a suggestion.
        assert_ne!(
            suggested_semaine_du_rein(2015),
            Some((ymd(2015, 3, 21), ymd(2015, 3, 28)))
        );
    }
}
