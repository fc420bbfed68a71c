//! `date-mismatch`: a text that names a day which is not the day it goes
//! out on that channel, in the calendar's zone.
//!
//! What is read, in French (and the English relative words):
//!
//! - "aujourd'hui", "ce soir", "ce matin", "ce midi", "cet après-midi"
//!   ("today", "tonight", "this morning", "this afternoon", "this evening")
//!   name the day it goes out, "demain" ("tomorrow") the day after. They are
//!   reported when the channel goes out on another day than the post's own
//!   `at` or `on` (a variant moved), or when a weekday or a date follows
//!   them ("aujourd'hui, jeudi 8 octobre") that is not that day;
//! - "ce jeudi" ("this Thursday") names a day of the week it goes out:
//!   reported when that day is already past in the week (a post moved from
//!   Thursday to Friday); on the Monday, "ce jeudi" is the coming Thursday;
//! - a date, "12 mars", "1er mai", "12/03", with or without its year: reported
//!   when it is already past on the day it goes out (a date within half a
//!   year reads in the nearest year), or when the weekday written before it
//!   is not its weekday ("jeudi 12 mars" on a Friday the 12th). A future
//!   date is an announcement, and is not reported.
//!
//! One finding per (post, channel) pair, at its first occurrence that
//! mismatches; ideas and published posts are not read, as for the
//! publishing rules. Words inside URLs and hashtags are not read.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::days::weekday_name;
use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Post, Status, Timing};
use crate::rules::Code;

/// Reads `posts`, a slice of the calendar's (`check` runs slices in
/// parallel, with the publishing rules). A text that names no day, which
/// is most, is read once for all its pairs.
pub fn check(calendar: &Calendar, posts: &[Box<Post>], out: &mut Vec<Diagnostic>) {
    for post in posts {
        // As the publishing rules: an idea is a note, a published post history.
        if matches!(
            post.status.value,
            Status::Idea | Status::Published | Status::Cancelled
        ) {
            continue;
        }
        // Whether the post's own text names a day, read once for all the
        // channels that share it.
        let mut own_text_may = None;
        for channel in post.channel_ids() {
            // The written text, as `publish::compose` takes it: the
            // variant's, else the post's.
            let variant = post.variants.get(channel).and_then(|v| v.text.as_ref());
            let Some(written) = variant.or(post.text.as_ref()) else {
                continue;
            };
            let may = match variant {
                Some(text) => may_name_a_day(&text.value),
                None => *own_text_may.get_or_insert_with(|| may_name_a_day(&written.value)),
            };
            if !may {
                continue;
            }
            let mut pairs = Vec::new();
            calendar.pairs_of(post, channel, |_| true, |pair| pairs.push(pair));
            pairs.sort_by_key(|pair| pair.time.instant);
            // One finding per pair, at its first occurrence that mismatches.
            let Some((pair, why)) = pairs.iter().find_map(|pair| {
                mismatch(&written.value, pair.time.local.date(), own_day(post))
                    .map(|why| (pair, why))
            }) else {
                continue;
            };
            let day = pair.time.local.date();
            out.push(
                Diagnostic::new(
                    Code::DateMismatch,
                    written.span,
                    format!(
                        "`{}` goes out on `{}` on {} ({}), and its text {why}",
                        pair.id(),
                        pair.channel,
                        day,
                        weekday_name(day.weekday()),
                    ),
                )
                .label("a day that does not hold")
                .help(format!(
                    "reword the text, give `{}` its own `[post.variants.{}]` text, or move the post",
                    post.id.value, pair.channel
                ))
                .post(&post.id.value)
                .channel(pair.channel),
            );
        }
    }
}

/// The post's own day, the one its words were written for: its `at`'s
/// day or its `on`.
fn own_day(post: &Post) -> Option<NaiveDate> {
    match &post.timing {
        Timing::At(at) if post.repeat.is_none() => Some(at.value.local.date()),
        Timing::On(on) => Some(on.value),
        _ => None,
    }
}

/// What the text says that does not hold on `day`, if anything.
pub fn mismatch(text: &str, day: NaiveDate, own: Option<NaiveDate>) -> Option<String> {
    let words = words(text);
    for (i, word) in words.iter().enumerate() {
        let relative = match word.as_str() {
            "aujourd'hui" | "aujourdhui" | "today" | "tonight" => Some((0, word.clone())),
            "demain" | "tomorrow" => Some((1, word.clone())),
            "ce" | "cet" | "this"
                if words.get(i + 1).is_some_and(|next| {
                    matches!(
                        next.as_str(),
                        "soir"
                            | "matin"
                            | "midi"
                            | "apres-midi"
                            | "morning"
                            | "afternoon"
                            | "evening"
                    )
                }) =>
            {
                Some((0, format!("{word} {}", words[i + 1])))
            }
            _ => None,
        };
        if let Some((offset, said)) = relative {
            let meant = day + Duration::days(offset);
            if let Some(own) = own
                && own != day
            {
                return Some(format!(
                    "says \"{said}\", written for the post's day, {own}"
                ));
            }
            // A weekday or a date right after: "aujourd'hui, jeudi 8 octobre".
            for j in i + 1..(i + 4).min(words.len()) {
                if let Some((date, _)) = date_at(&words, j, day) {
                    if date != meant {
                        return Some(format!("says \"{said}\" and names {date}"));
                    }
                    break;
                }
                if let Some(weekday) = weekday(&words[j]) {
                    if weekday != meant.weekday() && date_at(&words, j + 1, day).is_none() {
                        return Some(format!("says \"{said} {}\"", words[j]));
                    }
                    break;
                }
            }
            continue;
        }
        // "ce jeudi": a day of this week, not already past.
        if matches!(word.as_str(), "ce" | "this")
            && let Some(next) = words.get(i + 1)
            && let Some(weekday) = weekday(next)
            && weekday.num_days_from_monday() < day.weekday().num_days_from_monday()
        {
            return Some(format!(
                "says \"{word} {next}\", already past in the week it goes out"
            ));
        }
        if let Some((date, len)) = date_at(&words, i, day) {
            if let Some(before) = i.checked_sub(1).and_then(|b| weekday(&words[b]))
                && before != date.weekday()
            {
                return Some(format!(
                    "says \"{} {}\", and {date} is a {}",
                    words[i - 1],
                    words[i..i + len].join(" "),
                    weekday_name(date.weekday())
                ));
            }
            if date < day {
                return Some(format!(
                    "names {date} (\"{}\"), already past when it goes out",
                    words[i..i + len].join(" ")
                ));
            }
        }
    }
    None
}

/// Whether `text` holds anything [`mismatch`] reads: an ASCII digit (every
/// date has one) or one of the words it starts from. Most texts have
/// neither, and this pass, without a word allocated, spares them the
/// reading, about half of this rule's time on a 100,000-post
/// archive. `check` asks it once per text, before `mismatch` for each day.
fn may_name_a_day(text: &str) -> bool {
    // Each word, folded as `words` folds it, in a buffer as long as the
    // longest word looked for; a longer word, or one with a letter outside
    // ASCII once folded, is none of them.
    const LONGEST: usize = "aujourdhui".len();
    let mut word = [0u8; LONGEST];
    let mut len = 0;
    let mut fits = true;
    let is_start = |word: &[u8]| {
        let word = std::str::from_utf8(word).unwrap_or_default();
        matches!(
            word,
            "aujourd"
                | "aujourdhui"
                | "today"
                | "tonight"
                | "demain"
                | "tomorrow"
                | "soir"
                | "matin"
                | "midi"
                | "morning"
                | "afternoon"
                | "evening"
        ) || weekday(word).is_some()
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            return true;
        }
        let c = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            fold(c)
        };
        if c.is_alphanumeric() {
            if c.is_ascii() && len < LONGEST {
                word[len] = c as u8;
                len += 1;
            } else {
                fits = false;
            }
        } else {
            if fits && len > 0 && is_start(&word[..len]) {
                return true;
            }
            len = 0;
            fits = true;
        }
    }
    fits && len > 0 && is_start(&word[..len])
}

/// The date written at `words[i]`, and how many words it takes: `12 mars`,
/// `1er mai 2027`, `12/03`, `12/03/2027`. Without a year, the date in the
/// year nearest to `day`.
fn date_at(words: &[String], i: usize, day: NaiveDate) -> Option<(NaiveDate, usize)> {
    let word = words.get(i)?;
    let (d, m, y, len) = if let Some((d, rest)) = word.split_once('/') {
        let (m, y) = match rest.split_once('/') {
            Some((m, y)) => (m, Some(y)),
            None => (rest, None),
        };
        let year = match y {
            Some(y) if y.len() == 4 => Some(y.parse::<i32>().ok()?),
            Some(_) => return None,
            None => None,
        };
        if d.len() > 2 || m.len() > 2 {
            return None;
        }
        (d.parse::<u32>().ok()?, m.parse::<u32>().ok()?, year, 1)
    } else {
        let d = word.strip_suffix("er").unwrap_or(word);
        if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let m = month(words.get(i + 1)?)?;
        let year = words
            .get(i + 2)
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|y| y.parse::<i32>().ok());
        (d.parse().ok()?, m, year, if year.is_some() { 3 } else { 2 })
    };
    let date = match y {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d)?,
        None => [day.year() - 1, day.year(), day.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .min_by_key(|date| (*date - day).num_days().abs())?,
    };
    Some((date, len))
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "lundi" | "monday" => Weekday::Mon,
        "mardi" | "tuesday" => Weekday::Tue,
        "mercredi" | "wednesday" => Weekday::Wed,
        "jeudi" | "thursday" => Weekday::Thu,
        "vendredi" | "friday" => Weekday::Fri,
        "samedi" | "saturday" => Weekday::Sat,
        "dimanche" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn month(word: &str) -> Option<u32> {
    Some(match word {
        "janvier" | "janv" => 1,
        "fevrier" | "fevr" => 2,
        "mars" => 3,
        "avril" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" => 7,
        "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "decembre" | "dec" => 12,
        _ => return None,
    })
}

/// The words of a text, lowercase and without accents, URLs and hashtags
/// left out; `'` and `’` kept inside a word, `/` between digits.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        if chunk.contains("://") || chunk.starts_with("www.") || chunk.starts_with('#') {
            continue;
        }
        let mut word = String::new();
        for c in chunk.chars() {
            let c = fold(c);
            if c.is_alphanumeric()
                || c == '\''
                || c == '-'
                || (c == '/' && word.ends_with(|p: char| p.is_ascii_digit()))
            {
                word.push(c);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    for word in &mut out {
        let trimmed = word.trim_matches(|c| c == '-' || c == '\'' || c == '/');
        if trimmed.len() != word.len() {
            *word = trimmed.to_owned();
        }
    }
    out
}

/// Lowercase, without the accents of French, `’` as `'`.
fn fold(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        '’' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Thursday 8 October 2026.
    #[allow(non_snake_case)]
    fn THU() -> NaiveDate {
        d(2026, 10, 8)
    }

    #[test]
    fn today_words_hold_on_the_post_s_own_day_only() {
        assert_eq!(
            mismatch("Aujourd’hui, portes ouvertes", THU(), Some(THU())),
            None
        );
        assert_eq!(mismatch("Rendez-vous ce soir à 18 h", THU(), None), None);
        assert!(
            mismatch("Aujourd'hui, portes ouvertes", d(2026, 10, 9), Some(THU()))
                .unwrap()
                .contains("written for the post's day, 2026-10-08")
        );
        assert!(mismatch("À demain !", d(2026, 10, 9), Some(THU())).is_some());
    }

    #[test]
    fn a_today_word_with_another_day_is_reported() {
        assert_eq!(mismatch("Aujourd'hui jeudi 8 octobre", THU(), None), None);
        assert_eq!(mismatch("Aujourd'hui, jeudi, on marche", THU(), None), None);
        assert!(mismatch("Aujourd'hui vendredi, on marche", THU(), None).is_some());
        assert!(mismatch("Demain vendredi 9 octobre", THU(), None).is_none());
        assert!(
            mismatch("Aujourd'hui 12 mars", THU(), None)
                .unwrap()
                .contains("names 2027-03-12")
        );
    }

    #[test]
    fn this_weekday_is_reported_once_past_in_the_week() {
        assert_eq!(mismatch("Rendez-vous ce jeudi", THU(), None), None);
        assert_eq!(mismatch("Rendez-vous ce samedi", THU(), None), None);
        assert!(
            mismatch("Rendez-vous ce mardi", THU(), None)
                .unwrap()
                .contains("\"ce mardi\", already past")
        );
    }

    #[test]
    fn dates_are_reported_when_past_or_on_the_wrong_weekday() {
        assert_eq!(mismatch("Conférence le 12 octobre", THU(), None), None);
        assert_eq!(mismatch("Conférence le 8/10", THU(), None), None);
        assert!(mismatch("Conférence le 1er octobre", THU(), None).is_some());
        assert!(mismatch("Conférence le 05/10/2026", THU(), None).is_some());
        assert!(
            mismatch("Conférence vendredi 8 octobre", THU(), None)
                .unwrap()
                .contains("is a Thursday")
        );
        // Early January: "28 décembre" is the one just past.
        assert!(mismatch("Merci pour le 28 décembre", d(2027, 1, 5), None).is_some());
        // Late December: "5 janvier" is the coming one.
        assert_eq!(
            mismatch("Rendez-vous le 5 janvier", d(2026, 12, 20), None),
            None
        );
    }

    #[test]
    fn what_is_not_read_has_no_digit_and_none_of_the_words() {
        assert!(!may_name_a_day("Buvez de l'eau, même sans soif."));
        assert!(!may_name_a_day("Ce cetera, this and that"));
        assert!(!may_name_a_day("Aujourdhuiaaaa, l’été œuvre, lundis"));
        assert!(may_name_a_day("l’été, AUJOURD’HUI"));
        for text in [
            "AUJOURD’HUI",
            "Aujourdhui",
            "à DEMAIN",
            "cet après-midi",
            "this Evening",
            "ce Jeudi",
            "le 1er",
            "08/10",
        ] {
            assert!(may_name_a_day(text), "{text}");
        }
        // Every text a finding is made of passes the filter: the words it
        // starts from, each alone after "ce" on a day it does not hold.
        let relative = [
            "aujourd'hui",
            "aujourdhui",
            "today",
            "tonight",
            "demain",
            "tomorrow",
        ];
        let part_of_day = [
            "ce soir",
            "ce matin",
            "ce midi",
            "cet après-midi",
            "this morning",
            "this afternoon",
            "this evening",
        ];
        for words in relative.iter().chain(&part_of_day) {
            let text = format!("Rendez-vous {words}");
            assert!(
                mismatch(&text, THU(), Some(d(2026, 10, 7))).is_some(),
                "{text}"
            );
            assert!(may_name_a_day(&text), "{text}");
        }
        for word in [
            "lundi",
            "mardi",
            "mercredi",
            "monday",
            "tuesday",
            "wednesday",
        ] {
            let text = format!("Rendez-vous ce {word}");
            assert!(mismatch(&text, THU(), None).is_some(), "{text}");
            assert!(may_name_a_day(&text), "{text}");
        }
    }

    #[test]
    fn a_repeating_post_is_reported_once_at_its_first_mismatching_day() {
        let checked = crate::testing::checked(
            &[
                ("channels.toml", "[facebook]\nnetwork = \"facebook\"\n"),
                (
                    "posts/p.toml",
                    "[[post]]\nid = \"daily\"\ntitle = \"t\"\nchannels = [\"facebook\"]\n\
                     status = \"draft\"\nat = 2026-10-05T10:00:00\ntext = \"Rendez-vous ce mardi\"\n\
                     repeat = { every = \"day\", count = 4 }\n",
                ),
            ],
            "2026-09-01",
        );
        let found: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::DateMismatch)
            .map(|d| d.message.as_str())
            .collect();
        // Monday 5 and Tuesday 6 hold; Wednesday 7 is the first that does not.
        assert_eq!(
            found,
            [
                "`daily@2026-10-07` goes out on `facebook` on 2026-10-07 (Wednesday), and its text says \"ce mardi\", already past in the week it goes out"
            ]
        );
    }

    #[test]
    fn urls_hashtags_and_other_numbers_are_not_dates() {
        assert_eq!(
            mismatch(
                "Voir https://exemple.fr/2026/10/01/a #1eroctobre",
                THU(),
                None
            ),
            None
        );
        assert_eq!(mismatch("Ouvert 7 jours sur 7, 24/24", THU(), None), None);
        assert_eq!(mismatch("Mars est une planète", THU(), None), None);
    }
}
